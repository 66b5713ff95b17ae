// Tests of the Help screen in jsdom: F1 opens it from a portfolio, it says
// where the portfolios and logs are and lists the shortcuts, and Back returns
// to the screen it came from; the top bar's Help button opens it from home.
import { flushSync } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { router } from "../lib/router.svelte";
import { byTestId, portfolioAnswers, runApp, type Running } from "../test/app";
import { evidence } from "../test/fixtures";

let app: Running | null = null;
afterEach(() => {
  app?.stop();
  app = null;
});

describe("Help", () => {
  it("opens with F1 from a portfolio, says where things are, and goes back", async () => {
    app = runApp({ screen: "overview", id: "p1" }, portfolioAnswers());
    await vi.waitFor(() => byTestId("overview"));
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "F1", bubbles: true, cancelable: true }));
    flushSync();
    await vi.waitFor(() => byTestId("help"));
    await vi.waitFor(() =>
      expect(byTestId("help-log-folder").textContent).toBe("/home/sian/.local/state/partnership-portfolio/logs"),
    );
    expect(byTestId("help-library-folder").textContent).toContain("partnership-portfolio/portfolios");
    const shortcuts = byTestId("help-shortcuts").textContent ?? "";
    for (const k of ["F1", "Ctrl+F", "Ctrl+N", "Ctrl+P", "Ctrl+S"]) expect(shortcuts).toContain(k);
    expect(document.body.textContent).toContain("internal quality assurer");
    expect(document.title).toBe("Help – Partnership Portfolio");

    byTestId<HTMLButtonElement>("help-back").click();
    await vi.waitFor(() => expect(router.current).toEqual({ screen: "overview", id: "p1" }));
    await vi.waitFor(() => byTestId("overview"));
  });

  it("opens from the home screen's Help button", async () => {
    app = runApp({ screen: "home" }, portfolioAnswers());
    await vi.waitFor(() => byTestId("home"));
    byTestId<HTMLButtonElement>("open-help").click();
    await vi.waitFor(() => byTestId("help"));
    expect(router.current).toEqual({ screen: "help", from: { screen: "home" } });
  });

  it("Ctrl+F in a portfolio opens the evidence library with the search box focused", async () => {
    const answers = portfolioAnswers();
    answers.list_evidence = () => {
      const { reference, number, title, method, method_label, activity_date } = evidence();
      return [
        {
          reference,
          number,
          title,
          method,
          method_label,
          activity_date,
          attachment_count: 0,
          preview_attachment: null,
          item_ids: ["P1"],
          confidential: false,
          witness_name: null,
          updated_at: "2026-03-12T10:00:00Z",
        },
      ];
    };
    app = runApp({ screen: "overview", id: "p1" }, answers);
    await vi.waitFor(() => byTestId("overview"));
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "f", ctrlKey: true, bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(router.current).toEqual({ screen: "evidence", id: "p1" }));
    await vi.waitFor(() => expect(document.activeElement?.id).toBe("evidence-search"), { timeout: 3000 });
  });
});
