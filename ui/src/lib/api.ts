// The one typed door to the desktop shell: every Tauri command, with its
// exact name and camelCase arguments. Components call these functions, never
// `invoke` with strings. Command names come from the shell's own list
// (bindings/commands.ts, generated): a name not in it does not type-check,
// and api.test.ts fails unless every command in it is called here. Every type
// is generated from Rust (bindings/). Failures reject with an AppError.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { Added } from "./bindings/Added";
import type { AppInfo } from "./bindings/AppInfo";
import type { Attachment } from "./bindings/Attachment";
import type { AssessmentView } from "./bindings/AssessmentView";
import type { AuditEntry } from "./bindings/AuditEntry";
import type { ChosenFile } from "./bindings/ChosenFile";
import type { Coverage } from "./bindings/Coverage";
import type { Evidence } from "./bindings/Evidence";
import type { EvidenceInput } from "./bindings/EvidenceInput";
import type { EvidenceQuery } from "./bindings/EvidenceQuery";
import type { EvidenceSummary } from "./bindings/EvidenceSummary";
import type { ExportedZip } from "./bindings/ExportedZip";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { ItemDetail } from "./bindings/ItemDetail";
import type { IqaDecision } from "./bindings/IqaDecision";
import type { IqaReceived } from "./bindings/IqaReceived";
import type { IqaSample } from "./bindings/IqaSample";
import type { IqaSignOff } from "./bindings/IqaSignOff";
import type { LearnerProfile } from "./bindings/LearnerProfile";
import type { Judgement } from "./bindings/Judgement";
import type { JudgementOutcome } from "./bindings/JudgementOutcome";
import type { LibraryEntry } from "./bindings/LibraryEntry";
import type { Mapping } from "./bindings/Mapping";
import type { OverallFeedback } from "./bindings/OverallFeedback";
import type { Overview } from "./bindings/Overview";
import type { PdfExportProgress } from "./bindings/PdfExportProgress";
import type { PdfExportSummary } from "./bindings/PdfExportSummary";
import type { PortfolioFrame } from "./bindings/PortfolioFrame";
import type { PreviewKind } from "./bindings/PreviewKind";
import type { Received } from "./bindings/Received";
import type { SelfAssessment } from "./bindings/SelfAssessment";
import type { SignOff } from "./bindings/SignOff";
import type { Submitted } from "./bindings/Submitted";
import type { VerifyReport } from "./bindings/VerifyReport";
import type { WitnessStatus } from "./bindings/WitnessStatus";
import type { Action } from "./bindings/Action";
import type { ActionInput } from "./bindings/ActionInput";
import type { Agreement } from "./bindings/Agreement";
import type { AgreementInput } from "./bindings/AgreementInput";
import type { AgreementRevisionInput } from "./bindings/AgreementRevisionInput";
import type { EvidenceDraft } from "./bindings/EvidenceDraft";
import type { HealthCheck } from "./bindings/HealthCheck";
import type { HealthCheckAnswerInput } from "./bindings/HealthCheckAnswerInput";
import type { HealthCheckFormSummary } from "./bindings/HealthCheckFormSummary";
import type { HealthCheckResponseInput } from "./bindings/HealthCheckResponseInput";
import type { HealthCheckTemplate } from "./bindings/HealthCheckTemplate";
import type { MakeEvidence } from "./bindings/MakeEvidence";
import type { Note } from "./bindings/Note";
import type { OpenedFile } from "./bindings/OpenedFile";
import type { NoteInput } from "./bindings/NoteInput";
import type { Partner } from "./bindings/Partner";
import type { PartnerInput } from "./bindings/PartnerInput";
import type { PartnerSummary } from "./bindings/PartnerSummary";
import type { Partnership } from "./bindings/Partnership";
import type { PartnershipRemovalEffects } from "./bindings/PartnershipRemovalEffects";
import type { StakeholderMap } from "./bindings/StakeholderMap";
import type { AssessmentPlan } from "./bindings/AssessmentPlan";
import type { EvidenceMethod } from "./bindings/EvidenceMethod";
import type { Inbox } from "./bindings/Inbox";
import type { LibraryCaseloadRow } from "./bindings/LibraryCaseloadRow";
import type { NewReview } from "./bindings/NewReview";
import type { ProgressReview } from "./bindings/ProgressReview";
import type { ThreadEntry } from "./bindings/ThreadEntry";
import type { Command } from "./bindings/commands";
import { toAppError } from "./errors";

