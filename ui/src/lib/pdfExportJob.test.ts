// Tests for the PDF export jobs: two exports at once (two portfolios) each
// show only their own progress, and each ends with its own result.
import { afterEach, describe, expect, it } from "vitest";
import type { Channel } from "@tauri-apps/api/core";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { PdfExportProgress } from "./bindings/PdfExportProgress";
import type { PdfExportSummary } from "./bindings/PdfExportSummary";
import { sendOnChannel } from "./channelTesting";
import { pdfExports, startPdfExport } from "./pdfExportJob.svelte";

afterEach(() => clearMocks());

/** An export the mocked shell has started and not yet finished. */
interface Running {
  channel: Channel<PdfExportProgress>;
  finish: (summary: PdfExportSummary | null) => void;
}

const summary = (path: string): PdfExportSummary => ({
  path,
  pages: 3,
  bytes: 1000,
  fingerprint: "ab",
  evidence: 1,
  photos: 0,
  missing_characters: [],
});

describe("startPdfExport", () => {
  it("keeps the progress of two exports running at once apart", async () => {
    const running: Record<string, Running> = {};
    let started: () => void = () => {};
    const bothStarted = new Promise<void>((resolve) => (started = resolve));
    mockIPC((cmd, args) => {
      expect(cmd).toBe("export_pdf");
      const { id, onProgress } = args as { id: string; onProgress: Channel<PdfExportProgress> };
      return new Promise<PdfExportSummary | null>((finish) => {
        running[id] = { channel: onProgress, finish };
        if (running.a && running.b) started();
      });
    });
    const a = startPdfExport("a");
    const b = startPdfExport("b");
    await bothStarted;

    sendOnChannel(running.a!.channel, 0, { stage: "reading", done: 3, total: 10 });
    expect(pdfExports.jobs.a).toEqual({ state: "working", progress: { stage: "reading", done: 3, total: 10 } });
    expect(pdfExports.jobs.b).toEqual({ state: "working", progress: null });

    sendOnChannel(running.b!.channel, 0, { stage: "typesetting", done: 0, total: 1 });
    sendOnChannel(running.a!.channel, 1, { stage: "reading", done: 4, total: 10 });
    expect(pdfExports.jobs.a).toEqual({ state: "working", progress: { stage: "reading", done: 4, total: 10 } });
    expect(pdfExports.jobs.b).toEqual({ state: "working", progress: { stage: "typesetting", done: 0, total: 1 } });

    running.b!.finish(summary("/tmp/b.pdf"));
    await b;
    expect(pdfExports.jobs.b).toEqual({ state: "done", summary: summary("/tmp/b.pdf") });
    expect(pdfExports.jobs.a?.state).toBe("working");

    sendOnChannel(running.a!.channel, 2, { stage: "writing", done: 0, total: 1 });
    expect(pdfExports.jobs.a).toEqual({ state: "working", progress: { stage: "writing", done: 0, total: 1 } });
    expect(pdfExports.jobs.b).toEqual({ state: "done", summary: summary("/tmp/b.pdf") });
    running.a!.finish(summary("/tmp/a.pdf"));
    await a;
    expect(pdfExports.jobs.a).toEqual({ state: "done", summary: summary("/tmp/a.pdf") });
  });
});
