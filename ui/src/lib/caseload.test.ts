import { describe, expect, it } from "vitest";
import type { LibraryCaseloadRow } from "./bindings/LibraryCaseloadRow";
import type { Waiting } from "./bindings/Waiting";
import { caseloadRows, waitingText } from "./caseload";

function row(id: string, learner: string, waiting: Waiting, last: string | null, overdue: string[] = []): LibraryCaseloadRow {
  return {
    id,
    row: {
      file: `${id}.portfolio`,
      learner,
      centre: "Canolfan",
      title: "CLDAL16",
      role: "assessor",
      version: 1,
      waiting,
      last_action_at: last,
      overdue,
      problem: null,
    },
  };
}

const ROWS = [
  row("a", "Zoë", "signed_off", "2026-11-03T10:00:00.000Z"),
  row("b", "Aled", "resubmitted_with_changes", "2026-11-01T10:00:00.000Z", ["P1"]),
  row("c", "Bethan", "not_yet_judged", null, ["P1", "K2"]),
  row("d", "Carys", "not_yet_judged", "2026-11-02T10:00:00.000Z"),
];
const ids = (rows: LibraryCaseloadRow[]) => rows.map((r) => r.id);

describe("caseloadRows", () => {
  it("sorts by learner, what is waiting, last action or overdue targets", () => {
    expect(ids(caseloadRows(ROWS, "learner", null))).toEqual(["b", "c", "d", "a"]);
    expect(ids(caseloadRows(ROWS, "waiting", null))).toEqual(["c", "d", "b", "a"]);
    expect(ids(caseloadRows(ROWS, "last-action", null))).toEqual(["a", "d", "b", "c"]);
    expect(ids(caseloadRows(ROWS, "overdue", null))).toEqual(["c", "b", "d", "a"]);
  });
  it("filters by what is waiting and by a search of name, centre and title", () => {
    expect(ids(caseloadRows(ROWS, "learner", "not_yet_judged"))).toEqual(["c", "d"]);
    expect(ids(caseloadRows(ROWS, "learner", null, "car"))).toEqual(["d"]);
    expect(ids(caseloadRows(ROWS, "learner", "signed_off", "aled"))).toEqual([]);
  });
  it("says what is waiting in words", () => {
    expect(waitingText("with_iqa")).toBe("With the IQA");
    expect(waitingText(null)).toBe("Unknown");
  });
});
