import { describe, expect, it } from "vitest";
import { agreementText, itemRuns, planGroups } from "./assessmentPlan";
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