export type { Added, AppInfo, ChosenFile, PreviewKind, Submitted };

/** The optional arguments that were given (null ones are left out: the shell reads them as absent). */
function given(args: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null)) as Record<string, string>;
}

/** A rating on the four-level scale; `null` clears it. */
export type Rating = 1 | 2 | 3 | 4;

async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),

  listPortfolios: () => call<LibraryEntry[]>("list_portfolios"),
  listTrash: () => call<LibraryEntry[]>("list_trash"),
  createPortfolio: (profile: LearnerProfile, title: string | null = null) =>
    call<LibraryEntry>("create_portfolio", { profile, title }),
  /** Adds the finished demo portfolio (an example to look round and export). */
  addDemoPortfolio: () => call<LibraryEntry>("add_demo_portfolio"),
  renamePortfolio: (id: string, title: string) =>
    call<LibraryEntry>("rename_portfolio", { id, title }),
  trashPortfolio: (id: string) => call<void>("trash_portfolio", { id }),
  restorePortfolio: (id: string) => call<LibraryEntry>("restore_portfolio", { id }),
  deletePortfolioForever: (id: string) => call<void>("delete_portfolio_forever", { id }),

  /** What every screen of a portfolio shares: info, role, learner, standard, sections. */
  getPortfolioFrame: (id: string) => call<PortfolioFrame>("get_portfolio_frame", { id }),
  getOverview: (id: string) => call<Overview>("get_overview", { id }),
  getItem: (id: string, item: string) => call<ItemDetail>("get_item", { id, item }),
  setRating: (id: string, item: string, rating: Rating | null) =>
    call<SelfAssessment>("set_rating", { id, item, rating }),
  setAccount: (id: string, item: string, account: string) =>
    call<SelfAssessment>("set_account", { id, item, account }),
  getProfile: (id: string) => call<LearnerProfile>("get_profile", { id }),
  setProfile: (id: string, profile: LearnerProfile) =>
    call<LearnerProfile>("set_profile", { id, profile }),
  getHistory: (id: string, item: string | null = null) =>
    call<HistoryEntry[]>("get_history", { id, item }),

  // Evidence
  listEvidence: (id: string, query: EvidenceQuery) =>
    call<EvidenceSummary[]>("list_evidence", { id, query }),
  getEvidence: (id: string, reference: string) => call<Evidence>("get_evidence", { id, reference }),
  /** One transaction: the record, its mappings and its files (chosen or dropped paths). */
  addEvidence: (id: string, input: EvidenceInput, mappings: Mapping[], files: string[]) =>
    call<Added>("add_evidence", { id, input, mappings, files }),
  /** One transaction: the record's fields and its mappings. */
  updateEvidence: (id: string, reference: string, input: EvidenceInput, mappings: Mapping[]) =>
    call<Evidence>("update_evidence", { id, reference, input, mappings }),
  removeEvidence: (id: string, reference: string) => call<void>("remove_evidence", { id, reference }),
  mapEvidence: (id: string, reference: string, item: string, note: string) =>
    call<Evidence>("map_evidence", { id, reference, item, note }),
  unmapEvidence: (id: string, reference: string, item: string) =>
    call<Evidence>("unmap_evidence", { id, reference, item }),
  /** The native "choose files" dialog; [] when cancelled. */
  chooseFiles: () => call<string[]>("choose_files"),
  /** Attaches chosen or dropped files to a record, all or none. */
  attachFiles: (id: string, reference: string, files: string[]) =>
    call<Added>("attach_files", { id, reference, files }),
  removeAttachment: (id: string, attachment: number) =>
    call<void>("remove_attachment", { id, attachment }),
  describeAttachment: (id: string, attachment: number, text: string) =>
    call<Attachment>("describe_attachment", { id, attachment, text }),
  /** The native save dialog, then the file written; null when cancelled. */
  saveAttachmentAs: (id: string, attachment: number) =>
    call<string | null>("save_attachment_as", { id, attachment }),
  /** The JPEG bytes of an image attachment's preview. */
  attachmentPreview: (id: string, attachment: number, kind: PreviewKind) =>
    call<ArrayBuffer>("attachment_preview", { id, attachment, kind }),
  listWitnesses: (id: string) => call<WitnessStatus[]>("list_witnesses", { id }),
  getCoverage: (id: string) => call<Coverage>("get_coverage", { id }),

  // Exchange between learner and assessor
  getAssessment: (id: string) => call<AssessmentView>("get_assessment", { id }),
  /** Asks where to save (native dialog), records version N, writes the file (locked with `lock`, a passphrase, if given); null when cancelled. */
  submitPortfolio: (id: string, declaredName: string, declaredOn: string, lock: string | null = null) =>
    call<Submitted | null>("submit_portfolio", { id, declaredName, declaredOn, ...given({ lock }) }),
  /** Asks for a file someone sent (native dialog, titled `title`): its name for later calls and whether it is locked; null when cancelled. */
  chooseExchangeFile: (title: string) => call<ChosenFile | null>("choose_exchange_file", { title }),
  /** Checks a learner's file (`file` from chooseExchangeFile, or asked for now) and opens it as the assessor's copy; a locked one needs its passphrase. */
  openLearnerSubmission: (assessorName: string, file: string | null = null, passphrase: string | null = null) =>
    call<LibraryEntry | null>("open_learner_submission", { assessorName, ...given({ file, passphrase }) }),
  judgeItem: (
    id: string,
    item: string,
    outcome: JudgementOutcome,
    feedback: string,
    assessorName: string,
  ) => call<Judgement>("judge_item", { id, item, outcome, feedback, assessorName }),
  setOverallFeedback: (id: string, feedback: string, assessorName: string) =>
    call<OverallFeedback>("set_overall_feedback", { id, feedback, assessorName }),
  signOff: (id: string, assessorName: string, signedOn: string) =>
    call<SignOff>("sign_off", { id, assessorName, signedOn }),
  /** Asks where to save (native dialog) and writes the assessment (locked with `lock`, a passphrase, if given); the path, or null. */
  returnToLearner: (id: string, assessorName: string, lock: string | null = null) =>
    call<string | null>("return_to_learner", { id, assessorName, ...given({ lock }) }),
  /** Merges the judgements of the assessor's file (`file` from chooseExchangeFile, or asked for now); a locked one needs its passphrase; null when cancelled. */
  receiveAssessment: (id: string, file: string | null = null, passphrase: string | null = null) =>
    call<Received | null>("receive_assessment", { id, ...given({ file, passphrase }) }),
  // The internal quality assurer (IQA), issue 12
  /** Assessor: asks where to save (native dialog) and writes the signed-off copy for the IQA (locked with `lock` if given); the path, or null. */
  sendToIqa: (id: string, lock: string | null = null) =>
    call<string | null>("send_to_iqa", { id, ...given({ lock }) }),
  /** Assessor: whether the copy is with the IQA (sent, their return not taken in yet). */
  getWithIqa: (id: string) => call<boolean>("get_with_iqa", { id }),
  /** Assessor: takes in the IQA's record (`file` from chooseExchangeFile, or asked for now); null when cancelled. */
  receiveIqa: (id: string, file: string | null = null, passphrase: string | null = null) =>
    call<IqaReceived | null>("receive_iqa", { id, ...given({ file, passphrase }) }),
  /** IQA: opens the assessor's file (`file`, or asked for now) as the IQA's copy, or brings theirs up to date; null when cancelled. */
  openForIqa: (iqaName: string, file: string | null = null, passphrase: string | null = null) =>
    call<LibraryEntry | null>("open_for_iqa", { iqaName, ...given({ file, passphrase }) }),
  iqaSample: (id: string, item: string, agrees: boolean, feedback: string) =>
    call<IqaSample>("iqa_sample", { id, item, agrees, feedback }),
  iqaDecide: (id: string, decision: IqaDecision, action: string, iqaName: string, signedOn: string) =>
    call<IqaSignOff>("iqa_decide", { id, decision, action, iqaName, signedOn }),
  /** IQA: asks where to save and writes the file for the assessor (locked with `lock` if given); the path, or null. */
  iqaReturn: (id: string, lock: string | null = null) =>
    call<string | null>("iqa_return", { id, ...given({ lock }) }),
  verifyPortfolio: (id: string) => call<VerifyReport>("verify_portfolio", { id }),
  getAuditTrail: (id: string) => call<AuditEntry[]>("get_audit_trail", { id }),

  // Partnerships: the register, agreements, health checks, actions (issue 11)
  listPartners: (id: string) => call<PartnerSummary[]>("list_partners", { id }),
  getStakeholderMap: (id: string) => call<StakeholderMap>("get_stakeholder_map", { id }),
  getPartnership: (id: string, reference: string) =>
    call<Partnership>("get_partnership", { id, reference }),
  getPartner: (id: string, reference: string) => call<Partner>("get_partner", { id, reference }),
  getHealthCheck: (id: string, reference: string) =>
    call<HealthCheck>("get_health_check", { id, reference }),
  healthCheckTemplate: () => call<HealthCheckTemplate>("health_check_template"),
  /** What "Make evidence" suggests for a source (`AG1`, `HC1`, `N1`, `PT1`, `map`). */
  getEvidenceDraft: (id: string, source: string) =>
    call<EvidenceDraft>("get_evidence_draft", { id, source }),
  addPartner: (id: string, input: PartnerInput) => call<Partner>("add_partner", { id, input }),
  updatePartner: (id: string, reference: string, input: PartnerInput) =>
    call<Partner>("update_partner", { id, reference, input }),
  addPartnershipNote: (id: string, partner: string, input: NoteInput) =>
    call<Note>("add_partnership_note", { id, partner, input }),
  updatePartnershipNote: (id: string, reference: string, input: NoteInput) =>
    call<Note>("update_partnership_note", { id, reference, input }),
  /** What removing `N1`, `AG1`, `HC1` or `AC1` would do to the other records (nothing is changed). */
  getRemovalEffects: (id: string, reference: string) =>
    call<PartnershipRemovalEffects>("get_removal_effects", { id, reference }),
  removePartnershipNote: (id: string, reference: string) =>
    call<Partnership>("remove_partnership_note", { id, reference }),
  removeAgreement: (id: string, reference: string) => call<Partnership>("remove_agreement", { id, reference }),
  removeHealthCheck: (id: string, reference: string) => call<Partnership>("remove_health_check", { id, reference }),
  removePartnershipAction: (id: string, reference: string) =>
    call<Partnership>("remove_partnership_action", { id, reference }),
  addAgreement: (id: string, partner: string, input: AgreementInput) =>
    call<Agreement>("add_agreement", { id, partner, input }),
  reviseAgreement: (id: string, reference: string, input: AgreementRevisionInput) =>
    call<Agreement>("revise_agreement", { id, reference, input }),
  /** One respondent's answers to the check on the input's date (started if none). */
  recordHealthCheck: (id: string, partner: string, input: HealthCheckResponseInput) =>
    call<HealthCheck>("record_health_check", { id, partner, input }),
  /** Replaces the answers of someone who answered check `reference` (a mistake put right). */
  changeHealthCheckAnswers: (id: string, reference: string, respondent: string, answers: HealthCheckAnswerInput[]) =>
    call<HealthCheck>("change_health_check_answers", { id, reference, respondent, answers }),
  addPartnershipAction: (id: string, partner: string, input: ActionInput) =>
    call<Action>("add_partnership_action", { id, partner, input }),
  setActionDone: (id: string, reference: string, done: boolean) =>
    call<Action>("set_action_done", { id, reference, done }),
  makePartnershipEvidence: (id: string, source: string, choices: MakeEvidence) =>
    call<Evidence>("make_partnership_evidence", { id, source, choices }),
  /** Asks where to save (native dialog) and writes the blank form; null when cancelled. */
  saveHealthCheckForm: (id: string, partner: string, date: string) =>
    call<HealthCheckFormSummary | null>("save_health_check_form", { id, partner, date }),

  // The PDF evidence portfolio
  /**
   * Asks where to save (native dialog) and writes the PDF; null when cancelled.
   * `onProgress` hears this export's progress only (its own channel).
   */
  exportPdf: (id: string, onProgress: (p: PdfExportProgress) => void) => {
    const channel = new Channel<PdfExportProgress>();
    channel.onmessage = onProgress;
    return call<PdfExportSummary | null>("export_pdf", { id, onProgress: channel });
  },

  // A .portfolio file opened from the desktop (issue 14)
  /** The file the app was started with or handed since last asked (its name for later calls, whether locked); null if none. */
  takeOpenedFile: () => call<ChosenFile | null>("take_opened_file"),
  /** What the file is (a locked one needs its passphrase) and the library's portfolio it goes with; nothing is taken in. */
  identifyFile: (file: string, passphrase: string | null = null) =>
    call<OpenedFile>("identify_file", { file, ...given({ passphrase }) }),
  /** Copies a learner's own portfolio file into the library (the file stays where it is). */
  importPortfolioFile: (file: string) => call<LibraryEntry>("import_portfolio_file", { file }),
  /** Opens a learner's own portfolio file where it is, for this session (not copied, not listed in the library). */
  openPortfolioInPlace: (file: string) => call<LibraryEntry>("open_portfolio_in_place", { file }),
  // The open export (everything in a ZIP, and back)
  /** Asks where to save (native dialog) and writes the whole portfolio as a ZIP; null when cancelled. */
  exportOpenZip: (id: string) => call<ExportedZip | null>("export_open_zip", { id }),
  /** Asks for an export's ZIP (native dialog) and adds its portfolio to the library; null when cancelled. */
  importOpenZip: () => call<LibraryEntry | null>("import_open_zip", {}),

  // The assessment cycle: plan, progress reviews, feedback thread (issue 12)
  getAssessmentPlan: (id: string) => call<AssessmentPlan>("get_assessment_plan", { id }),
  /** Drafts the plan's line for `items` as this file's party (replacing what it said for them). */
  setPlan: (id: string, items: string[], methods: EvidenceMethod[], targetOn: string, note: string) =>
    call<AssessmentPlan>("set_plan", { id, items, methods, targetOn, note }),
  /** Removes the plan's line for `items` as this file's party (both sides then accept again). */
  removePlan: (id: string, items: string[]) => call<AssessmentPlan>("remove_plan", { id, items }),
  /** Accepts the plan as shown (`fingerprint`); refused if it changed since. */
  acceptPlan: (id: string, name: string, fingerprint: string) =>
    call<AssessmentPlan>("accept_plan", { id, name, fingerprint }),
  listReviews: (id: string) => call<ProgressReview[]>("list_reviews", { id }),
  addReview: (id: string, review: NewReview) => call<ProgressReview>("add_review", { id, review }),
  signReview: (id: string, reference: string, name: string) =>
    call<ProgressReview>("sign_review", { id, reference, name }),
  /** One item's thread, or every item's when `item` is null. */
  getFeedbackThread: (id: string, item: string | null = null) =>
    call<ThreadEntry[]>("get_feedback_thread", { id, ...given({ item }) }),
  /** Learner: a reply on the item's thread. */
  replyToFeedback: (id: string, item: string, text: string) =>
    call<ThreadEntry>("reply_to_feedback", { id, item, text }),

  // The assessor's caseload and inbox folder (issue 12)
  getCaseload: () => call<LibraryCaseloadRow[]>("get_caseload"),
  /** The inbox folder's files, each read through the gate (null if no folder is chosen). */
  getInbox: () => call<Inbox | null>("get_inbox"),
  /** Asks for the inbox folder (native dialog), remembers it and lists it; null when cancelled. */
  chooseInboxFolder: () => call<Inbox | null>("choose_inbox_folder"),
};

let appInfoOnce: Promise<AppInfo> | null = null;

/** `app_info`, asked once per session (it never changes while running). */
export function loadAppInfo(): Promise<AppInfo> {
  if (!appInfoOnce) {
    appInfoOnce = api.appInfo().catch((e: unknown) => {
      appInfoOnce = null; // ask again next time
      throw e;
    });
  }
  return appInfoOnce;
}
