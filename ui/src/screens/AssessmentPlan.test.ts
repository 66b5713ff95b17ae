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
import { byTestId, modalDialogs, portfolioAnswers, runApp, type Running } from "../test/app";

modalDialogs();

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
  removed: [],
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

describe("removing a line from the plan", () => {
  it("asks first, sends the line's items, and says the plan needs accepting again", async () => {
    const accepted = plan({
      entries: [line("P1"), line("P2"), { ...line("K4"), methods_label: "Product evidence", methods: ["product"] }],
      acceptances: [{ party: "learner", name: "Siân", accepted_at: "", plan: FP, current: true }],
    });
    const after = plan({
      entries: [{ ...line("K4"), methods_label: "Product evidence", methods: ["product"] }],
      fingerprint: "cd".repeat(32),
      acceptances: [{ party: "learner", name: "Siân", accepted_at: "", plan: FP, current: false }],
      removed: [
        { item_id: "P1", removed_by: "learner", removed_at: "2026-11-03T10:00:00.000Z" },
        { item_id: "P2", removed_by: "learner", removed_at: "2026-11-03T10:00:00.000Z" },
      ],
    });
    const answers = {
      ...portfolioAnswers("learner"),
      get_assessment_plan: () => accepted,
      remove_plan: () => after,
    };
    app = runApp({ screen: "plan", id: "p1" }, answers);
    await vi.waitFor(() => expect(document.querySelectorAll("[data-testid=plan-remove]")).toHaveLength(2));
    const remove = document.querySelector<HTMLButtonElement>('[aria-label="Remove the plan for P1, P2"]');
    expect(remove).not.toBeNull();

    // Cancelled: nothing sent.
    remove!.click();
    await vi.waitFor(() => expect(byTestId<HTMLDialogElement>("confirm-dialog").open).toBe(true));
    expect(byTestId("confirm-dialog").textContent).toContain("Remove the plan for P1, P2?");
    byTestId<HTMLButtonElement>("confirm-cancel").click();
    await vi.waitFor(() => expect(byTestId<HTMLDialogElement>("confirm-dialog").open).toBe(false));
    expect(app.count("remove_plan")).toBe(0);

    remove!.click();
    await vi.waitFor(() => expect(byTestId<HTMLDialogElement>("confirm-dialog").open).toBe(true));
    byTestId<HTMLButtonElement>("confirm-ok").click();
    await vi.waitFor(() => expect(app!.count("remove_plan")).toBe(1));
    expect(app.calls.find(([c]) => c === "remove_plan")![1]).toMatchObject({ id: "p1", items: ["P1", "P2"] });
    await vi.waitFor(() => expect(document.querySelectorAll("[data-testid=plan-line]")).toHaveLength(1));
    expect(byTestId("plan-line").dataset.items).toBe("K4");
    expect(byTestId("plan-removed").textContent).toContain("P1, P2: removed by the learner on 3 November");
    expect(byTestId("plan-acceptance-learner").textContent).toContain("needs accepting again");
    expect(document.body.textContent).toContain("Removed the plan for P1, P2. The plan needs accepting again.");
  });

  it("keeps the dialog open with the reason when the removal is refused", async () => {
    const answers = {
      ...portfolioAnswers("learner"),
      get_assessment_plan: () => plan(),
      remove_plan: () => {
        throw { code: "invalid_input", message: "P1 has no line in the assessment plan to remove." };
      },
    };
    app = runApp({ screen: "plan", id: "p1" }, answers);
    await vi.waitFor(() => byTestId("plan-remove"));
    byTestId<HTMLButtonElement>("plan-remove").click();
    await vi.waitFor(() => expect(byTestId<HTMLDialogElement>("confirm-dialog").open).toBe(true));
    byTestId<HTMLButtonElement>("confirm-ok").click();
    await vi.waitFor(() => expect(byTestId("confirm-dialog").textContent).toContain("no line in the assessment plan"));
    expect(byTestId<HTMLDialogElement>("confirm-dialog").open).toBe(true);
    expect(document.querySelectorAll("[data-testid=plan-line]")).toHaveLength(1);
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
