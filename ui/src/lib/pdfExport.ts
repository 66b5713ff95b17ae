// The PDF export as the UI shows it: the progress the shell reports on the
// export's own channel turned into a fraction for the bar and a line of
// words, and the finished file described for people, with any characters no
// font in it could show.
import type { PdfExportProgress } from "./bindings/PdfExportProgress";
import type { PdfExportSummary } from "./bindings/PdfExportSummary";
import type { PdfMissingCharacter } from "./bindings/PdfMissingCharacter";
import { sizeText } from "./evidence";

/** How much of the whole export each stage stands for, in order. */
const STAGES = [
  ["reading", 0.55],
  ["typesetting", 0.3],
  ["writing", 0.15],
] as const;

/** A progress message from the shell, or null when it is not one. */
export function progressOf(payload: unknown): PdfExportProgress | null {
  if (typeof payload !== "object" || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const stages = ["reading", "typesetting", "writing", "finished"];
  if (typeof p.stage !== "string" || !stages.includes(p.stage)) return null;
  if (typeof p.done !== "number" || typeof p.total !== "number") return null;
  return { stage: p.stage as PdfExportProgress["stage"], done: p.done, total: p.total };
}

/** How far the whole export is, from 0 to 1. */
export function exportFraction(p: PdfExportProgress | null): number {
  if (!p) return 0;
  if (p.stage === "finished") return 1;
  let before = 0;
  for (const [stage, share] of STAGES) {
    if (stage === p.stage) {
      const within = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
      return before + share * within;
    }
    before += share;
  }
  return 0;
}

/** What the export is doing, in words. */
export function exportStageText(p: PdfExportProgress | null): string {
  if (!p) return "Starting…";
  switch (p.stage) {
    case "reading":
      return p.total > 0 ? `Reading evidence ${p.done} of ${p.total}…` : "Reading the portfolio…";
    case "typesetting":
      return "Setting the pages…";
    case "writing":
      return "Writing the file…";
    case "finished":
      return "Done.";
  }
}

/** The finished PDF in a line: "474 pages, 22.5 MB, 300 pieces of evidence, 60 photos". */
export function exportedText(s: PdfExportSummary): string {
  const parts = [
    s.pages === 1 ? "1 page" : `${s.pages} pages`,
    sizeText(s.bytes),
    s.evidence === 1 ? "1 piece of evidence" : `${s.evidence} pieces of evidence`,
  ];
  if (s.photos > 0) parts.push(s.photos === 1 ? "1 photo" : `${s.photos} photos`);
  return parts.join(", ");
}

/** Why the export lists characters: "2 characters have no font in the PDF", or null when none. */
export function missingCharactersText(s: PdfExportSummary): string | null {
  const n = s.missing_characters.length;
  if (n === 0) return null;
  return n === 1 ? "1 character has no font in the PDF" : `${n} characters have no font in the PDF`;
}

/** One listed character and where it is: "U+E000 on page 12: Evidence appendix › E3 Minutes". */
export function missingCharacterText(m: PdfMissingCharacter): string {
  return `${m.code_point} on ${m.places.join("; ")}`;
}
