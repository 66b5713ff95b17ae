// Tests of what a screen loads: the value, the error with a way to ask
// again (keeping what was shown), older answers dropped, and an effect that
// asks not made to depend on what the question reads.
import { flushSync } from "svelte";
import { describe, expect, it } from "vitest";
import { Loader } from "./loader.svelte";

describe("Loader", () => {
  it("has nothing until the answer comes, then the value", async () => {
    const loader = new Loader(async () => ["E1", "E2"]);
    expect(loader.loaded).toBe(false);
    const asked = loader.load();
    expect(loader.loading).toBe(true);
    expect(await asked).toBe(true);
    expect(loader.value).toEqual(["E1", "E2"]);
    expect(loader.loading).toBe(false);
    expect(loader.error).toBeNull();
  });

  it("keeps the error, and the last value, until a later try succeeds", async () => {
    let fail = false;
    let n = 0;
    const loader = new Loader(async () => {
      n++;
      if (fail) throw { code: "io", message: "The file could not be read." };
      return n;
    });
    await loader.load();
    fail = true;
    expect(await loader.load()).toBe(false);
    expect(loader.error?.code).toBe("io");
    expect(loader.value).toBe(1);
    fail = false;
    expect(await loader.load()).toBe(true);
    expect(loader.error).toBeNull();
    expect(loader.value).toBe(3);
  });

  it("drops an older answer that arrives after a newer one", async () => {
    const answers: ((v: string) => void)[] = [];
    const loader = new Loader(() => new Promise<string>((resolve) => answers.push(resolve)));
    const first = loader.load();
    const second = loader.load();
    answers[1]!("new");
    expect(await second).toBe(true);
    answers[0]!("old");
    expect(await first).toBe(false);
    expect(loader.value).toBe("new");
  });

  it("starts once", async () => {
    let n = 0;
    const loader = new Loader(async () => ++n);
    loader.start();
    loader.start();
    await Promise.resolve();
    await Promise.resolve();
    expect(n).toBe(1);
  });

  it("asked from an effect, does not make the effect run again when the question's words change", async () => {
    let words = $state("minutes");
    let runs = 0;
    const loader = new Loader(async () => `found ${words}`);
    const stop = $effect.root(() => {
      $effect(() => {
        if (++runs > 3) return; // a runaway effect fails the test instead of hanging it
        void loader.load();
      });
    });
    flushSync();
    expect(runs).toBe(1);
    words = "email";
    flushSync();
    expect(runs).toBe(1);
    await loader.load();
    expect(loader.value).toBe("found email");
    stop();
  });
});
