// Tests of the overview's assessment plan card in a real (jsdom) DOM: the
// plan's rows grouped as the plan says them, the overdue flag, who drafted
// each line, and whether the plan is agreed.
import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import type { AssessmentPlan } from "../lib/bindings/AssessmentPlan";
import type { PlanEntry } from "../lib/bindings/PlanEntry";
import AssessmentPlanCard from "./AssessmentPlanCard.svelte";

let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = "";
});

const ORDER = ["P1", "P2", "P3", "K1"];

function entry(item_id: string, over: Partial<PlanEntry> = {}): PlanEntry {
  return {
    item_id,
    methods: ["observation", "witness_testimony"],
    methods_label: "Direct observation, Witness testimony",
    target_on: "2026-11-15",
    note: "At the steering group.",
    drafted_by: "learner",
    updated_at: "2026-11-01T10:00:00.000Z",
    overdue: false,
    ...over,
  };
}

describe("AssessmentPlanCard", () => {
  it("shows each group of the plan with its methods, note, target, overdue items and drafter", () => {
    const plan: AssessmentPlan = {
      entries: [
        entry("P1"),
        entry("P2", { overdue: true }),
        entry("P3"),
        entry("K1", {
          methods: ["questions_and_answers"],
          methods_label: "Questions and answers",
          target_on: "2027-02-28",
          note: "",
          drafted_by: "assessor",
        }),
      ],
      fingerprint: "ab".repeat(32),
      acceptances: [
        {
          party: "learner",
          name: "Siân Llŷr-Ŵyn",
          accepted_at: "2026-11-01T10:00:00.000Z",
          plan: "ab".repeat(32),
          current: true,
        },
      ],
      agreed: false,
      removed: [],
      overdue: ["P2"],
    };
    app = mount(AssessmentPlanCard, { target: document.body, props: { plan, order: ORDER } });
    flushSync();
    const rows = [...document.querySelectorAll("[data-testid=plan-row]")].map((r) =>
      [...r.children].map((c) => c.textContent?.replace(/\s+/gu, " ").trim()),
    );
    expect(rows).toEqual([
      [
        "P1\u2013P3",
        "Direct observation, Witness testimony At the steering group.",
        "15 November 2026 Overdue, no evidence: P2",
        "Learner",
      ],
      ["K1", "Questions and answers", "28 February 2027", "Assessor"],
    ]);
    expect(document.querySelector("[data-testid=plan-agreement]")?.textContent).toBe(
      "Not agreed yet: waiting for the assessor to accept it.",
    );
    expect(document.querySelector("h2")?.textContent).toBe("Assessment plan");
    expect(document.querySelector("[data-testid=plan-removed]")).toBeNull();
  });

  it("lists the lines removed, also when every line has been removed", () => {
    const plan: AssessmentPlan = {
      entries: [],
      fingerprint: "cd".repeat(32),
      acceptances: [],
      agreed: false,
      removed: [
        { item_id: "P1", removed_by: "assessor", removed_at: "2026-11-20T09:00:00.000Z" },
        { item_id: "P2", removed_by: "assessor", removed_at: "2026-11-20T09:00:00.000Z" },
      ],
      overdue: [],
    };
    app = mount(AssessmentPlanCard, { target: document.body, props: { plan, order: ORDER } });
    flushSync();
    expect(document.querySelector("table")).toBeNull();
    const lines = [...document.querySelectorAll("[data-testid=plan-removed]")].map((p) => p.textContent);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^P1, P2: removed by the assessor /u);
  });
});
