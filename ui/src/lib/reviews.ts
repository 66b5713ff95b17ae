// Progress reviews as the reviews screen shows and adds them: what is wrong
// with the form before it is saved, who still has to sign a review, and
// the signatures in words.
import type { NewReview } from "./bindings/NewReview";
import type { ProgressReview } from "./bindings/ProgressReview";
import type { Role } from "./bindings/Role";
import { isIsoDate } from "./validation";

export type ReviewErrors = Partial<Record<keyof NewReview, string>>;

/** What is wrong with a new review before it is saved (`today`: `YYYY-MM-DD`). */
export function validateReview(r: NewReview, today: string): ReviewErrors {
  const errors: ReviewErrors = {};
  if (r.held_on.trim() && !isIsoDate(r.held_on.trim()))
    errors.held_on = "Write the review's date as a date, e.g. 2026-12-01.";
  else if (r.held_on.trim() > today) errors.held_on = "The review's date is in the future: a review is recorded once held.";
  if (!r.next_steps.trim()) errors.next_steps = "Say what is next after the review.";
  const target = r.next_target.trim();
  if (!target) errors.next_target = "Give a target date for what is next.";
  else if (!isIsoDate(target)) errors.next_target = "Write the target date as a date, e.g. 2027-01-31.";
  else if (target < (r.held_on.trim() || today))
    errors.next_target = "The target date is before the review: choose a later date.";
  if (!r.learner_name.trim()) errors.learner_name = "Give the learner's name.";
  if (!r.assessor_name.trim()) errors.assessor_name = "Give the assessor's name.";
  return errors;
}

/** Whether `party` (this file's side) still has to sign the review. */
export function awaitsSignatureOf(review: ProgressReview, party: Role): boolean {
  return !review.signatures.some((s) => s.party === party);
}

/** The other side of the learner–assessor pair. */
export function otherParty(party: Role): Role {
  return party === "learner" ? "assessor" : "learner";
}

/** The reviews, newest first, as the screen lists them (the core gives date order). */
export function newestFirst(reviews: readonly ProgressReview[]): ProgressReview[] {
  return [...reviews].reverse();
}
