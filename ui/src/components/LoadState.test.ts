// Tests of the one loading/error/retry view in a real (jsdom) DOM: the
// screen's heading while it loads, the error with "Try again" that asks
// again, then the content.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRawSnippet, flushSync, mount, unmount } from "svelte";
import { Loader } from "../lib/loader.svelte";
import LoadState from "./LoadState.svelte";

const content = createRawSnippet((value: () => string[]) => ({
  render: () => `<ul data-testid="content">${value().map((v) => `<li>${v}</li>`).join("")}</ul>`,
}));

let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = "";
});

describe("LoadState", () => {
  it("says it is opening, then shows the content, starting the loader itself", async () => {
    let answer!: (v: string[]) => void;
    const loader = new Loader(() => new Promise<string[]>((r) => (answer = r)));
    app = mount(LoadState<string[]>, {
      target: document.body,
      props: { loader, loading: "Opening the evidence…", failed: "Not listed.", heading: "Evidence", children: content },
    });
    flushSync();
    expect(document.querySelector("h1")?.textContent).toBe("Opening the evidence…");
    answer(["E1", "E2"]);
    await vi.waitFor(() => expect(loader.loaded).toBe(true));
    flushSync();
    expect(document.querySelector("h1")).toBeNull();
    expect(document.querySelector('[data-testid="content"]')?.textContent).toBe("E1E2");
  });

  it("shows why it failed under a hidden heading, and asks again on Try again", async () => {
    let fail = true;
    const loader = new Loader(async () => {
      if (fail) throw { code: "damaged", message: "The file is damaged." };
      return ["E1"];
    });
    app = mount(LoadState<string[]>, {
      target: document.body,
      props: { loader, loading: "Opening…", failed: "The evidence could not be listed.", heading: "Evidence", children: content },
    });
    await vi.waitFor(() => expect(loader.error).not.toBeNull());
    flushSync();
    const error = document.querySelector('[data-testid="error"]')!;
    expect(error.getAttribute("data-code")).toBe("damaged");
    expect(error.textContent).toContain("The evidence could not be listed.");
    expect(error.textContent).toContain("The file is damaged.");
    expect(document.querySelector("h1")?.className).toContain("visually-hidden");
    fail = false;
    document.querySelector<HTMLButtonElement>('[data-testid="load-retry"]')!.click();
    await vi.waitFor(() => expect(loader.loaded).toBe(true));
    flushSync();
    expect(document.querySelector('[data-testid="error"]')).toBeNull();
    expect(document.querySelector('[data-testid="content"]')?.textContent).toBe("E1");
  });

  it("as part of a page, says it in a paragraph and keeps the content while a reload fails", async () => {
    let fail = false;
    const loader = new Loader(async () => {
      if (fail) throw { code: "io", message: "The disk could not be read." };
      return ["E1"];
    });
    app = mount(LoadState<string[]>, {
      target: document.body,
      props: { loader, loading: "Reading the trail…", failed: "The trail could not be read.", children: content },
    });
    flushSync();
    expect(document.querySelector("p.loading")?.textContent).toBe("Reading the trail…");
    await vi.waitFor(() => expect(loader.loaded).toBe(true));
    fail = true;
    await loader.load();
    flushSync();
    expect(document.querySelector('[data-testid="error"]')).not.toBeNull();
    expect(document.querySelector('[data-testid="content"]')?.textContent).toBe("E1");
    expect(document.querySelector("h1")).toBeNull();
  });
});
