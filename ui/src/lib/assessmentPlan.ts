/** The assessment plan as the overview shows it (read-only): its lines
 * grouped where consecutive items say the same, items written as runs
 * ("P1–P15"), and whether the plan is agreed or whom it waits for. */
import type { AssessmentPlan } from "./bindings/AssessmentPlan";
import type { PlanEntry } from "./bindings/PlanEntry";
import type { Role } from "./bindings/Role";

/** Consecutive plan lines that say the same thing, shown as one row. */
export interface PlanGroup {
  /** The items as runs: "P1–P15", "K2, K4". */
  items: string;
  methods: string;
  target_on: string;
  note: string;
  drafted_by: Role;
  /** The group's items past their target date with no evidence. */
  overdue: string[];
}

/** "P1–P3, P5" from ids in the standard's order (`order`: every id of the standard). */
export function itemRuns(ids: readonly string[], order: readonly string[]): string {
  const runs: [number, number][] = [];
  for (const id of ids) {
    const i = order.indexOf(id);
    const last = runs[runs.length - 1];
    if (last && i >= 0 && last[1] >= 0 && i === last[1] + 1) last[1] = i;
    else runs.push([i, i]);
  }
  const name = (i: number, fallback: string) => order[i] ?? fallback;
  return runs
    .map(([a, z], k) => {
      if (a < 0) return ids[k] ?? "";
      if (z === a) return name(a, "");
      if (z === a + 1) return `${name(a, "")}, ${name(z, "")}`;
      return `${name(a, "")}\u2013${name(z, "")}`;
    })
    .join(", ");
}

function sameLine(a: PlanEntry, b: PlanEntry): boolean {
  return (
    a.methods_label === b.methods_label &&
    a.target_on === b.target_on &&
    a.note === b.note &&
    a.drafted_by === b.drafted_by
  );
}

/** The plan's lines grouped for display, in the standard's order. */
export function planGroups(plan: AssessmentPlan, order: readonly string[]): PlanGroup[] {
  const groups: PlanEntry[][] = [];
  for (const e of plan.entries) {
    const last = groups[groups.length - 1];
    if (last && sameLine(last[0]!, e)) last.push(e);
    else groups.push([e]);
  }
  return groups.map((g) => ({
    items: itemRuns(
      g.map((e) => e.item_id),
      order,
    ),
    methods: g[0]!.methods_label,
    target_on: g[0]!.target_on,
    note: g[0]!.note,
    drafted_by: g[0]!.drafted_by,
    overdue: g.filter((e) => e.overdue).map((e) => e.item_id),
  }));
}

/** Whether the plan is agreed, in a sentence. */
export function agreementText(plan: AssessmentPlan): string {
  if (plan.agreed) return "Agreed by learner and assessor.";
  const current = (party: Role) => plan.acceptances.some((a) => a.party === party && a.current);
  const waiting = (["learner", "assessor"] as const).filter((p) => !current(p));
  return `Not agreed yet: waiting for the ${waiting.join(" and the ")} to accept it.`;
}
