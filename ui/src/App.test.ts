// Tests of the whole UI in jsdom with the shell's commands answered by the
// test: a portfolio's screens share one frame (asked for once, the role
// from the core), its failure can be retried, an evidence record's changes
// are saved with one call, and the home screen says where the logs are.
import { flushSync } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { navigate, router } from "./lib/router.svelte";
import { byTestId, portfolioAnswers, runApp, type Running } from "./test/app";
import { evidence, frame, itemDetail } from "./test/fixtures";
import type { VerifyReport } from "./lib/bindings/VerifyReport";

let app: Running | null = null;
afterEach(() => {
  app?.stop();
  app = null;
});

const text = (id: string) => byTestId(id).textContent ?? "";

describe("the portfolio frame", () => {
  it("is asked for once while the learner moves between a portfolio's screens", async () => {
    app = runApp({ screen: "overview", id: "p1" }, portfolioAnswers());
    await vi.waitFor(() => expect(document.querySelector("h1")?.textContent).toBe("Siân’s portfolio"));
    expect(text("back-to-library")).toContain("Your portfolios");
    expect(document.title).toBe("Siân’s portfolio – Partnership Portfolio");
    expect(byTestId("nav-overview").getAttribute("aria-current")).toBe("page");

    await navigate({ screen: "coverage", id: "p1" });
    flushSync();
    await vi.waitFor(() => byTestId("coverage-summary"));
    expect(text("back-to-overview")).toContain("Siân’s portfolio");
    expect(document.title).toBe("Coverage – Siân’s portfolio – Partnership Portfolio");
    expect(byTestId("nav-coverage").getAttribute("aria-current")).toBe("page");

    await navigate({ screen: "evidence-edit", id: "p1", reference: null });
    flushSync();
    await vi.waitFor(() => byTestId("evidence-form"));
    expect(byTestId("nav-evidence").getAttribute("aria-current")).toBe("true");
    expect(app.count("get_portfolio_frame")).toBe(1);
  });

  it("takes whose copy it is from the core: an assessor's copy has the banner and the assessor's assessment", async () => {
    app = runApp({ screen: "assessment", id: "p1" }, portfolioAnswers("assessor"));
    await vi.waitFor(() => expect(byTestId("assessment").dataset.role).toBe("assessor"));
    expect(text("assessor-banner")).toContain("Siân Roberts’s portfolio");
    expect(app.count("list_portfolios")).toBe(1); // only for the version the banner names
  });

  it("says why a portfolio could not be opened, and opens it on Try again", async () => {
    const answers = portfolioAnswers();
    let refuse = true;
    answers.get_portfolio_frame = () => {
      if (refuse) throw { code: "damaged", message: "The portfolio file is damaged." };
      return frame();
    };
    app = runApp({ screen: "overview", id: "p1" }, answers);
    await vi.waitFor(() => expect(text("error")).toContain("The portfolio file is damaged."));
    expect(text("error")).toContain("This portfolio could not be opened.");
    refuse = false;
    byTestId<HTMLButtonElement>("load-retry").click();
    await vi.waitFor(() => byTestId("overview"));
    expect(app.count("get_portfolio_frame")).toBe(2);
  });
});

describe("changing a piece of evidence", () => {
  it("saves its fields and its items with one update_evidence call", async () => {
    const answers = portfolioAnswers();
    answers.update_evidence = (args) => ({ ...evidence(), title: "Minutes, March", mappings: args.mappings });
    app = runApp({ screen: "evidence-edit", id: "p1", reference: "E1" }, answers);
    await vi.waitFor(() => byTestId("evidence-form"));

    const title = byTestId<HTMLInputElement>("evidence-title");
    title.value = "Minutes, March";
    title.dispatchEvent(new Event("input", { bubbles: true }));
    byTestId<HTMLInputElement>("map-K1").click();
    flushSync();
    byTestId<HTMLButtonElement>("evidence-save").click();

    await vi.waitFor(() => expect(router.current).toEqual({ screen: "evidence-view", id: "p1", reference: "E1" }));
    const saves = app.calls.filter(([c]) => c === "update_evidence" || c === "set_mappings");
    expect(saves).toHaveLength(1);
    const [command, args] = saves[0]!;
    expect(command).toBe("update_evidence");
    expect(args.reference).toBe("E1");
    expect((args.input as { title: string }).title).toBe("Minutes, March");
    expect(args.mappings).toEqual([
      { item_id: "P1", note: "" },
      { item_id: "K1", note: "" },
    ]);
  });

  it("keeps the form and says why when the save is refused", async () => {
    const answers = portfolioAnswers();
    answers.update_evidence = () => {
      throw { code: "busy", message: "The portfolio is busy: try again in a moment." };
    };
    app = runApp({ screen: "evidence-edit", id: "p1", reference: "E1" }, answers);
    await vi.waitFor(() => byTestId("evidence-form"));
    byTestId<HTMLInputElement>("map-K1").click();
    flushSync();
    byTestId<HTMLButtonElement>("evidence-save").click();
    await vi.waitFor(() => expect(document.body.textContent).toContain("The evidence was not saved."));
    expect(document.body.textContent).toContain("The portfolio is busy: try again in a moment.");
    expect(byTestId<HTMLInputElement>("map-K1").checked).toBe(true);
    expect(router.current.screen).toBe("evidence-edit");
    expect(byTestId<HTMLButtonElement>("evidence-save").disabled).toBe(false);
  });
});

