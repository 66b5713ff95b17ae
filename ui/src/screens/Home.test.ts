// Tests of the home screen's inbox folder for an assessor whose library is
// still empty (issue 12), in jsdom with the shell's commands answered by the
// test: the welcome offers "Choose an inbox folder…" beside "Open a
// learner's portfolio"; choosing one lists its files above the welcome (the
// welcome's button gives way, the focus goes to the inbox), and a
// submission there opens with the usual flow; a cancelled choice changes
// nothing, and a failure is said at the button.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Inbox } from "../lib/bindings/Inbox";
import { byTestId, modalDialogs, portfolioAnswers, runApp, type Running } from "../test/app";

modalDialogs();

let app: Running | null = null;
afterEach(() => {
  app?.stop();
  app = null;
});

const INBOX: Inbox = {
  folder: "/home/mairi/Downloads",
  files: [
    {
      file: "/home/mairi/Downloads/Siân-v1.portfolio",
      name: "Siân-v1.portfolio",
      modified_at: "2026-11-30T10:00:00.000Z",
      locked: false,
      identity: { kind: "submission", uid: "u1", title: "CLDAL16", learner_name: "Siân", version: 1 },
      problem: null,
    },
  ],
  others: 0,
};

const has = (id: string) => document.querySelector(`[data-testid="${id}"]`) !== null;

describe("the empty home screen for an assessor", () => {
  it("offers the inbox folder in the welcome, then lists it and opens a submission from it", async () => {
    let chosen: Inbox | null = null;
    const answers = {
      ...portfolioAnswers("learner"),
      get_inbox: () => chosen,
      choose_inbox_folder: () => (chosen = INBOX),
    };
    app = runApp({ screen: "home" }, answers);
    await vi.waitFor(() => byTestId("library-empty"));
    const offer = byTestId<HTMLButtonElement>("welcome-choose-inbox");
    expect(byTestId("welcome-assessor").contains(offer)).toBe(true);
    expect(offer.textContent).toContain("Choose an inbox folder…");
    expect(has("inbox")).toBe(false);

    offer.click();
    await vi.waitFor(() => expect(byTestId("inbox-folder").textContent).toBe(INBOX.folder));
    expect(app.count("choose_inbox_folder")).toBe(1);
    expect(has("welcome-choose-inbox")).toBe(false);
    expect(has("library-empty")).toBe(true);
    await vi.waitFor(() => expect(document.activeElement?.id).toBe("inbox-title"));
    expect(byTestId("inbox-file").dataset.submission).toBe("yes");

    byTestId<HTMLButtonElement>("inbox-open").click();
    await vi.waitFor(() => byTestId("open-submission-dialog"));
  });

  it("keeps the offer when the choice is cancelled, and says why when the folder cannot be read", async () => {
    let fail = false;
    const answers = {
      ...portfolioAnswers("learner"),
      get_inbox: () => null,
      choose_inbox_folder: () => {
        if (fail) throw { code: "io", message: "The folder could not be read: permission denied." };
        return null;
      },
    };
    app = runApp({ screen: "home" }, answers);
    await vi.waitFor(() => byTestId("welcome-choose-inbox"));
    byTestId<HTMLButtonElement>("welcome-choose-inbox").click();
    await vi.waitFor(() => expect(app!.count("choose_inbox_folder")).toBe(1));
    await vi.waitFor(() => expect(byTestId<HTMLButtonElement>("welcome-choose-inbox").disabled).toBe(false));
    expect(has("inbox")).toBe(false);

    fail = true;
    byTestId<HTMLButtonElement>("welcome-choose-inbox").click();
    await vi.waitFor(() => expect(byTestId("welcome-assessor").textContent).toContain("permission denied"));
    expect(has("welcome-choose-inbox")).toBe(true);
  });
});
