// Tests of the async button in a real (jsdom) DOM: it waits while its
// action runs, cannot start it twice, and leaves the failure in its task.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRawSnippet, flushSync, mount, unmount } from "svelte";
import { Task } from "../lib/task.svelte";
import AsyncButton from "./AsyncButton.svelte";

const label = createRawSnippet((running: () => boolean) => ({
  render: () => `<span>${running() ? "Saving…" : "Save"}</span>`,
}));

let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = "";
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("AsyncButton", () => {
  it("is disabled and busy while its action runs, and runs it once", async () => {
    const d = deferred();
    let runs = 0;
    const task = new Task();
    app = mount(AsyncButton, {
      target: document.body,
      props: {
        action: () => {
          runs++;
          return d.promise;
        },
        task,
        testid: "save",
        children: label,
      },
    });
    const button = document.querySelector<HTMLButtonElement>('[data-testid="save"]')!;
    expect(button.textContent).toBe("Save");
    expect(button.disabled).toBe(false);
    button.click();
    flushSync();
    expect(button.disabled).toBe(true);
    expect(button.getAttribute("aria-busy")).toBe("true");
    button.click();
    expect(runs).toBe(1);
    d.resolve();
    await vi.waitFor(() => expect(task.busy).toBe(false));
    flushSync();
    expect(button.disabled).toBe(false);
    expect(button.hasAttribute("aria-busy")).toBe(false);
  });

  it("leaves a failure in its task, and waits for another button's action on the same task", async () => {
    const task = new Task();
    const d = deferred();
    app = mount(AsyncButton, {
      target: document.body,
      props: {
        action: () => Promise.reject({ code: "read_only", message: "This is an assessor’s copy." }),
        task,
        name: "remove",
        testid: "remove",
        children: label,
      },
    });
    const button = document.querySelector<HTMLButtonElement>('[data-testid="remove"]')!;
    const other = task.run(() => d.promise, "save");
    flushSync();
    expect(button.disabled).toBe(true);
    expect(button.hasAttribute("aria-busy")).toBe(false);
    d.resolve();
    await other;
    flushSync();
    button.click();
    await vi.waitFor(() => expect(task.error).not.toBeNull());
    expect(task.error).toEqual({ code: "read_only", message: "This is an assessor’s copy." });
  });
});
