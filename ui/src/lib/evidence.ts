// The evidence library's logic, kept out of the components so it can be
// tested: what each evidence method means and how the form adapts to it,
// the form's state (new or from a record), its checks and the input sent
// to the core, the library's filters as a query, and small display helpers.
import type { Attachment } from "./bindings/Attachment";
import type { ConfidentialDescriptor } from "./bindings/ConfidentialDescriptor";
import type { Evidence } from "./bindings/Evidence";
import type { EvidenceInput } from "./bindings/EvidenceInput";
import type { EvidenceMethod } from "./bindings/EvidenceMethod";
import type { EvidenceQuery } from "./bindings/EvidenceQuery";
import type { EvidenceSort } from "./bindings/EvidenceSort";
import type { Mapping } from "./bindings/Mapping";
import type { WitnessInput } from "./bindings/WitnessInput";
import { isIsoDate } from "./validation";

/** What the form says about a method, and which parts it shows. */
export interface MethodInfo {
  method: EvidenceMethod;
  label: string;
  /** One line for the method's choice. */
  summary: string;
  titleHint: string;
  descriptionLabel: string;
  descriptionHint: string;
  /** What to attach, if anything. */
  filesHint: string;
  /** Witness testimony: the witness's details are asked for. */
  needsWitness: boolean;
}

/** The methods in the order the form offers them (the core's order). */
export const METHODS: readonly MethodInfo[] = [
  {
    method: "product",
    label: "Product evidence",
    summary: "Something you made or used in your work: minutes, an agreement, emails, a report.",
    titleHint: "For example: Minutes of the partnership steering group, 12 March",
    descriptionLabel: "What it is and what it shows",
    descriptionHint: "Say what the document is, your part in making it, and what it shows about your work.",
    filesHint: "Attach the document itself, or a photo or scan of it.",
    needsWitness: false,
  },
  {
    method: "witness_testimony",
    label: "Witness testimony",
    summary: "A colleague, manager or partner who saw your work describes what you did.",
    titleHint: "For example: Testimony from my line manager about the joint bid",
    descriptionLabel: "What the witness saw",
    descriptionHint: "Summarise what the witness describes, or copy their statement here.",
    filesHint: "Attach their signed statement, or an email from them, if you have one.",
    needsWitness: true,
  },
  {
    method: "observation",
    label: "Direct observation",
    summary: "Your assessor watched you at work.",
    titleHint: "For example: Observation of the family learning planning meeting",
    descriptionLabel: "What was observed",
    descriptionHint: "When and where it was, who was there, and what you did.",
    filesHint: "Attach your assessor’s observation record, if you have a copy.",
    needsWitness: false,
  },
  {
    method: "professional_discussion",
    label: "Professional discussion",
    summary: "A planned conversation with your assessor about your practice.",
    titleHint: "For example: Discussion about managing conflict between partners",
    descriptionLabel: "What you discussed",
    descriptionHint: "The topics you covered and the examples from your work you gave.",
    filesHint: "Attach the notes or a recording, if there is one.",
    needsWitness: false,
  },
  {
    method: "reflective_account",
    label: "Reflective account",
    summary: "Your own written account of what you did, and what you learnt from it.",
    titleHint: "For example: Reflecting on setting up the job club partnership",
    descriptionLabel: "Your account",
    descriptionHint: "What happened, what you did and why, how it went, and what you would do differently.",
    filesHint: "Attach your account if you wrote it elsewhere, or write it above.",
    needsWitness: false,
  },
  {
    method: "questions_and_answers",
    label: "Questions and answers",
    summary: "Your answers to questions your assessor set.",
    titleHint: "For example: Answers to the questions on partnership agreements",
    descriptionLabel: "The questions and your answers",
    descriptionHint: "Copy the questions and your answers, or summarise them.",
    filesHint: "Attach the question sheet with your answers, if you have it.",
    needsWitness: false,
  },
  {
    method: "prior_learning",
    label: "Recognition of prior learning",
    summary: "Learning from before this course: a certificate, a past role, a course you took.",
    titleHint: "For example: Certificate in Community Development, 2019",
    descriptionLabel: "What the learning was",
    descriptionHint: "What you learnt, when, and how it relates to this standard.",
    filesHint: "Attach the certificate or record of the learning.",
    needsWitness: false,
  },
  {
    method: "other",
    label: "Other",
    summary: "Anything else that shows what you can do or know.",
    titleHint: "A short name you will recognise later",
    descriptionLabel: "What it is and what it shows",
    descriptionHint: "Say what this is and what it shows about your work.",
    filesHint: "Attach anything that helps show it.",
    needsWitness: false,
  },
];

