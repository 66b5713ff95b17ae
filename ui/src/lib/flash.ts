// A message handed from one screen to the next: after saving evidence the
// form moves on, and the next screen says what happened ("E12 added") and
// anything the learner should know about the files (a name shortened, no
// preview made). Taken once, by the first screen that shows it.
import type { AttachOutcome } from "./bindings/AttachOutcome";
import { fileName } from "./drop";
import { isPicture } from "./evidence";

export interface Flash {
  text: string;
  /** Things worth knowing, in sentences (from the core's attach notes). */
  notes: string[];
}

let pending: Flash | null = null;

export function setFlash(flash: Flash): void {
  pending = flash;
}

/** The waiting message, once; null when there is none. */
export function takeFlash(): Flash | null {
  const f = pending;
  pending = null;
  return f;
}

/** What the learner should know about files just attached, in sentences. */
export function attachNotes(outcomes: readonly AttachOutcome[]): string[] {
  const notes: string[] = [];
  for (const o of outcomes) {
    notes.push(...o.notes);
    if (isPicture(o.attachment) && o.attachment.description === null) {
      notes.push(
        `Say in a few words what ${o.attachment.file_name} shows, under its picture: the PDF reads it out to people who cannot see it.`,
      );
    }
    if (o.deduplicated) {
      notes.push(
        `${o.attachment.file_name} was already in your portfolio, so it is stored once and used in both places.`,
      );
    }
  }
  return notes;
}

/** "Attached minutes.pdf.", "Attached 3 files to E4." */
export function attachedText(outcomes: readonly AttachOutcome[], reference: string): string {
  if (outcomes.length === 1) return `Attached ${outcomes[0]!.attachment.file_name} to ${reference}.`;
  return `Attached ${outcomes.length} files to ${reference}.`;
}

/** "minutes.pdf and photo.jpg" for a short list of paths. */
export function namesOf(paths: readonly string[]): string {
  const names = paths.map(fileName);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
