// The library's entries, kept for the session: the home screen lists them
// and keeps them here; the portfolio's navigation takes the submitted
// version an assessor's copy was opened from. (Whose copy a portfolio is
// comes from the core's frame of it, not from here.)
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
 * yet); null if it cannot be found. A failure to list counts as not found.
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
