// Tests of defects found when the app was tried as a new user would, kept
// fixed (issue 14), in jsdom with the shell's commands answered by the test:
// an item page says "Saved" only once there is something it saved, and a
// new piece of evidence starts with no method chosen and is not saved
// without one.
import { flushSync } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { itemDetail } from "./test/fixtures";
import { byTestId, portfolioAnswers, runApp, type Running } from "./test/app";

let app: Running | null = null;
afterEach(() => {
  app?.stop();
  app = null;
});

const saidSaved = () => (document.body.textContent ?? "").match(/Saved/g)?.length ?? 0;

describe("an item page's save state", () => {
  it("says nothing about saving before anything was typed, then says Saved once typed", async () => {
    const answers = portfolioAnswers();
    answers.get_item = () => itemDetail(false);
    answers.set_account = (args) => ({ item_id: "P1", rating: null, account: args.account, updated_at: null });
    app = runApp({ screen: "item", id: "p1", item: "P1" }, answers);
    await vi.waitFor(() => byTestId("account"));
    expect(saidSaved()).toBe(0);
    expect(byTestId("save-state").textContent?.trim()).toBe("");

    const account = byTestId<HTMLTextAreaElement>("account");
    account.value = "At our monthly partnership meeting, I chaired.";
    account.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    await vi.waitFor(() => expect(app!.count("set_account")).toBe(1), { timeout: 3000 });
    await vi.waitFor(() => expect(byTestId("save-state").textContent).toContain("Saved"));
  });
});

describe("a new piece of evidence", () => {
  it("starts with no method chosen, and saving without one says so and goes to the choice", async () => {
    const answers = portfolioAnswers();
    answers.add_evidence = () => {
      throw new Error("nothing may be saved without a method");
    };
    app = runApp({ screen: "evidence-edit", id: "p1", reference: null }, answers);
    await vi.waitFor(() => byTestId("evidence-form"));
    const radios = [...document.querySelectorAll<HTMLInputElement>('input[name="evidence-method"]')];
    expect(radios.length).toBe(8);
    expect(radios.filter((r) => r.checked)).toEqual([]);

    const title = byTestId<HTMLInputElement>("evidence-title");
    title.value = "Minutes of the steering group";
    title.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    byTestId<HTMLButtonElement>("evidence-save").click();
    await vi.waitFor(() => expect(byTestId("method-error").textContent).toContain("Choose what kind of evidence it is."));
    expect(document.activeElement).toBe(radios[0]);
    expect(app.count("add_evidence")).toBe(0);

    // Chosen: the message goes.
    byTestId<HTMLInputElement>("method-observation").click();
    flushSync();
    await vi.waitFor(() => expect(document.querySelector('[data-testid="method-error"]')).toBeNull());
  });
});
