// Tests of the assessment plan and progress review screens in jsdom with
// the shell's commands answered by the test: a bad plan line is refused in
// words and nothing is sent; a good one sends the items read against the
// standard; accepting sends the fingerprint of the plan as shown; a plan
// changed since an acceptance says so; the assessor countersigns a review
// the learner signed.
import { flushSync } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AssessmentPlan } from "../lib/bindings/AssessmentPlan";
import type { ProgressReview } from "../lib/bindings/ProgressReview";
import { byTestId, portfolioAnswers, runApp, type Running } from "../test/app";

let app: Running | null = null;
afterEach(() => {
  app?.stop();
  app = null;
});

const FP = "ab".repeat(32);
const line = (item_id: string) => ({
  item_id,
  methods: ["observation" as const],
  methods_label: "Direct observation",
  target_on: "2099-03-31",
  note: "",
  drafted_by: "learner" as const,
  updated_at: "2026-11-30T10:00:00.000Z",
  overdue: false,
});
const plan = (over: Partial<AssessmentPlan> = {}): AssessmentPlan => ({
  entries: [line("P1"), line("P2")],
  fingerprint: FP,
  acceptances: [],
  agreed: false,
  overdue: [],
  ...over,
});

function type(id: string, value: string) {
  const el = byTestId<HTMLInputElement | HTMLTextAreaElement>(id);
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("the assessment plan screen", () => {
  it("refuses a bad line in words without sending it, then sends a good one", async () => {
    const answers = { ...portfolioAnswers("learner"), get_assessment_plan: () => plan({ entries: [] }), set_plan: () => plan() };
    app = runApp({ screen: "plan", id: "p1" }, answers);
    await vi.waitFor(() => byTestId("plan-empty"));
    type("plan-items", "P1, Q9");
    type("plan-target", "2001-01-01");
    flushSync();
    byTestId<HTMLButtonElement>("plan-save").click();
    await vi.waitFor(() => expect(document.getElementById("plan-items-error")?.textContent).toContain("Q9 is not an item"));
    expect(document.getElementById("plan-target-error")?.textContent).toContain("in the past");
    expect(document.getElementById("plan-methods-error")?.textContent).toContain("at least one");
    expect(app.count("set_plan")).toBe(0);

    type("plan-items", "p1-k1");
    type("plan-target", "2099-03-31");
    byTestId<HTMLInputElement>("plan-method-observation").click();
    flushSync();
    byTestId<HTMLButtonElement>("plan-save").click();
    await vi.waitFor(() => expect(app!.count("set_plan")).toBe(1));
    const [, args] = app.calls.find(([c]) => c === "set_plan")!;
    expect(args).toMatchObject({ items: ["P1", "P2", "K1"], methods: ["observation"], targetOn: "2099-03-31" });
    await vi.waitFor(() => expect(document.querySelectorAll("[data-testid=plan-line]")).toHaveLength(1));
  });

  it("accepts the plan as shown, and says when an acceptance is of an earlier plan", async () => {
    const shown = plan({
      acceptances: [{ party: "assessor", name: "Màiri", accepted_at: "", plan: "cd".repeat(32), current: false }],
    });
    const answers = {
      ...portfolioAnswers("learner"),
      get_assessment_plan: () => shown,
      accept_plan: () => plan({ acceptances: [{ party: "learner", name: "Siân", accepted_at: "", plan: FP, current: true }] }),
    };
    app = runApp({ screen: "plan", id: "p1" }, answers);
    await vi.waitFor(() => byTestId("plan-accept"));
    expect(byTestId("plan-acceptance-assessor").textContent).toContain("the plan has changed since");
    byTestId<HTMLButtonElement>("plan-accept").click();
    await vi.waitFor(() => expect(app!.count("accept_plan")).toBe(1));
    const [, args] = app.calls.find(([c]) => c === "accept_plan")!;
    expect(args).toMatchObject({ fingerprint: FP });
    await vi.waitFor(() => expect(byTestId("plan-acceptance-learner").textContent).toContain("accepted by Siân"));
  });
});

describe("progress reviews", () => {
  it("lets the assessor countersign a review the learner signed", async () => {
    const review = (signed: ("learner" | "assessor")[]): ProgressReview => ({
      reference: "R1",
      uid: "u1",
      written_by: "learner",
      held_on: "2026-11-30",
      achieved: "Items rated: P1.",
      next_steps: "Observe P1.",
      next_target: "2099-01-31",
      notes: "",
      learner_name: "Siân",
      assessor_name: "Màiri",
      created_at: "2026-11-30T10:00:00.000Z",
      signatures: signed.map((party) => ({ party, name: party, signed_at: "2026-11-30T10:00:00.000Z" })),
    });
    let signed = false;
    const answers = {
      ...portfolioAnswers("assessor"),
      list_reviews: () => [review(signed ? ["learner", "assessor"] : ["learner"])],
      sign_review: () => {
        signed = true;
        return review(["learner", "assessor"]);
      },
    };
    app = runApp({ screen: "reviews", id: "p1" }, answers);
    await vi.waitFor(() => byTestId("review-sign"));
    expect(byTestId("review-achieved").textContent).toBe("Items rated: P1.");
    type("review-sign-name", "Màiri");
    flushSync();
    byTestId<HTMLButtonElement>("review-sign").click();
    await vi.waitFor(() => expect(byTestId("review-assessor-signature").textContent).toContain("signed by assessor"));
    expect(app.calls.find(([c]) => c === "sign_review")![1]).toMatchObject({ reference: "R1", name: "Màiri" });
    expect(document.querySelector("[data-testid=review-sign]")).toBeNull();
  });
});
