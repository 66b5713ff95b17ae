// The PDF export of each open portfolio as shared reactive state: it lives
// here rather than in a screen, so the learner can go on working on other
// screens while it runs and find the result when they come back.
import { api } from "./api";
import type { AppError } from "./bindings/AppError";
import type { PdfExportProgress } from "./bindings/PdfExportProgress";
import type { PdfExportSummary } from "./bindings/PdfExportSummary";
import { toAppError } from "./errors";
import { progressOf } from "./pdfExport";

export type PdfExportJob =
  | { state: "working"; progress: PdfExportProgress | null }
  | { state: "done"; summary: PdfExportSummary }
  | { state: "failed"; error: AppError };

class PdfExports {
  /** By portfolio id; absent until an export has been asked for. */
  jobs: Record<string, PdfExportJob> = $state({});
  /** How many exports of each portfolio have ended (cancelled ones too). */
  ended: Record<string, number> = $state({});
}

export const pdfExports = new PdfExports();

/** True while a PDF of this portfolio is being chosen or written. */
export function exporting(id: string): boolean {
  return pdfExports.jobs[id]?.state === "working";
}

/**
 * Asks where to save the PDF (the shell's native dialog) and writes it,
 * following its progress (this export's own, even while another portfolio's
 * export runs); a cancelled dialog leaves the last result shown.
 */
export async function startPdfExport(id: string): Promise<void> {
  if (exporting(id)) return;
  const before = pdfExports.jobs[id];
  pdfExports.jobs[id] = { state: "working", progress: null };
  let running = true;
  const onProgress = (message: unknown) => {
    const progress = progressOf(message);
    if (running && progress && pdfExports.jobs[id]?.state === "working") {
      pdfExports.jobs[id] = { state: "working", progress };
    }
  };
  try {
    const summary = await api.exportPdf(id, onProgress);
    if (summary) pdfExports.jobs[id] = { state: "done", summary };
    else if (before) pdfExports.jobs[id] = before;
    else delete pdfExports.jobs[id];
  } catch (e) {
    pdfExports.jobs[id] = { state: "failed", error: toAppError(e) };
  } finally {
    running = false;
    pdfExports.ended[id] = (pdfExports.ended[id] ?? 0) + 1;
  }
}

/** Puts the result away (the "Dismiss" button). */
export function dismissPdfExport(id: string): void {
  if (!exporting(id)) delete pdfExports.jobs[id];
}
