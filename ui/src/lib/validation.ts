// Checks on what people type before it is sent, with messages that say how
// to put it right. The core checks again; these only make mistakes visible
// early, next to the field.
import type { AppError } from "./bindings/AppError";
import type { LearnerProfile } from "./bindings/LearnerProfile";
import { invalidInput } from "./errors";

/** The same limit the core applies to names, titles and profile fields. */
export const MAX_FIELD_CHARS = 200;

export type ProfileField = keyof LearnerProfile;
export type ProfileErrors = Partial<Record<ProfileField, string>>;

/** The profile form's fields, in order, with their labels. */
export const PROFILE_LABELS: Record<ProfileField, string> = {
  full_name: "Full name",
  registration_number: "Learner or registration number",
  centre: "Centre",
  qualification: "Qualification or programme",
  assessor_name: "Assessor’s name",
  start_date: "Start date",
};

export function blankProfile(): LearnerProfile {
  return {
    full_name: "",
    registration_number: "",
    centre: "",
    qualification: "",
    assessor_name: "",
    start_date: null,
  };
}

/** True for a real calendar date written `YYYY-MM-DD` (so not 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

function chars(s: string): number {
  return [...s].length;
}

/** Field-by-field problems; an empty object means the profile can be saved. */
export function validateProfile(p: LearnerProfile): ProfileErrors {
  const errors: ProfileErrors = {};
  if (!p.full_name.trim()) {
    errors.full_name = "Please enter the learner’s full name.";
  }
  for (const field of [
    "full_name",
    "registration_number",
    "centre",
    "qualification",
    "assessor_name",
  ] as const) {
    if (!errors[field] && chars(p[field].trim()) > MAX_FIELD_CHARS) {
      errors[field] = `This can be at most ${MAX_FIELD_CHARS} characters.`;
    }
  }
  const date = (p.start_date ?? "").trim();
  if (date && !isIsoDate(date)) {
    errors.start_date = "Write the date as year-month-day, for example 2026-09-01.";
  }
  return errors;
}

export function firstProfileError(errors: ProfileErrors): AppError | null {
  for (const field of Object.keys(PROFILE_LABELS) as ProfileField[]) {
    const message = errors[field];
    if (message) return invalidInput(`${PROFILE_LABELS[field]}: ${message}`);
  }
  return null;
}

/** The profile as sent: fields trimmed, an empty date as no date. */
export function cleanProfile(p: LearnerProfile): LearnerProfile {
  const date = (p.start_date ?? "").trim();
  return {
    full_name: p.full_name.trim(),
    registration_number: p.registration_number.trim(),
    centre: p.centre.trim(),
    qualification: p.qualification.trim(),
    assessor_name: p.assessor_name.trim(),
    start_date: date ? date : null,
  };
}

export function sameProfile(a: LearnerProfile, b: LearnerProfile): boolean {
  const x = cleanProfile(a);
  const y = cleanProfile(b);
  return (Object.keys(PROFILE_LABELS) as ProfileField[]).every((k) => x[k] === y[k]);
}

/** A portfolio's name, for renaming; null when it is fine. */
export function validateTitle(title: string): string | null {
  const t = title.trim();
  if (!t) return "Please give the portfolio a name.";
  if (chars(t) > MAX_FIELD_CHARS) return `A name can be at most ${MAX_FIELD_CHARS} characters.`;
  return null;
}
