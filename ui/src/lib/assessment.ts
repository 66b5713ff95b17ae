// The exchange between learner and assessor as the screens show it: short
// fingerprints, today's date, where a portfolio stands (not submitted,
// waiting, assessed, signed off), judgement counts, what changed between
// submissions, the audit trail in words, and the checks on the typed
// declarations. Pure, so it can be tested.
import type { AssessmentView } from "./bindings/AssessmentView";
import type { AuditEntry } from "./bindings/AuditEntry";
import type { Judgement } from "./bindings/Judgement";
import type { JudgementOutcome } from "./bindings/JudgementOutcome";
import type { Received } from "./bindings/Received";
import type { Role } from "./bindings/Role";
import type { SignOff } from "./bindings/SignOff";
import type { Submission } from "./bindings/Submission";
import type { SubmissionChanges } from "./bindings/SubmissionChanges";
import { isIsoDate } from "./validation";

/** The first 16 hex characters in groups of four, as the core shows them: "3f9a 0c1d 77e2 a410". */
export function shortFingerprint(fingerprint: string): string {
  return (fingerprint.slice(0, 16).match(/.{1,4}/gu) ?? []).join(" ");
}

/** Today's date on this computer as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function outcomeLabel(outcome: JudgementOutcome): string {
  return outcome === "met" ? "Met" : "Not yet met";
}

export function latestSubmission(view: AssessmentView): Submission | null {
  return view.submissions[view.submissions.length - 1] ?? null;
}

/** The latest sign-off, if any. */
export function latestSignOff(view: AssessmentView): SignOff | null {
  return view.sign_offs[view.sign_offs.length - 1] ?? null;
}

/** The judgements by item. */
export function judgementsByItem(judgements: readonly Judgement[]): Map<string, Judgement> {
  return new Map(judgements.map((j) => [j.item_id, j]));
}

export interface JudgementCounts {
  met: number;
  notYetMet: number;
  judged: number;
  unjudged: number;
}

export function judgementCounts(judgements: readonly Judgement[], total: number): JudgementCounts {
  const met = judgements.filter((j) => j.outcome === "met").length;
  const notYetMet = judgements.length - met;
  return { met, notYetMet, judged: judgements.length, unjudged: Math.max(0, total - judgements.length) };
}

/** "30 of 42 judged · 28 met · 2 not yet met" */
export function countsText(c: JudgementCounts, total: number): string {
  const parts = [`${c.judged} of ${total} judged`];
  if (c.judged > 0) parts.push(`${c.met} met`, `${c.notYetMet} not yet met`);
  return parts.join(" · ");
}

/** Items of the standard (in order) with no judgement yet. */
export function unjudgedItems(itemIds: readonly string[], judgements: readonly Judgement[]): string[] {
  const judged = new Set(judgements.map((j) => j.item_id));
  return itemIds.filter((id) => !judged.has(id));
}

/** Where the learner's portfolio stands with the assessor. */
export type LearnerStage = "not_submitted" | "waiting" | "assessed" | "signed_off";

export function learnerStage(view: AssessmentView): LearnerStage {
  const latest = latestSubmission(view);
  if (!latest) return "not_submitted";
  const signed = latestSignOff(view);
  if (signed && signed.version === latest.version) return "signed_off";
  if (view.judgements.some((j) => j.version === latest.version)) return "assessed";
  return "waiting";
}

/** What a returned assessment brought, in a sentence. */
export function receivedText(r: Received): string {
  const version = r.version ? `version ${r.version}` : "your portfolio";
  const counts = `${r.met} met, ${r.not_yet_met} not yet met`;
  return `Your assessor’s judgements of ${version} are in: ${counts}${r.signed_off ? ", and signed off" : ""}.`;
}

/** True when nothing at all changed between two submissions. */
export function noChanges(c: SubmissionChanges): boolean {
  return (
    !c.profile_changed &&
    c.items_changed.length === 0 &&
    c.evidence_added.length === 0 &&
    c.evidence_removed.length === 0 &&
    c.evidence_changed.length === 0 &&
    c.partnership_changes.length === 0
  );
}

/** "3 items changed · 2 pieces of evidence added · 1 removed" */
export function changesText(c: SubmissionChanges): string {
  if (noChanges(c)) return "Nothing has changed.";
  const n = (k: number, one: string, many: string) => (k === 1 ? `1 ${one}` : `${k} ${many}`);
  const parts: string[] = [];
  if (c.items_changed.length) parts.push(`${n(c.items_changed.length, "item", "items")} changed`);
  const ev: string[] = [];
  if (c.evidence_added.length) ev.push(`${c.evidence_added.length} added`);
  if (c.evidence_changed.length) ev.push(`${c.evidence_changed.length} changed`);
  if (c.evidence_removed.length) ev.push(`${c.evidence_removed.length} removed`);
  if (ev.length) parts.push(`evidence: ${ev.join(", ")}`);
  const pc = c.partnership_changes.length;
  if (pc) parts.push(`partnerships: ${n(pc, "record", "records")} added, changed or removed`);
  if (c.profile_changed) parts.push("the learner’s details changed");
  return parts.join(" · ");
}