/** A method's words; with none chosen yet (a new form), those of "Other", the most general. */
export function methodInfo(method: EvidenceMethod | null): MethodInfo {
  return METHODS.find((m) => m.method === method) ?? METHODS[METHODS.length - 1]!;
}

export function methodLabel(method: EvidenceMethod): string {
  return methodInfo(method).label;
}

// ---------- The form ----------

export type WitnessMode = "new" | "existing";

export interface EvidenceForm {
  title: string;
  /** None until the learner chooses (a new form starts with none, so the wrong kind is never saved unnoticed). */
  method: EvidenceMethod | null;
  /** `YYYY-MM-DD` as typed; empty for none. */
  activityDate: string;
  description: string;
  witnessMode: WitnessMode;
  /** The witness chosen when `witnessMode` is "existing". */
  witnessId: number | null;
  witness: WitnessInput;
  confidential: boolean;
  descriptor: ConfidentialDescriptor;
  /** The items it shows, in the standard's order, with notes. */
  mappings: Mapping[];
  /** Files chosen or dropped for a new record (sent with it). */
  files: string[];
}

export function blankWitness(): WitnessInput {
  return { name: "", job_role: "", organisation: "", relationship: "", contact: "", competence: "" };
}

export function blankForm(item: string | null = null, files: readonly string[] = []): EvidenceForm {
  return {
    title: "",
    method: null,
    activityDate: "",
    description: "",
    witnessMode: "new",
    witnessId: null,
    witness: blankWitness(),
    confidential: false,
    descriptor: { what: "", held_at: "", confirmer: "" },
    mappings: item ? [{ item_id: item, note: "" }] : [],
    files: [...files],
  };
}

/** The form for an existing record (its witness chosen as an existing one). */
export function formFromEvidence(e: Evidence): EvidenceForm {
  const w = e.witness;
  return {
    title: e.title,
    method: e.method,
    activityDate: e.activity_date ?? "",
    description: e.description,
    witnessMode: w ? "existing" : "new",
    witnessId: w?.id ?? null,
    witness: blankWitness(),
    confidential: e.confidential !== null,
    descriptor: e.confidential
      ? { ...e.confidential }
      : { what: "", held_at: "", confirmer: "" },
    mappings: e.mappings.map((m) => ({ ...m })),
    files: [],
  };
}

/** Which parts of the form show for its current choices. */
export interface FormParts {
  witness: boolean;
  newWitnessFields: boolean;
  existingWitnessPicker: boolean;
  descriptor: boolean;
  /** Files can be chosen (a new record that is not confidential). */
  files: boolean;
}

export function formParts(form: EvidenceForm, isNew: boolean, witnessCount: number): FormParts {
  const witness = methodInfo(form.method).needsWitness;
  const existing = witness && witnessCount > 0 && form.witnessMode === "existing";
  return {
    witness,
    newWitnessFields: witness && !existing,
    existingWitnessPicker: existing,
    descriptor: form.confidential,
    files: isNew && !form.confidential,
  };
}

export type FormField =
  | "title"
  | "method"
  | "activityDate"
  | "witnessName"
  | "witnessId"
  | "descriptorWhat"
  | "descriptorHeldAt"
  | "descriptorConfirmer";
export type FormErrors = Partial<Record<FormField, string>>;

/** The order errors are reported and focused in. */
export const FORM_FIELDS: readonly FormField[] = [
  "title",
  "method",
  "activityDate",
  "witnessName",
  "witnessId",
  "descriptorWhat",
  "descriptorHeldAt",
  "descriptorConfirmer",
];

