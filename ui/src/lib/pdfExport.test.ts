// Tests for the PDF export's progress and result as the UI shows them.
import { describe, expect, it } from "vitest";
import type { PdfExportProgress } from "./bindings/PdfExportProgress";
import type { PdfMissingCharacter } from "./bindings/PdfMissingCharacter";
import {
  exportedText,
  exportFraction,
  exportStageText,
  missingCharacterText,
  missingCharactersText,
  progressOf,
} from "./pdfExport";

const p = (stage: PdfExportProgress["stage"], done: number, total: number): PdfExportProgress => ({
  stage,
  done,
  total,
});

describe("exportFraction", () => {
  it("starts at nothing and ends at everything", () => {
    expect(exportFraction(null)).toBe(0);
    expect(exportFraction(p("reading", 0, 300))).toBe(0);
    expect(exportFraction(p("finished", 1, 1))).toBe(1);
  });

  it("only ever grows through the stages", () => {
    const steps = [
      p("reading", 0, 4),
      p("reading", 2, 4),
      p("reading", 4, 4),
      p("typesetting", 0, 1),
      p("typesetting", 1, 1),
      p("writing", 0, 1),
      p("writing", 1, 1),
      p("finished", 1, 1),
    ];
    const fractions = steps.map(exportFraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(fractions[2]).toBeCloseTo(fractions[3] ?? -1);
    expect(fractions[6]).toBeCloseTo(1);
  });

  it("copes with a portfolio without evidence and with counts past the total", () => {
    expect(exportFraction(p("reading", 0, 0))).toBe(0);
    expect(exportFraction(p("reading", 9, 3))).toBeCloseTo(exportFraction(p("typesetting", 0, 1)));
  });
});

describe("exportStageText", () => {
  it("puts each stage in words", () => {
    expect(exportStageText(null)).toBe("Starting…");
    expect(exportStageText(p("reading", 12, 300))).toBe("Reading evidence 12 of 300…");
    expect(exportStageText(p("reading", 0, 0))).toBe("Reading the portfolio…");
    expect(exportStageText(p("typesetting", 0, 1))).toBe("Setting the pages…");
    expect(exportStageText(p("writing", 0, 1))).toBe("Writing the file…");
    expect(exportStageText(p("finished", 1, 1))).toBe("Done.");
  });
});

describe("progressOf", () => {
  it("takes a progress event's payload and refuses anything else", () => {
    expect(progressOf({ stage: "writing", done: 0, total: 1 })).toEqual(p("writing", 0, 1));
    expect(progressOf({ stage: "printing", done: 0, total: 1 })).toBeNull();
    expect(progressOf({ stage: "writing", done: "0", total: 1 })).toBeNull();
    expect(progressOf(null)).toBeNull();
    expect(progressOf("writing")).toBeNull();
  });
});

describe("exportedText", () => {
  const summary = {
    path: "/tmp/a.pdf",
    fingerprint: "ab",
    pages: 474,
    bytes: 22_500_000,
    evidence: 300,
    photos: 60,
    missing_characters: [],
  };

  it("says how big the PDF is and what is in it", () => {
    expect(exportedText(summary)).toBe("474 pages, 23 MB, 300 pieces of evidence, 60 photos");
  });

  it("uses the singular for one and leaves out photos when there are none", () => {
    expect(exportedText({ ...summary, pages: 1, bytes: 800, evidence: 1, photos: 0 })).toBe(
      "1 page, 800 bytes, 1 piece of evidence",
    );
    expect(exportedText({ ...summary, photos: 1 })).toContain(", 1 photo");
  });
});

describe("missing characters", () => {
  const summary = {
    path: "/tmp/a.pdf",
    fingerprint: "ab",
    pages: 2,
    bytes: 800,
    evidence: 1,
    photos: 0,
    missing_characters: [] as PdfMissingCharacter[],
  };
  const pua: PdfMissingCharacter = {
    character: "\u{E000}",
    code_point: "U+E000",
    places: ["page 12: Performance criteria › P3 Plan sessions › Learner’s account", "page 30: Evidence appendix"],
  };

  it("says nothing when every character is printed as itself", () => {
    expect(missingCharactersText(summary)).toBeNull();
  });

  it("counts the characters and says where each one is", () => {
    expect(missingCharactersText({ ...summary, missing_characters: [pua] })).toBe(
      "1 character has no font in the PDF",
    );
    expect(missingCharactersText({ ...summary, missing_characters: [pua, { ...pua, code_point: "U+0378" }] })).toBe(
      "2 characters have no font in the PDF",
    );
    expect(missingCharacterText(pua)).toBe(
      "U+E000 on page 12: Performance criteria › P3 Plan sessions › Learner’s account; page 30: Evidence appendix",
    );
  });
});
