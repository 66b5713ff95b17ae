// The assessor's caseload on the home screen: what is waiting on each copy
// in words, and the rows sorted and filtered as the assessor chooses
// (client side: the core gives every assessor's copy of the library).
import type { LibraryCaseloadRow } from "./bindings/LibraryCaseloadRow";
import type { Waiting } from "./bindings/Waiting";

export type CaseloadSort = "learner" | "waiting" | "last-action" | "overdue";

export const SORTS: readonly [CaseloadSort, string][] = [
  ["learner", "Learner"],
  ["waiting", "What is waiting"],
  ["last-action", "Last action (newest first)"],
  ["overdue", "Overdue targets (most first)"],
];

/** The waiting states, in the order "what is waiting" sorts them, with their words. */
export const WAITING: readonly [Waiting, string][] = [
  ["not_yet_judged", "Not yet judged"],
  ["resubmitted_with_changes", "Resubmitted with changes"],
  ["judged", "Judged, not signed off"],
  ["signed_off", "Signed off"],
  ["with_iqa", "With the IQA"],
  ["returned", "Returned"],
  ["draft", "Not submitted"],
];

export function waitingText(w: Waiting | null): string {
  return WAITING.find(([k]) => k === w)?.[1] ?? "Unknown";
}

/** The rows in `waiting` (all when null), sorted by `sort`, each order ending on the learner's name. */
export function caseloadRows(
  rows: readonly LibraryCaseloadRow[],
  sort: CaseloadSort,
  waiting: Waiting | null,
  search = "",
): LibraryCaseloadRow[] {
  const q = search.trim().toLowerCase();
  const kept = rows.filter(
    (r) =>
      (waiting === null || r.row.waiting === waiting) &&
      (q === "" || `${r.row.learner} ${r.row.centre} ${r.row.title}`.toLowerCase().includes(q)),
  );
  const byName = (a: LibraryCaseloadRow, b: LibraryCaseloadRow) =>
    a.row.learner.localeCompare(b.row.learner) || a.id.localeCompare(b.id);
  const rank = (w: Waiting | null) => {
    const i = WAITING.findIndex(([k]) => k === w);
    return i < 0 ? WAITING.length : i;
  };
  const order: Record<CaseloadSort, (a: LibraryCaseloadRow, b: LibraryCaseloadRow) => number> = {
    learner: () => 0,
    waiting: (a, b) => rank(a.row.waiting) - rank(b.row.waiting),
    "last-action": (a, b) => (b.row.last_action_at ?? "").localeCompare(a.row.last_action_at ?? ""),
    overdue: (a, b) => b.row.overdue.length - a.row.overdue.length,
  };
  return kept.sort((a, b) => order[sort](a, b) || byName(a, b));
}
