import { describe, expect, it } from "vitest";
import {
  acceptanceText,
  agreementText,
  entryGroups,
  formOfGroup,
  itemRuns,
  parseItemList,
  planGroups,
  todayIso,
  validatePlanLine,
  type PlanLineForm,
} from "./assessmentPlan";
import type { AssessmentPlan } from "./bindings/AssessmentPlan";
import type { PlanEntry } from "./bindings/PlanEntry";

const ORDER = ["P1", "P2", "P3", "P4", "P5", "K1", "K2", "K3"];

function entry(item_id: string, over: Partial<PlanEntry> = {}): PlanEntry {
  return {
    item_id,
    methods: ["observation"],
    methods_label: "Direct observation",
    target_on: "2027-01-31",
    note: "",
    drafted_by: "learner",
    updated_at: "2026-11-30T10:00:00.000Z",
    overdue: false,
    ...over,
  };
}

function plan(entries: PlanEntry[], over: Partial<AssessmentPlan> = {}): AssessmentPlan {
  return { entries, fingerprint: "ab".repeat(32), acceptances: [], agreed: false, overdue: [], ...over };
}

describe("itemRuns", () => {
  it("writes runs of the standard's items with a dash, pairs and single items with commas", () => {
    expect(itemRuns(["P1", "P2", "P3", "P5"], ORDER)).toBe("P1\u2013P3, P5");
    expect(itemRuns(["P4", "P5"], ORDER)).toBe("P4, P5");
    expect(itemRuns(["P5", "K1"], ORDER)).toBe("P5, K1");
    expect(itemRuns(["K3"], ORDER)).toBe("K3");
    expect(itemRuns(["X9", "P1"], ORDER)).toBe("X9, P1");
  });
});

describe("planGroups", () => {
  it("groups consecutive lines that say the same, keeping each group's overdue items", () => {
    const groups = planGroups(
      plan([
        entry("P1"),
        entry("P2", { overdue: true }),
        entry("P3"),
        entry("K1", { methods_label: "Professional discussion", target_on: "2027-02-28" }),
        entry("K2", { methods_label: "Professional discussion", target_on: "2027-02-28", drafted_by: "assessor" }),
      ]),
      ORDER,
    );
    expect(groups.map((g) => [g.items, g.methods, g.target_on, g.drafted_by, g.overdue])).toEqual([
      ["P1\u2013P3", "Direct observation", "2027-01-31", "learner", ["P2"]],
      ["K1", "Professional discussion", "2027-02-28", "learner", []],
      ["K2", "Professional discussion", "2027-02-28", "assessor", []],
    ]);
  });
});

describe("agreementText", () => {
  const accepted = (party: "learner" | "assessor", current: boolean) => ({
    party,
    name: party === "learner" ? "Siân" : "Màiri",
    accepted_at: "2026-11-30T10:00:00.000Z",
    plan: "cd".repeat(32),
    current,
  });
  it("says whom the plan waits for, counting only acceptances of the plan as it is", () => {
    expect(agreementText(plan([entry("P1")]))).toBe(
      "Not agreed yet: waiting for the learner and the assessor to accept it.",
    );
    expect(agreementText(plan([entry("P1")], { acceptances: [accepted("learner", true), accepted("assessor", false)] }))).toBe(
      "Not agreed yet: waiting for the assessor to accept it.",
    );
    expect(agreementText(plan([entry("P1")], { agreed: true }))).toBe("Agreed by learner and assessor.");
  });
});

describe("the plan screen's form", () => {
  const form = (over: Partial<PlanLineForm> = {}): PlanLineForm => ({
    items: "P1, P2",
    methods: ["observation"],
    target_on: "2027-01-31",
    note: "",
    ...over,
  });

  it("reads items typed as a list or a run, in the standard's order, each once", () => {
    expect(parseItemList("k2, p1 P1", ORDER)).toEqual({ items: ["P1", "K2"], unknown: [] });
    expect(parseItemList("P2-P4; K1", ORDER)).toEqual({ items: ["P2", "P3", "P4", "K1"], unknown: [] });
    expect(parseItemList("P3\u2013P5", ORDER).items).toEqual(["P3", "P4", "P5"]);
    expect(parseItemList("P9, P4-P2, K3", ORDER)).toEqual({ items: ["K3"], unknown: ["P9", "P4-P2"] });
  });

  it("says what is wrong: unknown items, no items, no method, a past or unreadable date", () => {
    expect(validatePlanLine(form(), ORDER, "2026-12-01")).toEqual({});
    expect(validatePlanLine(form({ items: "P9" }), ORDER, "2026-12-01").items).toMatch(/^P9 is not an item/);
    expect(validatePlanLine(form({ items: " , " }), ORDER, "2026-12-01").items).toMatch(/Name the items/);
    expect(validatePlanLine(form({ methods: [] }), ORDER, "2026-12-01").methods).toMatch(/at least one/);
    expect(validatePlanLine(form({ target_on: "2026-11-30" }), ORDER, "2026-12-01").target_on).toMatch(/in the past/);
    expect(validatePlanLine(form({ target_on: "2026-12-01" }), ORDER, "2026-12-01")).toEqual({});
    expect(validatePlanLine(form({ target_on: "2027-02-30" }), ORDER, "2026-12-01").target_on).toMatch(/as a date/);
    expect(validatePlanLine(form({ target_on: "" }), ORDER, "2026-12-01").target_on).toMatch(/Give a target/);
  });

  it("fills the form from a line's group, to change it", () => {
    const p = plan([entry("P1", { note: "n" }), entry("P2", { note: "n" }), entry("P3", { note: "n" })]);
    const groups = entryGroups(p);
    expect(groups).toHaveLength(1);
    expect(formOfGroup(groups[0]!, ORDER)).toEqual({
      items: "P1\u2013P3",
      methods: ["observation"],
      target_on: "2027-01-31",
      note: "n",
    });
  });

  it("says each side's acceptance, and that one of other content needs giving again", () => {
    const p = plan([entry("P1")], {
      acceptances: [
        { party: "learner", name: "Siân", accepted_at: "2026-11-30T10:00:00.000Z", plan: "x", current: true },
        { party: "assessor", name: "Màiri", accepted_at: "2026-11-30T10:00:00.000Z", plan: "y", current: false },
      ],
    });
    expect(acceptanceText(p, "learner")).toBe("Learner: accepted by Siân.");
    expect(acceptanceText(p, "assessor")).toMatch(/^Assessor: Màiri accepted an earlier version; the plan has changed since/);
    expect(acceptanceText(plan([]), "assessor")).toBe("Assessor: not accepted yet.");
  });

  it("writes today as the user's calendar date", () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});
