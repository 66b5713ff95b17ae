// The Partnerships screens' logic, kept out of the markup so it can be
// tested: the words for partner types, levels, bands and changes; the
// health check chart's geometry (one bar per element on the 1–5 scale, a
// mark per respondent, the band lines) and the stakeholder map's (four
// quadrants, a labelled dot per partner); the blank forms and what they
// send; what removing a note, agreement, health check or action takes with
// it (the core's facts: `get_removal_effects`), in words for the
// confirmation and the notice. No numbers are worked out here that the core
// already gives.
import type { HealthCheckBand } from "./bindings/HealthCheckBand";
import type { HealthCheckChange } from "./bindings/HealthCheckChange";
import type { HealthCheckElementResult } from "./bindings/HealthCheckElementResult";
import type { HealthCheckAnswerInput } from "./bindings/HealthCheckAnswerInput";
import type { HealthCheckResponse } from "./bindings/HealthCheckResponse";
import type { HealthCheckTemplate } from "./bindings/HealthCheckTemplate";
import type { MapQuadrant } from "./bindings/MapQuadrant";
import type { Note } from "./bindings/Note";
import type { NoteInput } from "./bindings/NoteInput";
import type { NoteKind } from "./bindings/NoteKind";
import type { Partner } from "./bindings/Partner";
import type { PartnerInput } from "./bindings/PartnerInput";
import type { PartnerLevel } from "./bindings/PartnerLevel";
import type { PartnerType } from "./bindings/PartnerType";
import type { PartnershipRemovalEffects } from "./bindings/PartnershipRemovalEffects";
import type { StakeholderMap } from "./bindings/StakeholderMap";
import { formatDate } from "./format";

export const PARTNER_TYPES: readonly { value: PartnerType; label: string }[] = [
  { value: "colleague", label: "Colleague or team in your own organisation" },
  { value: "partner_agency", label: "Partner agency" },
  { value: "community_group", label: "Community group or organisation" },
  { value: "funder", label: "Funder" },
  { value: "government", label: "National or local government body" },
  { value: "other", label: "Other" },
];

export const NOTE_KINDS: readonly { value: NoteKind; label: string }[] = [
  { value: "meeting", label: "Meeting" },
  { value: "consultation", label: "Consultation before a decision" },
  { value: "feedback", label: "Feedback sought or given" },
  { value: "disagreement", label: "A disagreement and how it was handled" },
  { value: "decision", label: "Decision" },
];

export function levelLabel(level: PartnerLevel | null): string {
  return level === null ? "Not recorded" : level === "high" ? "High" : "Low";
}

const BANDS: Record<HealthCheckBand, string> = {
  strength: "Strength",
  developing: "Developing",
  concern: "Concern",
};

export function bandLabel(band: HealthCheckBand | null): string {
  return band === null ? "No scores" : BANDS[band];
}

/** A mean as the core rounds it ("3.67"), or a dash when nobody scored. */
export function meanText(mean: number | null): string {
  return mean === null ? "–" : mean.toFixed(2);
}

/** "Improved by 0.50 since HC1", "Declined by 1.25 since HC1", "No change since HC1". */
export function changeText(change: HealthCheckChange | null): string {
  if (!change) return "";
  const by = Math.abs(change.change).toFixed(2);
  switch (change.direction) {
    case "improved":
      return `Improved by ${by} since ${change.previous_check}`;
    case "declined":
      return `Declined by ${by} since ${change.previous_check}`;
    default:
      return `No change since ${change.previous_check}`;
  }
}

/** "1 overdue agreement, 2 overdue actions" or "" when nothing is overdue. */
export function overdueText(agreements: number, actions: number): string {
  const parts: string[] = [];
  if (agreements > 0) parts.push(`${agreements} overdue ${agreements === 1 ? "agreement" : "agreements"}`);
  if (actions > 0) parts.push(`${actions} overdue ${actions === 1 ? "action" : "actions"}`);
  return parts.join(", ");
}

// The chart: elements down the side, the 1–5 scale across.
export const CHART = { width: 560, label: 190, right: 20, top: 26, row: 30, bar: 14 } as const;

export interface ChartRow {
  element: string;
  name: string;
  y: number;
  /** The bar's length for the mean of all respondents (0 when no scores). */
  bar: number;
  band: HealthCheckBand | null;
  flagged: boolean;
  /** Each respondent's mark, in the order they answered. */
  marks: { respondent: string; x: number }[];
}

