// Tests of the coverage matrix in jsdom: the arrow keys reach the count
// column, so the "Add" button of an item without evidence can be pressed
// from the keyboard (it used to be skipped).
import { flushSync } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Coverage } from "../lib/bindings/Coverage";
import { router } from "../lib/router.svelte";
import { byTestId, portfolioAnswers, runApp, type Running } from "../test/app";

let app: Running | null = null;
// jsdom lays nothing out, so it cannot scroll a cell into view.
Element.prototype.scrollIntoView ??= () => undefined;
afterEach(() => {
  app?.stop();
  app = null;
});

const coverage: Coverage = {
  evidence: [
    { reference: "E1", number: 1, title: "Minutes", method: "product", method_label: "Product evidence", activity_date: null, item_count: 1 },
  ],
  rows: [
    { item_id: "P1", kind: "performance", text: "establish", evidence: [1] },
    { item_id: "P2", kind: "performance", text: "recognise", evidence: [] },
  ],
  total_items: 2,
  covered_items: 1,
  gaps: 1,
  mappings: 1,
};

/** The coverage screen of `coverage`, with focus on item `item`'s cell. */
async function focusItem(item: string) {
  const answers = portfolioAnswers();
  answers.get_coverage = () => coverage;
  app = runApp({ screen: "coverage", id: "p1" }, answers);
  await vi.waitFor(() => byTestId("coverage-matrix"));
  document.querySelector<HTMLElement>(`[data-testid="coverage-row"][data-item="${item}"] th`)!.focus();
  flushSync();
}

const press = (key: string) => {
  const target = document.activeElement ?? byTestId("coverage-matrix");
  target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  flushSync();
};

describe("the coverage matrix from the keyboard", () => {
  it("moves from an item to its count and onto the Add button, and Enter adds evidence for it", async () => {
    await focusItem("P2");
    press("ArrowRight");
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId("coverage-add")));
    expect(byTestId("coverage-add").tabIndex).toBe(0);
    // Onwards to the evidence columns, and back.
    press("ArrowRight");
    await vi.waitFor(() => expect(document.activeElement?.getAttribute("data-cell")).toBe("1:0"));
    press("ArrowLeft");
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId("coverage-add")));

    press("Enter");
    await vi.waitFor(() =>
      expect(router.current).toEqual({
        screen: "evidence-edit",
        id: "p1",
        reference: null,
        item: "P2",
        back: { screen: "coverage", id: "p1" },
      }),
    );
  });

  it("stops on a covered item's count too, on the way to its evidence", async () => {
    await focusItem("P1");
    press("ArrowRight");
    await vi.waitFor(() => expect(document.activeElement?.getAttribute("data-cell")).toBe("0:-1"));
    press("ArrowRight");
    await vi.waitFor(() => expect(document.activeElement?.getAttribute("data-testid")).toBe("coverage-cell"));
  });
});
