// Locked exchange files in the whole UI (jsdom, the shell's commands
// answered by the test): receiving a locked assessment asks for the
// passphrase, shows a wrong one in words and lets the learner try again;
// submitting locked checks the passphrase before anything is saved and
// sends it with the submission.
import { flushSync } from "svelte";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { byTestId, portfolioAnswers, runApp, type Running } from "./test/app";
import { assessment } from "./test/fixtures";

// jsdom has <dialog> but not its modal methods: open and close it plainly.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.open = false;
    this.dispatchEvent(new Event("close"));
  };
});

let app: Running | null = null;
afterEach(() => {
  app?.stop();
  app = null;
});

function type(id: string, value: string) {
  const input = byTestId<HTMLInputElement>(id);
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}

describe("a locked exchange file", () => {
  it("is received only with its passphrase; a wrong one is said and can be retried", async () => {
    const answers = portfolioAnswers();
    // Submitted once, so there is something to hear back about.
    answers.get_assessment = () => ({
      ...assessment(),
      submissions: [
        {
          version: 1,
          submitted_at: "2026-11-01T10:00:00.000Z",
          declared_name: "Siân Roberts",
          declared_on: "2026-11-01",
          declaration: "I declare this is my own work.",
          fingerprint: "ab".repeat(32),
        },
      ],
    });
    answers.choose_exchange_file = () => ({ file: "/mail/back-locked.portfolio", locked: true });
    answers.receive_assessment = (args) => {
      if (args.passphrase !== "afon lliw glas") {
        throw {
          code: "wrong_passphrase",
          message: "The passphrase does not unlock /mail/back-locked.portfolio.",
        };
      }
      return { version: 1, met: 41, not_yet_met: 1, signed_off: true, changed_since_assessed: [] };
    };
    app = runApp({ screen: "assessment", id: "p1" }, answers);
    await vi.waitFor(() => byTestId("receive-assessment"));
    byTestId<HTMLButtonElement>("receive-assessment").click();
    await vi.waitFor(() => expect(byTestId("unlock-dialog").textContent).toContain("/mail/back-locked.portfolio"));
    expect(app.count("receive_assessment")).toBe(0);

    type("unlock-passphrase", "afon lliw las");
    byTestId<HTMLButtonElement>("unlock-confirm").click();
    await vi.waitFor(() =>
      expect(byTestId("unlock-dialog").textContent).toContain("The passphrase does not unlock"),
    );
    type("unlock-passphrase", "afon lliw glas");
    byTestId<HTMLButtonElement>("unlock-confirm").click();
    await vi.waitFor(() => expect(byTestId("receive-result").textContent).toContain("41 met, 1 not yet met"));
    const calls = app.calls.filter(([c]) => c === "receive_assessment").map(([, a]) => a);
    expect(calls).toEqual([
      { id: "p1", file: "/mail/back-locked.portfolio", passphrase: "afon lliw las" },
      { id: "p1", file: "/mail/back-locked.portfolio", passphrase: "afon lliw glas" },
    ]);
  });

  it("is submitted with the passphrase, after it is checked", async () => {
    const answers = portfolioAnswers();
    answers.submit_portfolio = () => null;
    app = runApp({ screen: "assessment", id: "p1" }, answers);
    await vi.waitFor(() => byTestId("submit-portfolio"));
    byTestId<HTMLButtonElement>("submit-portfolio").click();
    await vi.waitFor(() => byTestId("submit-dialog"));
    type("declare-name", "Siân Roberts");
    byTestId<HTMLInputElement>("lock-file").click();
    flushSync();
    expect(byTestId("lock-reminder").textContent?.replace(/\s+/g, " ")).toContain("another way than the email");
    type("lock-passphrase", "afon lliw glas");
    type("lock-repeat", "afon lliw las");
    byTestId<HTMLButtonElement>("submit-confirm").click();
    await vi.waitFor(() => expect(byTestId("lock-problem").textContent).toContain("not the same"));
    expect(app.count("submit_portfolio")).toBe(0);
    type("lock-repeat", "afon lliw glas");
    byTestId<HTMLButtonElement>("submit-confirm").click();
    await vi.waitFor(() => expect(app?.count("submit_portfolio")).toBe(1));
    const [, args] = app.calls.find(([c]) => c === "submit_portfolio")!;
    expect(args.lock).toBe("afon lliw glas");
  });
});
