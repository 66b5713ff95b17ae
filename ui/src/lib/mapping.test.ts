// Tests of choosing the items a piece of evidence shows: ticking in the
// standard's order, notes kept across a mistaken untick, and the search.
import { describe, expect, it } from "vitest";
import { filterChecklist, itemList, itemOrder, setNote, toggleItem, type ChecklistGroup } from "./mapping";

const groups: ChecklistGroup[] = [
  {
    kind: "performance",
    title: "Performance criteria",
    items: [
      { id: "P1", text: "establish working relationships with colleagues" },
      { id: "P4", text: "establish and agree shared aims" },
      { id: "P12", text: "identify and resolve conflict" },
    ],
  },
  {
    kind: "knowledge",
    title: "Knowledge and understanding",
    items: [
      { id: "K1", text: "the principles of partnership working" },
      { id: "K12", text: "how to manage conflict between partners" },
    ],
  },
];
const order = itemOrder(groups);

describe("toggleItem", () => {
  it("keeps the selection in the standard's order", () => {
    let m = toggleItem([], "K1", true, order);
    m = toggleItem(m, "P4", true, order);
    m = toggleItem(m, "P1", true, order);
    expect(m.map((x) => x.item_id)).toEqual(["P1", "P4", "K1"]);
  });

  it("brings a note back when an item is ticked again", () => {
    const memo = new Map<string, string>();
    let m = toggleItem([], "P4", true, order, memo);
    m = setNote(m, "P4", "Page 2: the shared aims");
    m = toggleItem(m, "P4", false, order, memo);
    expect(m).toEqual([]);
    m = toggleItem(m, "P4", true, order, memo);
    expect(m).toEqual([{ item_id: "P4", note: "Page 2: the shared aims" }]);
  });

  it("does nothing when the item is already as asked", () => {
    const m = [{ item_id: "P1", note: "x" }];
    expect(toggleItem(m, "P1", true, order)).toEqual(m);
    expect(toggleItem([], "P1", false, order)).toEqual([]);
  });
});

describe("filterChecklist", () => {
  it("finds an item by its reference, as people type it", () => {
    for (const q of ["p4", "P4", "p 4", " P4 "]) {
      expect(filterChecklist(groups, q).flatMap((g) => g.items.map((i) => i.id))).toEqual(["P4"]);
    }
    expect(filterChecklist(groups, "k12").flatMap((g) => g.items.map((i) => i.id))).toEqual(["K12"]);
  });

  it("finds items by every word typed, across both groups", () => {
    const found = filterChecklist(groups, "conflict");
    expect(found.map((g) => g.kind)).toEqual(["performance", "knowledge"]);
    expect(filterChecklist(groups, "conflict partners").flatMap((g) => g.items.map((i) => i.id))).toEqual(["K12"]);
  });

  it("leaves out groups with nothing to show, and can show only ticked items", () => {
    expect(filterChecklist(groups, "principles").map((g) => g.kind)).toEqual(["knowledge"]);
    const ticked = [{ item_id: "P12", note: "" }];
    expect(filterChecklist(groups, "", ticked, true).flatMap((g) => g.items.map((i) => i.id))).toEqual(["P12"]);
    expect(filterChecklist(groups, "nothing like this")).toEqual([]);
  });
});

describe("itemList", () => {
  it("reads as a list in words", () => {
    expect(itemList([])).toBe("");
    expect(itemList(["P1"])).toBe("P1");
    expect(itemList(["P1", "P4"])).toBe("P1 and P4");
    expect(itemList(["P1", "P4", "K3"])).toBe("P1, P4 and K3");
  });
});
