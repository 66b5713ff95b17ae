// Tests of the IQA's helpers: which decision is current (made since the
// assessor's latest sign-off), where an assessor's copy stands with the
// IQA, the received record in words, and the checks on a sample and on the
// signed decision.
import { describe, expect, it } from "vitest";
import type { AssessmentView } from "./bindings/AssessmentView";
import type { IqaSignOff } from "./bindings/IqaSignOff";
import type { SignOff } from "./bindings/SignOff";
import { currentDecision, iqaStage, receivedIqaText, sampleProblem, samplesOf, validateDecision } from "./iqa";

const signOff = (version: number, at: string): SignOff => ({
  version,
  fingerprint: "f".repeat(64),
  assessor_name: "Màiri",
  signed_on: at.slice(0, 10),
  signed_at: at,
  declaration: "",
  assessment: null,
});

const decision = (version: number, at: string, d: IqaSignOff["decision"] = "confirmed"): IqaSignOff => ({
  version,
  decision: d,
  action: d === "confirmed" ? "" : "Judge P4 again.",
  iqa_name: "Eilidh",
  signed_on: at.slice(0, 10),
  signed_at: at,
  sampled: "a".repeat(64),
});

const view = (signOffs: SignOff[], decisions: IqaSignOff[]): AssessmentView =>
  ({
    role: "assessor",
    submissions: [],
    judgements: [],
    overall_feedback: [],
    sign_offs: signOffs,
    changes_since_last_judged: null,
    changed_since_assessed: [],
    feedback_threads: [],
    iqa: {
      samples: [
        { version: 1, item_id: "P1", outcome: "met", judgement: "", agrees: true, feedback: "", iqa_name: "E", sampled_at: "" },
        { version: 2, item_id: "P4", outcome: "met", judgement: "", agrees: false, feedback: "No.", iqa_name: "E", sampled_at: "" },
      ],
      decisions,
    },
    learner_declaration: "",
    assessor_declaration: "",
  }) as unknown as AssessmentView;

describe("the IQA's decision and stage", () => {
  it("is current only on the signed-off version and made after its sign-off", () => {
    const signed = [signOff(1, "2026-11-20T10:00:00Z")];
    expect(currentDecision(view(signed, []))).toBeNull();
    const later = decision(1, "2026-11-28T10:00:00Z");
    expect(currentDecision(view(signed, [later]))).toEqual(later);
    // The assessor re-judged and signed again after the decision: it is history.
    const again = [signOff(1, "2026-11-29T10:00:00Z")];
    expect(currentDecision(view(again, [later]))).toBeNull();
    expect(currentDecision(view([signOff(2, "2026-11-29T10:00:00Z")], [later]))).toBeNull();
  });

  it("says where an assessor's copy stands with the IQA", () => {
    const signed = [signOff(1, "2026-11-20T10:00:00Z")];
    expect(iqaStage(view([], []), false, false)).toBe("not_signed");
    expect(iqaStage(view(signed, []), false, true)).toBe("ready");
    expect(iqaStage(view(signed, []), true, true)).toBe("with_iqa");
    expect(iqaStage(view(signed, [decision(1, "2026-11-28T10:00:00Z")]), false, true)).toBe("confirmed");
    const action = [decision(1, "2026-11-28T10:00:00Z", "action_required")];
    expect(iqaStage(view(signed, action), false, true)).toBe("action_required");
    // Re-judging withdrew the sign-off: the action still stands.
    expect(iqaStage(view([], action), false, false)).toBe("action_required");
    // Signed again since: ready to send again.
    expect(iqaStage(view([signOff(1, "2026-11-29T10:00:00Z")], action), false, true)).toBe("ready");
  });

  it("lists a version's samples and says what was received", () => {
    expect(samplesOf(view([], []).iqa, 2).map((s) => s.item_id)).toEqual(["P4"]);
    const text = receivedIqaText({ decision: decision(1, "2026-11-28T10:00:00Z", "action_required"), agreed: 1, disagreed: ["P4"] });
    expect(text).toBe("Action required on version 1: the IQA agreed with 1 sampled judgement and disagreed with P4.");
  });
});

describe("the IQA's checks", () => {
  it("needs a verdict, and feedback to disagree", () => {
    expect(sampleProblem(null, "")).toContain("Choose whether you agree");
    expect(sampleProblem(false, "  ")).toContain("Say why you disagree");
    expect(sampleProblem(false, "The minutes do not show P4.")).toBeNull();
    expect(sampleProblem(true, "")).toBeNull();
  });

  it("needs a decision, the action when action is required, a name and a date", () => {
    expect(validateDecision(null, "", "", "2026-13-45")).toEqual({
      decision: "Choose your decision.",
      name: "Type your name to sign the decision.",
      date: "Write the date as year-month-day, for example 2026-11-02.",
    });
    expect(validateDecision("action_required", " ", "Eilidh", "2026-11-28").action).toBe(
      "Say what action the assessor must take.",
    );
    expect(validateDecision("confirmed", "", "Eilidh", "2026-11-28")).toEqual({});
  });
});
