// Tests of the IQA's sample of one judgement in a real (jsdom) DOM: the
// assessor's judgement shown read-only, disagreeing refused without
// feedback (nothing sent), and a sample saved through the shell's command
// with what the IQA chose.
import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { IqaSample } from "../lib/bindings/IqaSample";
import type { Judgement } from "../lib/bindings/Judgement";
import IqaSampleRow from "./IqaSampleRow.svelte";

let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  clearMocks();
  document.body.innerHTML = "";
});

const judgement: Judgement = {
  item_id: "P4",
  version: 1,
  fingerprint: "f".repeat(64),
  outcome: "met",
  feedback: "Shown in the minutes.",
  assessor_name: "Màiri",
  judged_at: "2026-11-20T10:00:00.000Z",
};

const until = async (check: () => boolean) => {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  flushSync();
};

describe("IqaSampleRow", () => {
  it("refuses to disagree without feedback, then saves the sample", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      const a = args as { item: string; agrees: boolean; feedback: string };
      const saved: IqaSample = {
        version: 1,
        item_id: a.item,
        outcome: "met",
        judgement: "",
        agrees: a.agrees,
        feedback: a.feedback,
        iqa_name: "Eilidh",
        sampled_at: "2026-11-28T10:00:00.000Z",
      };
      return saved;
    });
    const saved: IqaSample[] = [];
    app = mount(IqaSampleRow, {
      target: document.body,
      props: {
        id: "q1",
        itemId: "P4",
        text: "Build partnerships",
        judgement,
        sample: null,
        busy: false,
        onopen: () => {},
        onsaved: (s: IqaSample) => void saved.push(s),
      },
    });
    flushSync();
    expect(document.body.textContent).toContain("Shown in the minutes.");
    expect(document.querySelector("[data-testid='judgement-badge']")?.getAttribute("data-outcome")).toBe("met");
    const disagree = document.querySelector<HTMLInputElement>("[data-testid='iqa-disagree']")!;
    disagree.click();
    flushSync();
    const save = document.querySelector<HTMLButtonElement>("[data-testid='iqa-save-sample']")!;
    save.click();
    await until(() => document.querySelector(".field-error") !== null);
    expect(document.querySelector(".field-error")?.textContent).toContain("Say why you disagree");
    expect(calls).toEqual([]);
    const feedback = document.querySelector<HTMLTextAreaElement>("[data-testid='iqa-feedback']")!;
    feedback.value = "The minutes do not show P4.";
    feedback.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    save.click();
    await until(() => saved.length > 0);
    expect(calls).toEqual([
      ["iqa_sample", { id: "q1", item: "P4", agrees: false, feedback: "The minutes do not show P4." }],
    ]);
    expect(saved[0]?.agrees).toBe(false);
  });
});