/** Problems to put right before saving; empty when the form can be saved. */
export function validateForm(form: EvidenceForm, witnessCount: number): FormErrors {
  const errors: FormErrors = {};
  if (!form.title.trim()) errors.title = "Give the evidence a short title.";
  else if ([...form.title.trim()].length > 300) errors.title = "A title can be at most 300 characters.";
  if (form.method === null) errors.method = "Choose what kind of evidence it is.";
  const date = form.activityDate.trim();
  if (date && !isIsoDate(date)) {
    errors.activityDate = "Write the date as year-month-day, for example 2026-03-12.";
  }
  const parts = formParts(form, false, witnessCount);
  if (parts.existingWitnessPicker && form.witnessId === null) {
    errors.witnessId = "Choose the witness, or add a new one.";
  }
  if (parts.newWitnessFields && !form.witness.name.trim()) {
    errors.witnessName = "Witness testimony needs the witness’s name.";
  }
  if (form.confidential) {
    if (!form.descriptor.what.trim()) errors.descriptorWhat = "Say what the original is.";
    if (!form.descriptor.held_at.trim()) errors.descriptorHeldAt = "Say where the original is kept.";
    if (!form.descriptor.confirmer.trim()) {
      errors.descriptorConfirmer = "Say who can confirm it exists.";
    }
  }
  return errors;
}

const trimWitness = (w: WitnessInput): WitnessInput => ({
  name: w.name.trim(),
  job_role: w.job_role.trim(),
  organisation: w.organisation.trim(),
  relationship: w.relationship.trim(),
  contact: w.contact.trim(),
  competence: w.competence.trim(),
});

/** What the core is sent: the witness only for witness testimony, the descriptor only if ticked. */
export function toInput(form: EvidenceForm, witnessCount: number): EvidenceInput {
  const input = fieldsOf(form, witnessCount);
  const method = input.method;
  if (method === null) throw new Error("toInput needs a form that validateForm accepts (a method chosen).");
  return { ...input, method };
}

/** The form's fields as they would be sent, the method perhaps not chosen yet. */
function fieldsOf(
  form: EvidenceForm,
  witnessCount: number,
): Omit<EvidenceInput, "method"> & { method: EvidenceMethod | null } {
  const parts = formParts(form, false, witnessCount);
  const date = form.activityDate.trim();
  return {
    title: form.title.trim(),
    method: form.method,
    activity_date: date ? date : null,
    description: form.description.trim(),
    witness: !parts.witness
      ? null
      : parts.existingWitnessPicker && form.witnessId !== null
        ? { existing: form.witnessId }
        : { new: trimWitness(form.witness) },
    confidential: form.confidential
      ? {
          what: form.descriptor.what.trim(),
          held_at: form.descriptor.held_at.trim(),
          confirmer: form.descriptor.confirmer.trim(),
        }
      : null,
  };
}

/** The mappings as sent: notes trimmed. */
export function cleanMappings(mappings: readonly Mapping[]): Mapping[] {
  return mappings.map((m) => ({ item_id: m.item_id, note: m.note.trim() }));
}

/** The files sent with a new record: none while it is marked confidential. */
export function filesToSend(form: EvidenceForm): string[] {
  return form.confidential ? [] : [...form.files];
}

export function sameMappings(a: readonly Mapping[], b: readonly Mapping[]): boolean {
  const x = cleanMappings(a);
  const y = cleanMappings(b);
  return x.length === y.length && x.every((m, i) => m.item_id === y[i]!.item_id && m.note === y[i]!.note);
}

/** True when the record's fields (not its mappings) differ. */
export function inputChanged(a: EvidenceForm, b: EvidenceForm, witnessCount: number): boolean {
  return JSON.stringify(fieldsOf(a, witnessCount)) !== JSON.stringify(fieldsOf(b, witnessCount));
}

/** True when anything on the form differs from where it started. */
export function formChanged(start: EvidenceForm, now: EvidenceForm, witnessCount: number): boolean {
  return (
    inputChanged(start, now, witnessCount) ||
    !sameMappings(start.mappings, now.mappings) ||
    start.files.length !== now.files.length ||
    start.files.some((f, i) => now.files[i] !== f) ||
    // Typing in fields the core ignores still counts as a change to keep.
    JSON.stringify(trimWitness(start.witness)) !== JSON.stringify(trimWitness(now.witness))
  );
}

