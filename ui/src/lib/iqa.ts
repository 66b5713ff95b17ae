// The internal quality assurer (IQA) as the screens show it: the decision
// in words, which decision is current (made since the assessor's latest
// sign-off), where an assessor's copy stands with the IQA, the samples of
// a version, and the checks on a sample and on the signed decision. Pure,
// so it can be tested.
import type { AssessmentView } from "./bindings/AssessmentView";
import type { IqaDecision } from "./bindings/IqaDecision";
import type { IqaReceived } from "./bindings/IqaReceived";
import type { IqaRecord } from "./bindings/IqaRecord";
import type { IqaSample } from "./bindings/IqaSample";
import type { IqaSignOff } from "./bindings/IqaSignOff";
import { latestSignOff } from "./assessment";
import { isIsoDate } from "./validation";

export function decisionLabel(decision: IqaDecision): string {
  return decision === "confirmed" ? "Assessment decisions confirmed" : "Action required";
}

/** The latest decision, if any. */
export function latestDecision(record: IqaRecord): IqaSignOff | null {
  return record.decisions[record.decisions.length - 1] ?? null;
}

/** The samples of `version`, in the standard's order. */
export function samplesOf(record: IqaRecord, version: number): IqaSample[] {
  return record.samples.filter((s) => s.version === version);
}

/**
 * The IQA's decision on the assessor's latest sign-off: on its version, and
 * made after it (a decision from before the assessor re-judged and signed
 * again is history, not a decision on what is signed now).
 */
export function currentDecision(view: AssessmentView): IqaSignOff | null {
  const signed = latestSignOff(view);
  const d = latestDecision(view.iqa);
  if (!signed || !d || d.version !== signed.version) return null;
  return Date.parse(d.signed_at) >= Date.parse(signed.signed_at) ? d : null;
}

/** Where an assessor's copy stands with the IQA. */
export type IqaStage =
  /** Not signed off: nothing to send yet. */
  | "not_signed"
  /** Signed off, not sent (or signed off again since the IQA's decision). */
  | "ready"
  /** Sent, the IQA's return not taken in yet. */
  | "with_iqa"
  /** The IQA's decision on what is signed off now: confirmed. */
  | "confirmed"
  /** The IQA's decision on what is signed off now: action required. */
  | "action_required";

export function iqaStage(view: AssessmentView, withIqa: boolean, signedThis: boolean): IqaStage {
  if (withIqa) return "with_iqa";
  if (!signedThis) return latestDecision(view.iqa)?.decision === "action_required" ? "action_required" : "not_signed";
  const d = currentDecision(view);
  return d ? d.decision : "ready";
}

/** "The IQA agreed with 2 sampled judgements and disagreed with P4." */
export function receivedIqaText(r: IqaReceived): string {
  const agreed = `agreed with ${r.agreed} sampled judgement${r.agreed === 1 ? "" : "s"}`;
  const disagreed = r.disagreed.length > 0 ? ` and disagreed with ${r.disagreed.join(", ")}` : "";
  return `${decisionLabel(r.decision.decision)} on version ${r.decision.version}: the IQA ${agreed}${disagreed}.`;
}

/** Why a sample cannot be saved yet. */
export function sampleProblem(agrees: boolean | null, feedback: string): string | null {
  if (agrees === null) return "Choose whether you agree with the assessor’s judgement.";
  if (!agrees && !feedback.trim()) return "Say why you disagree: give feedback to the assessor.";
  return null;
}

export interface DecisionErrors {
  decision?: string;
  action?: string;
  name?: string;
  date?: string;
}

/** The decision, the action required, and the typed name and date that sign it. */
export function validateDecision(
  decision: IqaDecision | null,
  action: string,
  name: string,
  date: string,
): DecisionErrors {
  const errors: DecisionErrors = {};
  if (decision === null) errors.decision = "Choose your decision.";
  if (decision === "action_required" && !action.trim()) errors.action = "Say what action the assessor must take.";
  if (!name.trim()) errors.name = "Type your name to sign the decision.";
  else if ([...name.trim()].length > 200) errors.name = "A name can be at most 200 characters.";
  if (!isIsoDate(date.trim())) errors.date = "Write the date as year-month-day, for example 2026-11-02.";
  return errors;
}
