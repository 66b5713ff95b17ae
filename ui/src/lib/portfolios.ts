// What the screens inside a portfolio need to know about it before they
// draw: its name and whose copy it is (the learner's own, or an assessor's
// copy whose learner content is read-only). Taken from the library's list,
// asked for once and kept for the session; the home screen refreshes it.
import { api } from "./api";
import type { LibraryEntry } from "./bindings/LibraryEntry";

const known = new Map<string, LibraryEntry>();
let listing: Promise<void> | null = null;

/** Keeps the library's entries (the home screen calls this after listing). */
export function rememberEntries(entries: readonly LibraryEntry[]): void {
  for (const e of entries) known.set(e.id, e);
}

export function rememberEntry(entry: LibraryEntry): void {
  known.set(entry.id, entry);
}

export function forgetEntries(): void {
  known.clear();
}

/**
 * The library entry of portfolio `id` (listing the library if not known
 * yet); null if it cannot be found. A failure to list counts as not found:
 * the screen then treats the copy as the learner's, and the core still
 * refuses any change an assessor's copy does not allow.
 */
export async function entryOf(id: string): Promise<LibraryEntry | null> {
  const found = known.get(id);
  if (found) return found;
  if (!listing) {
    listing = api
      .listPortfolios()
      .then(rememberEntries)
      .catch(() => undefined)
      .finally(() => (listing = null));
  }
  await listing;
  return known.get(id) ?? null;
}

/** True for an assessor's copy (the learner's content cannot be changed in it). */
export async function isAssessorCopy(id: string): Promise<boolean> {
  return (await entryOf(id))?.role === "assessor";
}
