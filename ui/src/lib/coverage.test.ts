// Tests of the coverage matrix as shown: rows and gaps per group, the
// "gaps only" filter, the words, keyboard movement and the columns in view.
import { describe, expect, it } from "vitest";
import type { Coverage } from "./bindings/Coverage";
import {
  cellLabel,
  clampCell,
  countText,
  coverageText,
  gapsText,
  matrixGroups,
  moveCell,
} from "./coverage";

const coverage: Coverage = {
  evidence: [
    { reference: "E1", number: 1, title: "Minutes", method: "product", method_label: "Product evidence", activity_date: null, item_count: 2 },
    { reference: "E3", number: 3, title: "Testimony", method: "witness_testimony", method_label: "Witness testimony", activity_date: "2026-10-01", item_count: 1 },
  ],
  rows: [
    { item_id: "P1", kind: "performance", text: "establish", evidence: [1] },
    { item_id: "P2", kind: "performance", text: "recognise", evidence: [] },
    { item_id: "K1", kind: "knowledge", text: "principles", evidence: [1, 3] },
    { item_id: "K2", kind: "knowledge", text: "benefits", evidence: [] },
  ],
  total_items: 4,
  covered_items: 2,
  gaps: 2,
  mappings: 3,
};

describe("matrixGroups", () => {
  it("groups the rows by kind with counts and gaps", () => {
    const groups = matrixGroups(coverage, "all");
    expect(groups.map((g) => [g.title, g.rows.length, g.gaps])).toEqual([
      ["Performance criteria", 2, 1],
      ["Knowledge and understanding", 2, 1],
    ]);
    const k1 = groups[1]!.rows[0]!;
    expect(k1.count).toBe(2);
    expect(k1.evidence.has(3)).toBe(true);
    expect(k1.gap).toBe(false);
  });

  it("shows only the items without evidence when asked", () => {
    const groups = matrixGroups(coverage, "gaps");
    expect(groups.flatMap((g) => g.rows.map((r) => r.itemId))).toEqual(["P2", "K2"]);
    expect(groups.every((g) => g.total === 2)).toBe(true);
  });

  it("drops a group that has no gaps from the gaps view", () => {
    const full = { ...coverage, rows: coverage.rows.map((r) => (r.item_id === "P2" ? { ...r, evidence: [3] } : r)) };
    expect(matrixGroups(full, "gaps").map((g) => g.kind)).toEqual(["knowledge"]);
  });
});

describe("words", () => {
  it("says how far the coverage goes", () => {
    expect(coverageText(coverage)).toBe("2 of 4 items have evidence");
    expect(gapsText(0)).toBe("Every item has evidence");
    expect(gapsText(1)).toBe("1 item has no evidence yet");
    expect(gapsText(40)).toBe("40 items have no evidence yet");
    expect(countText(0)).toBe("None");
    expect(countText(1)).toBe("1 piece");
    expect(countText(14)).toBe("14 pieces");
    expect(cellLabel("P1", coverage.evidence[0]!)).toBe("E1 shows P1: Minutes");
  });
});

describe("moveCell", () => {
  const at = { row: 2, col: 3 };
  it("moves one cell with the arrows, stopping at the edges (headers included)", () => {
    expect(moveCell(at, "ArrowRight", 42, 5)).toEqual({ row: 2, col: 4 });
    expect(moveCell({ row: 2, col: 4 }, "ArrowRight", 42, 5)).toEqual({ row: 2, col: 4 });
    expect(moveCell({ row: 0, col: 0 }, "ArrowUp", 42, 5)).toEqual({ row: -1, col: 0 });
    expect(moveCell({ row: -1, col: 0 }, "ArrowUp", 42, 5)).toEqual({ row: -1, col: 0 });
    expect(moveCell({ row: 0, col: 0 }, "ArrowLeft", 42, 5)).toEqual({ row: 0, col: -1 });
    expect(moveCell({ row: 41, col: 0 }, "ArrowDown", 42, 5)).toEqual({ row: 41, col: 0 });
  });

  it("jumps with Home, End and the page keys", () => {
    expect(moveCell(at, "Home", 42, 150)).toEqual({ row: 2, col: -1 });
    expect(moveCell(at, "End", 42, 150)).toEqual({ row: 2, col: 149 });
    expect(moveCell(at, "Home", 42, 150, true)).toEqual({ row: -1, col: -1 });
    expect(moveCell(at, "End", 42, 150, true)).toEqual({ row: 41, col: 149 });
    expect(moveCell(at, "PageDown", 42, 150)).toEqual({ row: 12, col: 3 });
    expect(moveCell(at, "PageUp", 42, 150)).toEqual({ row: -1, col: 3 });
  });

  it("stops on every header column before the body's, the count column's Add buttons included", () => {
    // The coverage matrix: the item (-2), then its count with "Add" (-1).
    expect(moveCell({ row: 0, col: 0 }, "ArrowLeft", 42, 5, false, 10, -2)).toEqual({ row: 0, col: -1 });
    expect(moveCell({ row: 0, col: -1 }, "ArrowLeft", 42, 5, false, 10, -2)).toEqual({ row: 0, col: -2 });
    expect(moveCell({ row: 0, col: -2 }, "ArrowLeft", 42, 5, false, 10, -2)).toEqual({ row: 0, col: -2 });
    expect(moveCell({ row: 0, col: -2 }, "ArrowRight", 42, 5, false, 10, -2)).toEqual({ row: 0, col: -1 });
    expect(moveCell(at, "Home", 42, 5, false, 10, -2)).toEqual({ row: 2, col: -2 });
    expect(moveCell(at, "Home", 42, 5, true, 10, -2)).toEqual({ row: -1, col: -2 });
    expect(clampCell({ row: 0, col: -2 }, 4, 2, -2)).toEqual({ row: 0, col: -2 });
  });

  it("ignores other keys", () => {
    expect(moveCell(at, "a", 42, 5)).toBeNull();
    expect(moveCell(at, "Tab", 42, 5)).toBeNull();
  });
});

describe("clampCell", () => {
  it("keeps the cursor inside a grid that shrank", () => {
    expect(clampCell({ row: 30, col: 2 }, 6, 5)).toEqual({ row: 5, col: 2 });
    expect(clampCell({ row: 3, col: 9 }, 6, 0)).toEqual({ row: 3, col: -1 });
  });
});
