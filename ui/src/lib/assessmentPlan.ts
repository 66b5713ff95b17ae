/** The assessment plan as the overview and the plan screen show it: its
 * lines grouped where consecutive items say the same, items written as runs
 * ("P1–P15"), whether the plan is agreed or whom it waits for, each side's
 * acceptance in words; and the plan screen's form: the items typed
 * ("P1, P2" or "P1–P3") read against the standard, and what is wrong with
 * a line before it is saved. */
import type { AssessmentPlan } from "./bindings/AssessmentPlan";
import type { EvidenceMethod } from "./bindings/EvidenceMethod";
import type { PlanEntry } from "./bindings/PlanEntry";
import type { Role } from "./bindings/Role";
import { isIsoDate } from "./validation";

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
  return entryGroups(plan).map((g) => ({
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

/** Today where the user is, `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The items a person typed for a plan line ("P1, P2, K4", "P1-P3" or
 * "P1–P3"), as the standard spells them (`order`: every id, in order);
 * each once, in the standard's order. Unknown items are named in `unknown`.
 */
export function parseItemList(text: string, order: readonly string[]): { items: string[]; unknown: string[] } {
  const find = (t: string) => order.find((id) => id.toLowerCase() === t.trim().toLowerCase());
  const chosen = new Set<string>();
  const unknown: string[] = [];
  for (const part of text.split(/[,;\s]+/).filter((p) => p !== "")) {
    const range = /^([A-Za-z]+\d+)[-\u2013]([A-Za-z]+\d+)$/.exec(part);
    if (range) {
      const a = find(range[1]!);
      const z = find(range[2]!);
      if (!a || !z || order.indexOf(a) > order.indexOf(z)) {
        unknown.push(part);
        continue;
      }
      for (const id of order.slice(order.indexOf(a), order.indexOf(z) + 1)) chosen.add(id);
      continue;
    }
    const id = find(part);
    if (id) chosen.add(id);
    else unknown.push(part);
  }
  return { items: order.filter((id) => chosen.has(id)), unknown };
}

/** A plan line as the form holds it. */
export interface PlanLineForm {
  items: string;
  methods: EvidenceMethod[];
  target_on: string;
  note: string;
}

export type PlanLineErrors = Partial<Record<"items" | "methods" | "target_on", string>>;

/** What is wrong with a plan line before it is saved (`today`: `YYYY-MM-DD`). */
export function validatePlanLine(form: PlanLineForm, order: readonly string[], today: string): PlanLineErrors {
  const errors: PlanLineErrors = {};
  const { items, unknown } = parseItemList(form.items, order);
  if (unknown.length > 0) {
    errors.items = `${unknown.join(", ")} ${unknown.length === 1 ? "is not an item" : "are not items"} of this standard: use ids like P1, K4 or a run like P1–P3.`;
  } else if (items.length === 0) {
    errors.items = "Name the items this line is for, e.g. P1, P2, K4 or P1–P3.";
  }
  if (form.methods.length === 0) errors.methods = "Choose at least one planned method of assessment.";
  if (!form.target_on.trim()) errors.target_on = "Give a target date.";
  else if (!isIsoDate(form.target_on.trim())) errors.target_on = "Write the target date as a date, e.g. 2027-03-31.";
  else if (form.target_on.trim() < today) errors.target_on = "The target date is in the past: choose today or a later date.";
  return errors;
}

/** The form for an existing plan line (its group's items), to change it. */
export function formOfGroup(entries: readonly PlanEntry[], order: readonly string[]): PlanLineForm {
  const first = entries[0];
  return {
    items: itemRuns(
      entries.map((e) => e.item_id),
      order,
    ),
    methods: first ? [...first.methods] : [],
    target_on: first?.target_on ?? "",
    note: first?.note ?? "",
  };
}

/** The plan's entries in the same groups as `planGroups`. */
export function entryGroups(plan: AssessmentPlan): PlanEntry[][] {
  const groups: PlanEntry[][] = [];
  for (const e of plan.entries) {
    const last = groups[groups.length - 1];
    if (last && sameLine(last[0]!, e)) last.push(e);
    else groups.push([e]);
  }
  return groups;
}

/** A party's acceptance in words: whether it holds for the plan as shown. */
export function acceptanceText(plan: AssessmentPlan, party: Role): string {
  const who = party === "learner" ? "Learner" : "Assessor";
  const a = plan.acceptances.find((x) => x.party === party);
  if (!a) return `${who}: not accepted yet.`;
  if (a.current) return `${who}: accepted by ${a.name}.`;
  return `${who}: ${a.name} accepted an earlier version; the plan has changed since, so it needs accepting again.`;
}