describe("actions on a portfolio's screens", () => {
  it("checks the fingerprints with one button that waits while it works", async () => {
    const answers = portfolioAnswers();
    let answer!: (report: VerifyReport) => void;
    answers.get_audit_trail = () => [];
    answers.verify_portfolio = () => new Promise((resolve) => (answer = resolve));
    app = runApp({ screen: "check", id: "p1" }, answers);
    await vi.waitFor(() => byTestId("audit-empty"));
    const verify = byTestId<HTMLButtonElement>("verify");
    expect(verify.textContent).toContain("Check now");
    verify.click();
    flushSync();
    expect(verify.disabled).toBe(true);
    expect(verify.textContent).toContain("Checking…");
    await vi.waitFor(() => expect(answer).toBeDefined());
    answer({
      submissions: 1,
      parts: 4,
      files: 2,
      seals: 1,
      problems: [],
      changed_since_submitted: null,
      confirmed: ["The learner's content is exactly what was submitted as version 1."],
    });
    await vi.waitFor(() => byTestId("verify-ok"));
    expect(verify.disabled).toBe(false);
    expect(verify.textContent).toContain("Check again");
  });

  it("unlinks a piece of evidence from an item, and links it again on Undo", async () => {
    const answers = portfolioAnswers();
    let linked = true;
    answers.get_item = () => itemDetail(linked);
    answers.unmap_evidence = () => {
      linked = false;
      return evidence();
    };
    answers.map_evidence = (args) => {
      expect(args).toEqual({ id: "p1", reference: "E1", item: "P1", note: "page 2" });
      linked = true;
      return evidence();
    };
    app = runApp({ screen: "item", id: "p1", item: "P1" }, answers);
    await vi.waitFor(() => byTestId("item-evidence-row"));
    byTestId<HTMLButtonElement>("unlink-evidence").click();
    await vi.waitFor(() => expect(text("notice")).toContain("E1 is no longer linked to P1."));
    expect(document.querySelector('[data-testid="item-evidence-row"]')).toBeNull();
    const undo = [...byTestId("notice").querySelectorAll("button")].find((b) => b.textContent?.includes("Undo"))!;
    await vi.waitFor(() => expect(document.activeElement).toBe(undo));
    undo.click();
    await vi.waitFor(() => expect(text("notice")).toContain("E1 is linked to P1 again."));
    expect(byTestId("item-evidence-row").dataset.reference).toBe("E1");
  });
});

describe("the home screen", () => {
  it("says where the app's log files are, for support", async () => {
    app = runApp({ screen: "home" }, portfolioAnswers());
    await vi.waitFor(() => byTestId("log-folder"));
    expect(text("log-folder")).toBe("/home/sian/.local/state/partnership-portfolio/logs");
    expect(text("about")).toContain("Partnership Portfolio 0.1.0");
  });
});

describe("a picture's description", () => {
  const picture = {
    id: 7,
    file_name: "flipchart.jpg",
    size: 2048,
    media_type: "image/jpeg",
    sha256: "ab",
    has_preview: false,
    added_at: "2026-03-12T10:00:00Z",
    description: null as string | null,
  };

  it("is asked for under the picture, with what the PDF says without one, and saved on leaving the field", async () => {
    const answers = portfolioAnswers();
    answers.get_evidence = () => ({ ...evidence(), attachments: [picture] });
    answers.describe_attachment = (args) => ({ ...picture, description: String(args.text).trim() });
    app = runApp({ screen: "evidence-view", id: "p1", reference: "E1" }, answers);
    const field = await vi.waitFor(() => byTestId<HTMLInputElement>("picture-description"));
    expect(field.placeholder).toBe("Photograph for evidence E1 “Minutes of the steering group”: flipchart.jpg");
    field.value = " Our three shared aims ";
    field.dispatchEvent(new Event("input"));
    field.dispatchEvent(new Event("blur"));
    await vi.waitFor(() => expect(text("picture-description-state")).toBe("Saved"));
    const [, args] = app.calls.find(([c]) => c === "describe_attachment")!;
    expect(args).toEqual({ id: "p1", attachment: 7, text: " Our three shared aims " });
    expect(field.value).toBe("Our three shared aims");
    field.dispatchEvent(new Event("blur"));
    expect(app.count("describe_attachment")).toBe(1);
  });

  it("is shown as written in an assessor's copy, where it cannot be changed", async () => {
    const answers = portfolioAnswers("assessor");
    answers.get_evidence = () => ({ ...evidence(), attachments: [{ ...picture, description: "Our three shared aims" }] });
    app = runApp({ screen: "evidence-view", id: "p1", reference: "E1" }, answers);
    await vi.waitFor(() => expect(text("picture-description")).toContain("Our three shared aims"));
    expect(byTestId("picture-description").tagName).toBe("P");
  });
});