export interface Chart {
  height: number;
  /** x of scores 1 to 5, for the axis. */
  ticks: { score: number; x: number }[];
  /** x of the band lines (3.0 developing, 4.0 strength). */
  bands: { score: number; x: number }[];
  rows: ChartRow[];
}

/** x of a score on the 1–5 scale. */
export function scoreX(score: number): number {
  const plot = CHART.width - CHART.label - CHART.right;
  return CHART.label + ((score - 1) / 4) * plot;
}

export function chartOf(results: readonly HealthCheckElementResult[]): Chart {
  const rows = results.map((r, i) => ({
    element: r.element,
    name: r.name,
    y: CHART.top + i * CHART.row,
    bar: r.mean === null ? 0 : scoreX(r.mean) - CHART.label,
    band: r.band,
    flagged: r.spread?.flagged ?? false,
    marks: r.respondents.flatMap((m) => (m.mean === null ? [] : [{ respondent: m.respondent, x: scoreX(m.mean) }])),
  }));
  return {
    height: CHART.top + results.length * CHART.row + 8,
    ticks: [1, 2, 3, 4, 5].map((score) => ({ score, x: scoreX(score) })),
    bands: [3, 4].map((score) => ({ score, x: scoreX(score) })),
    rows,
  };
}

// The stakeholder map: influence up the side (high at the top), interest across (high at the right).
export const MAP = { width: 560, height: 380, margin: 34, line: 20 } as const;

export interface MapCell {
  quadrant: MapQuadrant;
  x: number;
  y: number;
  w: number;
  h: number;
  partners: { reference: string; name: string; x: number; y: number }[];
}

export function mapCells(map: StakeholderMap): MapCell[] {
  const w = (MAP.width - MAP.margin) / 2;
  const h = (MAP.height - MAP.margin) / 2;
  return map.quadrants.map((q) => {
    const x = MAP.margin + (q.interest === "high" ? w : 0);
    const y = q.influence === "high" ? 0 : h;
    return {
      quadrant: q,
      x,
      y,
      w,
      h,
      partners: q.partners.map((p, i) => ({
        reference: p.reference,
        name: p.name,
        x: x + 16,
        y: y + 46 + i * MAP.line,
      })),
    };
  });
}

export function blankPartner(): PartnerInput {
  return {
    name: "",
    kind: "partner_agency",
    role: "",
    interests: "",
    services: "",
    info_needs: "",
    info_shared: "",
    info_withheld: "",
    interest: null,
    influence: null,
    contacts: [],
  };
}

/** The form's fields of a partner in the register. */
export function partnerInput(p: Partner): PartnerInput {
  const { name, kind, role, interests, services, info_needs, info_shared, info_withheld, interest, influence } = p;
  const contacts = p.contacts.map((c) => ({ ...c }));
  return { name, kind, role, interests, services, info_needs, info_shared, info_withheld, interest, influence, contacts };
}

/** The partner as sent: texts trimmed, empty contacts left out. */
export function cleanPartner(p: PartnerInput): PartnerInput {
  return {
    ...p,
    name: p.name.trim(),
    contacts: p.contacts
      .map((c) => ({ name: c.name.trim(), role: c.role.trim(), reach: c.reach.trim() }))
      .filter((c) => c.name || c.role || c.reach),
  };
}

/** Interest and influence are recorded both or neither. */
export function placeProblem(p: PartnerInput): string | null {
  return (p.interest === null) === (p.influence === null)
    ? null
    : "Give both interest and influence to place the partner on the map, or neither.";
}

/** One respondent's answers: every statement, "don't know" until scored. */
export type Answers = Record<string, { score: number | null; comment: string }>;

export function blankAnswers(template: HealthCheckTemplate): Answers {
  const answers: Answers = {};
  for (const e of template.elements) for (const s of e.statements) answers[s.id] = { score: null, comment: "" };
  return answers;
}

/** The form filled with a respondent's answers as recorded, to change them. */
export function answersOf(template: HealthCheckTemplate, response: HealthCheckResponse): Answers {
  const answers = blankAnswers(template);
  for (const a of response.answers) if (answers[a.statement_id]) answers[a.statement_id] = { score: a.score, comment: a.comment };
  return answers;
}

export function toAnswerInputs(answers: Answers): HealthCheckAnswerInput[] {
  return Object.entries(answers).map(([statement_id, a]) => ({
    statement_id,
    score: a.score as HealthCheckAnswerInput["score"],
    comment: a.comment.trim(),
  }));
}