// ---------- The library's filters ----------

export interface EvidenceFilters {
  search: string;
  method: EvidenceMethod | "";
  item: string;
  sort: EvidenceSort;
}

export function blankFilters(): EvidenceFilters {
  return { search: "", method: "", item: "", sort: "reference" };
}

export function toQuery(f: EvidenceFilters): EvidenceQuery {
  const search = f.search.trim().replace(/\s+/gu, " ");
  return {
    search: search ? search : null,
    method: f.method ? f.method : null,
    item: f.item ? f.item : null,
    sort: f.sort,
  };
}

/** True when some filter (not the sort) narrows the list. */
export function isFiltered(f: EvidenceFilters): boolean {
  return f.search.trim() !== "" || f.method !== "" || f.item !== "";
}

export const SORT_LABELS: Record<EvidenceSort, string> = {
  reference: "Reference",
  date_newest: "Newest first",
  date_oldest: "Oldest first",
};

/** "3 pieces of evidence", "1 piece of evidence". */
export function piecesText(n: number): string {
  return n === 1 ? "1 piece of evidence" : `${n.toLocaleString("en-GB")} pieces of evidence`;
}

/** What the list shows, in words: "12 of 150 pieces of evidence match “minutes”, mapped to P4". */
export function listSummary(shown: number, total: number, f: EvidenceFilters): string {
  if (!isFiltered(f)) return piecesText(total);
  const parts: string[] = [];
  const search = f.search.trim();
  if (search) parts.push(`match “${search}”`);
  if (f.method) parts.push(methodLabel(f.method).toLowerCase());
  if (f.item) parts.push(`mapped to ${f.item}`);
  const of = `${shown.toLocaleString("en-GB")} of ${piecesText(total)}`;
  return `${of}: ${parts.join(", ")}`;
}

/** Up to `max` item references to show, and how many more there are. */
export function itemChips(ids: readonly string[], max = 6): { shown: string[]; more: number } {
  if (ids.length <= max) return { shown: [...ids], more: 0 };
  // Leave room for the "+n" chip, so never "+1".
  const keep = max - 1;
  return { shown: ids.slice(0, keep), more: ids.length - keep };
}

/** "1 file", "3 files". */
export function filesText(n: number): string {
  return n === 1 ? "1 file" : `${n} files`;
}

/** A file size for people: "812 bytes", "14 KB", "2.4 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const shown = value >= 10 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/u, "");
  return `${shown} ${units[unit]}`;
}

/** A short kind of file from its media type, for people: "PDF document", "Photo or picture". */
export function fileKind(mediaType: string, fileName: string): string {
  const ext = fileName.includes(".") ? fileName.split(".").pop()!.toLowerCase() : "";
  if (mediaType.startsWith("image/")) return "Picture";
  if (mediaType === "application/pdf") return "PDF document";
  if (mediaType.startsWith("audio/")) return "Sound recording";
  if (mediaType.startsWith("video/")) return "Video";
  if (mediaType.startsWith("text/")) return "Text";
  if (/^(docx?|odt|rtf)$/u.test(ext) || mediaType.includes("wordprocessing")) return "Document";
  if (/^(xlsx?|ods|csv)$/u.test(ext) || mediaType.includes("spreadsheet")) return "Spreadsheet";
  if (/^(pptx?|odp)$/u.test(ext) || mediaType.includes("presentation")) return "Slides";
  if (/^(eml|msg)$/u.test(ext)) return "Email";
  return ext ? `${ext.toUpperCase()} file` : "File";
}

/** Whether a file is a picture, which the PDF prints and describes. */
export function isPicture(a: Pick<Attachment, "media_type">): boolean {
  return a.media_type.startsWith("image/");
}

/**
 * What the PDF says a picture shows when the learner has not described it:
 * the same words as the core's `photo_alt` (src/export/appendix.rs).
 */
export function defaultPictureDescription(reference: string, title: string, fileName: string): string {
  return `Photograph for evidence ${reference} “${title}”: ${fileName}`;
}
