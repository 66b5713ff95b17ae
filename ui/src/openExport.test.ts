// Tests of the open export in the window (the whole UI in jsdom, the shell's
// commands answered by the test): "Export everything (ZIP)…" on a
// portfolio's overview says where the ZIP went, its size and what is in it,
// or why it failed; "Import from a ZIP…" on the home screen says which
// portfolio was added and offers to open it, or shows the gate's refusal
// and adds nothing. And the two results in words.
import { flushSync } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ExportedZip } from "./lib/bindings/ExportedZip";
import type { LibraryEntry } from "./lib/bindings/LibraryEntry";
import { dismissZipExport, exportedZipText, importedText } from "./lib/openExport.svelte";
import { router } from "./lib/router.svelte";
import { byTestId, portfolioAnswers, runApp, type Running } from "./test/app";

let app: Running | null = null;
afterEach(() => {
  app?.stop();
  app = null;
  dismissZipExport("p1");
});

const text = (id: string) => byTestId(id).textContent ?? "";

const zip = (over: Partial<ExportedZip> = {}): ExportedZip => ({
  path: "/home/sian/Documents/Sian-CLDAL16-portfolio.zip",
  bytes: 2_400_000,
  format_version: 1,
  evidence: 12,
  files: 5,
  pdf_pages: 40,
  ...over,
});

const entry = (over: Partial<LibraryEntry> = {}): LibraryEntry => ({
  id: "p9",
  uid: "u9",
  title: "Siân’s portfolio",
  learner_name: "Siân Roberts",
  standard_urn: "CLDAL16",
  updated_at: "2026-03-12T10:00:00Z",
  rated: 3,
  total: 42,
  evidence: 12,
  role: "learner",
  submitted_version: null,
  trashed_at: null,
  problem: null,
  ...over,
});

describe("the open export in words", () => {
  it("says the ZIP's size and what it holds, in the singular where it is one", () => {
    expect(exportedZipText(zip())).toBe("2.4 MB: 12 pieces of evidence, 5 attached files and the PDF (40 pages)");
    expect(exportedZipText(zip({ bytes: 900, evidence: 1, files: 0, pdf_pages: 1 }))).toBe(
      "900 bytes: 1 piece of evidence and the PDF (1 page)",
    );
  });

  it("names the portfolio an import added and whose it is", () => {
    expect(importedText(entry())).toBe(
      "“Siân’s portfolio” (Siân Roberts) is now in your portfolios, with 12 pieces of evidence.",
    );
    expect(importedText(entry({ title: "", learner_name: "", evidence: 1 }))).toBe(
      "“The portfolio” is now in your portfolios, with 1 piece of evidence.",
    );
  });
});

