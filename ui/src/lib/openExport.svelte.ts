// The open export in the window: "Export everything (ZIP)…" of each open
// portfolio (its Task and last result kept here rather than in a screen, so
// the learner can go on working elsewhere while it runs and find the result
// when they come back), "Import from a ZIP…" on the home screen, and both
// results in words.
import { api } from "./api";
import type { ExportedZip } from "./bindings/ExportedZip";
import type { LibraryEntry } from "./bindings/LibraryEntry";
import { sizeText } from "./evidence";
import { Task } from "./task.svelte";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the ZIP holds, in a line: "2.4 MB: 12 pieces of evidence, 5 files and the PDF (40 pages)". */
export function exportedZipText(z: ExportedZip): string {
  const parts = [plural(z.evidence, "piece of evidence", "pieces of evidence")];
  if (z.files > 0) parts.push(plural(z.files, "attached file", "attached files"));
  return `${sizeText(z.bytes)}: ${parts.join(", ")} and the PDF (${plural(z.pdf_pages, "page", "pages")})`;
}

/** Which portfolio an import added: "“Title” (learner) is now in your portfolios, with 3 pieces of evidence." */
export function importedText(e: LibraryEntry): string {
  const title = e.title || "The portfolio";
  const who = e.learner_name ? ` (${e.learner_name})` : "";
  return `“${title}”${who} is now in your portfolios, with ${plural(e.evidence, "piece of evidence", "pieces of evidence")}.`;
}

class ZipExports {
  /** By portfolio id: the last export written (until dismissed). */
  done: Record<string, ExportedZip> = $state({});
  /** By portfolio id: the export's busy state and failure. */
  readonly tasks = new Map<string, Task>();
}

export const zipExports = new ZipExports();

/** The Task of portfolio `id`'s ZIP export (the same one on every screen). */
export function zipExportTask(id: string): Task {
  let task = zipExports.tasks.get(id);
  if (!task) {
    task = new Task();
    zipExports.tasks.set(id, task);
  }
  return task;
}

/**
 * Asks where to save (the shell's native dialog) and writes the whole
 * portfolio there; a cancelled dialog leaves the last result shown. Run it
 * through the portfolio's Task (`zipExportTask(id).run`), which keeps the
 * failure.
 */
export async function exportZip(id: string): Promise<void> {
  const exported = await api.exportOpenZip(id);
  if (exported) zipExports.done[id] = exported;
}

/** Puts the result and any failure away (the "Dismiss" button). */
export function dismissZipExport(id: string): void {
  delete zipExports.done[id];
  zipExportTask(id).clear();
}