/** "12 of 33 scored" for the entry form. */
export function scoredText(answers: Answers): string {
  const all = Object.values(answers);
  return `${all.filter((a) => a.score !== null).length} of ${all.length} scored`;
}

/** The note form's fields: who took part as typed, names separated by commas. */
export interface NoteForm {
  kind: NoteKind;
  date: string;
  text: string;
  participants: string;
}

/** The form for a new note (dated `today`), or filled with a note to change. */
export function noteForm(today: string, note?: Note): NoteForm {
  return note
    ? { kind: note.kind, date: note.date, text: note.text, participants: note.participants.join(", ") }
    : { kind: "meeting", date: today, text: "", participants: "" };
}

/** The note as sent: the names split at commas, blanks left out (the core checks the rest). */
export function noteInput(form: NoteForm): NoteInput {
  const participants = form.participants
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  return { kind: form.kind, date: form.date, text: form.text, participants };
}

/** A partnership's records that can be removed (a partner is not one of them). */
export type RemovableKind = Exclude<PartnershipRemovalEffects["kind"], "partner">;

/** A removal asked about: what goes, what stays, and what to say once it has gone. */
export interface Removal {
  kind: RemovableKind;
  reference: string;
  /** "Remove note N1?" */
  title: string;
  /** What goes, what becomes of the evidence made from it, and that the history keeps it. */
  message: string;
  /** The notice once removed. */
  done: string;
  /** The id of the section's heading, where focus goes after. */
  heading: string;
}

const REMOVABLE: Record<RemovableKind, { noun: string; heading: string }> = {
  note: { noun: "note", heading: "notes-title" },
  agreement: { noun: "agreement", heading: "agreements-title" },
  health_check: { noun: "health check", heading: "checks-title" },
  action: { noun: "action", heading: "actions-title" },
};

const listed = (words: string[]) =>
  words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;

/** The confirmation's and the notice's words for what the core says removing a record does. */
export function removalOf(e: PartnershipRemovalEffects): Removal {
  // The core never says this: a partner is not one of a partnership's records.
  if (e.kind === "partner") throw new Error(`${e.reference} is a partner, not one of a partnership’s records.`);
  const r = REMOVABLE[e.kind];
  let what: string;
  let after = "";
  if (e.kind === "note") {
    what = `The note of ${formatDate(e.date)} (${e.label.toLowerCase()}) leaves this partnership’s record.`;
  } else if (e.kind === "agreement") {
    what = `The agreement of ${formatDate(e.date)} leaves this partnership’s record${
      e.revisions > 0 ? `, with its ${e.revisions === 1 ? "revision" : `${e.revisions} revisions`}` : ""
    }.`;
  } else if (e.kind === "health_check") {
    what = `The health check of ${formatDate(e.date)} leaves this partnership’s record${
      e.respondents.length > 0 ? `, with the answers of ${listed(e.respondents)}` : ""
    }.`;
    const kept = e.actions_kept;
    if (kept.length > 0) after = ` Its ${kept.length === 1 ? "action stays" : "actions stay"} in the action plan: ${kept.join(", ")}.`;
  } else {
    what = `“${e.label}” leaves the action plan.`;
  }
  const refs = listed(e.evidence.map((m) => m.evidence));
  const one = e.evidence.length === 1;
  const stays = one ? "stays" : "stay";
  let evidence = "";
  let done = `Removed ${r.noun} ${e.reference}.`;
  if (e.evidence.length > 0 && e.evidence_after === "changed") {
    evidence = ` Evidence ${refs}, made from health check ${e.evidence_source}, ${stays} as ${one ? "it was" : "they were"} made, and will say the check has changed since.`;
    done += ` Evidence ${refs} ${one ? "stays, and says" : "stay, and say"} health check ${e.evidence_source} has changed since.`;
  } else if (e.evidence.length > 0) {
    evidence = ` Evidence ${refs}, made from it, ${stays} as ${one ? "it was" : "they were"} made, and will say its source has been removed.`;
    done += ` Evidence ${refs} ${one ? "stays, and says" : "stay, and say"} its source has been removed.`;
  }
  return {
    kind: e.kind,
    reference: e.reference,
    title: `Remove ${r.noun} ${e.reference}?`,
    message: `${what}${after}${evidence} The removal is kept in the portfolio’s history.`,
    done,
    heading: r.heading,
  };
}