describe("Export everything (ZIP)…", () => {
  it("waits while the ZIP is written, then says where it went, its size and what is in it", async () => {
    const answers = portfolioAnswers();
    let finish: (z: ExportedZip | null) => void = () => {};
    answers.export_open_zip = () => new Promise<ExportedZip | null>((resolve) => (finish = resolve));
    app = runApp({ screen: "overview", id: "p1" }, answers);
    await vi.waitFor(() => byTestId("export-zip"));
    const button = byTestId<HTMLButtonElement>("export-zip");
    expect(button.textContent).toContain("Export everything (ZIP)…");

    button.click();
    flushSync();
    expect(button.disabled).toBe(true);
    expect(button.textContent).toContain("Exporting everything…");
    expect(app.calls.filter(([c]) => c === "export_open_zip")).toEqual([["export_open_zip", { id: "p1" }]]);

    finish(zip());
    await vi.waitFor(() => byTestId("zip-export-result"));
    expect(button.disabled).toBe(false);
    expect(text("zip-export-path")).toBe("/home/sian/Documents/Sian-CLDAL16-portfolio.zip");
    expect(text("zip-export-summary")).toContain("2.4 MB: 12 pieces of evidence, 5 attached files and the PDF (40 pages)");

    byTestId<HTMLButtonElement>("zip-export-dismiss").click();
    flushSync();
    expect(document.querySelector('[data-testid="zip-export-result"]')).toBeNull();
  });

  it("shows nothing new when the save dialog is cancelled", async () => {
    const answers = portfolioAnswers();
    answers.export_open_zip = () => null;
    app = runApp({ screen: "overview", id: "p1" }, answers);
    await vi.waitFor(() => byTestId("export-zip"));
    byTestId<HTMLButtonElement>("export-zip").click();
    await vi.waitFor(() => expect(app?.count("export_open_zip")).toBe(1));
    await vi.waitFor(() => expect(byTestId<HTMLButtonElement>("export-zip").disabled).toBe(false));
    expect(document.querySelector('[data-testid="zip-export-result"]')).toBeNull();
    expect(document.querySelector('[data-testid="zip-export-failed"]')).toBeNull();
  });

  it("says why the ZIP was not written, and writes it on Try again", async () => {
    const answers = portfolioAnswers();
    let refuse = true;
    answers.export_open_zip = () => {
      if (refuse) throw { code: "io", message: "The folder /media/usb is read-only." };
      return zip();
    };
    app = runApp({ screen: "overview", id: "p1" }, answers);
    await vi.waitFor(() => byTestId("export-zip"));
    byTestId<HTMLButtonElement>("export-zip").click();
    await vi.waitFor(() => byTestId("zip-export-failed"));
    expect(text("zip-export-failed")).toContain("The ZIP was not exported.");
    expect(text("zip-export-failed")).toContain("The folder /media/usb is read-only.");

    refuse = false;
    const retry = [...byTestId("zip-export-failed").querySelectorAll("button")].find((b) =>
      b.textContent?.includes("Try again"),
    )!;
    retry.click();
    await vi.waitFor(() => byTestId("zip-export-result"));
    expect(document.querySelector('[data-testid="zip-export-failed"]')).toBeNull();
    expect(app.count("export_open_zip")).toBe(2);
  });
});

describe("Import from a ZIP…", () => {
  it("adds the portfolio, says which, and opens it when asked", async () => {
    const answers = portfolioAnswers();
    let library: LibraryEntry[] = [];
    answers.list_portfolios = () => library;
    answers.import_open_zip = () => {
      library = [entry()];
      return entry();
    };
    app = runApp({ screen: "home" }, answers);
    // Offered on an empty library too: a learner moving centres starts here.
    await vi.waitFor(() => byTestId("import-zip"));
    byTestId<HTMLButtonElement>("import-zip").click();

    await vi.waitFor(() => expect(text("notice")).toContain("“Siân’s portfolio” (Siân Roberts) is now in your portfolios"));
    expect(app.calls.filter(([c]) => c === "import_open_zip")).toEqual([["import_open_zip", {}]]);
    expect(app.count("list_portfolios")).toBe(2);
    const open = [...byTestId("notice").querySelectorAll("button")].find((b) => b.textContent === "Open it")!;
    open.click();
    await vi.waitFor(() => expect(router.current).toEqual({ screen: "overview", id: "p9" }));
  });

  it("shows the gate's refusal and adds nothing", async () => {
    const answers = portfolioAnswers();
    answers.import_open_zip = () => {
      throw {
        code: "damaged",
        message: "/home/sian/old.zip cannot be imported: files/E1/a.jpg does not match its SHA-256 in the manifest.",
      };
    };
    app = runApp({ screen: "home" }, answers);
    await vi.waitFor(() => byTestId("import-zip"));
    byTestId<HTMLButtonElement>("import-zip").click();
    await vi.waitFor(() => byTestId("import-zip-failed"));
    expect(text("import-zip-failed")).toContain("Nothing was imported.");
    expect(text("import-zip-failed")).toContain("does not match its SHA-256 in the manifest");
    expect(document.querySelector('[data-testid="notice"]')).toBeNull();
    expect(app.count("list_portfolios")).toBe(1);
  });
});