export function roleLabel(role: Role): string {
  return role === "assessor" ? "Assessor" : role === "iqa" ? "IQA" : "Learner";
}

/** What an audit event was, in words (the who and when are shown beside it). */
export function auditText(e: AuditEntry): string {
  const v = e.version !== null ? ` version ${e.version}` : "";
  const detail = e.detail ? ` (${e.detail})` : "";
  switch (e.event) {
    case "submitted":
      return `Submitted${v} for assessment, fingerprint ${e.detail || "not recorded"}`;
    case "imported":
      return `Opened the submission${v} to assess it`;
    case "judged":
      return `Judged${e.detail ? ` ${e.detail}` : " an item"}${e.version !== null ? ` in version ${e.version}` : ""}`;
    case "feedback":
      return `Gave overall feedback on${v || " the submission"}`;
    case "signed_off":
      return `Signed off${v}${e.detail ? `, fingerprint ${e.detail}` : ""}`;
    case "returned":
      return `Returned the assessment of${v || " the submission"} to the learner`;
    case "received":
      return `Received the assessment of${v || " the submission"}`;
    case "plan_changed":
      return `Changed the assessment plan${e.detail ? ` for ${e.detail}` : ""}`;
    case "plan_accepted":
      return `Accepted the assessment plan${e.detail ? `, fingerprint ${e.detail}` : ""}`;
    case "review_added":
      return `Wrote a progress review${e.detail ? ` of ${e.detail}` : ""}`;
    case "review_signed":
      return `Signed the progress review${e.detail ? ` of ${e.detail}` : ""}`;
    case "replied":
      return `Replied to the feedback${e.detail ? ` on ${e.detail}` : ""}${v ? ` (about${v})` : ""}`;
    case "sent_to_iqa":
      return `Sent${v || " the portfolio"} to the internal quality assurer`;
    case "iqa_opened":
      return `Opened${v || " the portfolio"} for internal quality assurance`;
    case "iqa_sampled":
      return `Sampled the judgement${e.detail ? ` of ${e.detail}` : ""}${e.version !== null ? ` in version ${e.version}` : ""}`;
    case "iqa_decided":
      return `Recorded the IQA decision on${v || " the portfolio"}${detail}`;
    case "iqa_decision_withdrawn":
      return `Withdrew the IQA decision on${v || " the portfolio"}`;
    case "iqa_returned":
      return `Returned the IQA record of${v || " the portfolio"} to the assessor`;
    case "iqa_received":
      return `Received the IQA record of${v || " the portfolio"}${detail}`;
    default:
      return `${e.event}${v}${detail}`;
  }
}

/** A line of the audit trail as shown: one event, or a run of judgements. */
export interface AuditRow {
  entry: AuditEntry;
  /** Every entry of a run of judgements (just `entry` otherwise). */
  entries: AuditEntry[];
}

/**
 * Runs of judgements by the same person on the same version become one line
 * (an assessor judging every item is one step to read, with the details kept).
 */
export function groupAudit(entries: readonly AuditEntry[]): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const e of entries) {
    const last = rows[rows.length - 1];
    if (
      last &&
      e.event === "judged" &&
      last.entry.event === "judged" &&
      last.entry.name === e.name &&
      last.entry.role === e.role &&
      last.entry.version === e.version
    ) {
      last.entries.push(e);
    } else {
      rows.push({ entry: e, entries: [e] });
    }
  }
  return rows;
}

/** What a line of the audit trail says. */
export function auditRowText(row: AuditRow): string {
  if (row.entries.length === 1) return auditText(row.entry);
  const met = row.entries.filter((e) => /: Met$/u.test(e.detail)).length;
  const notYet = row.entries.filter((e) => /: Not yet met$/u.test(e.detail)).length;
  const v = row.entry.version !== null ? ` in version ${row.entry.version}` : "";
  return `Judged ${row.entries.length} items${v} (${met} met, ${notYet} not yet met)`;
}

export interface DeclarationErrors {
  name?: string;
  date?: string;
}

/** The typed name and date that confirm a declaration. */
export function validateDeclaration(name: string, date: string): DeclarationErrors {
  const errors: DeclarationErrors = {};
  if (!name.trim()) errors.name = "Type your name to confirm the declaration.";
  else if ([...name.trim()].length > 200) errors.name = "A name can be at most 200 characters.";
  if (!isIsoDate(date.trim())) errors.date = "Write the date as year-month-day, for example 2026-11-02.";
  return errors;
}

// ---------- The assessor's judgement of one item ----------

export interface JudgementDraft {
  outcome: JudgementOutcome | null;
  feedback: string;
}

export function sameDraft(a: JudgementDraft, b: JudgementDraft): boolean {
  return a.outcome === b.outcome && a.feedback.trim() === b.feedback.trim();
}

/** Why a draft cannot be saved yet: feedback needs an outcome. */
export function draftProblem(d: JudgementDraft): string | null {
  if (d.outcome === null && d.feedback.trim()) {
    return "Choose “Met” or “Not yet met” so your feedback can be saved with it.";
  }
  return null;
}
