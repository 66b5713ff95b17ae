// Tests of the one way to run an action: busy while it runs, its failure as
// an AppError, no second start while one runs, a clean start after, and an
// effect that starts one not made to depend on what it reads.
import { flushSync } from "svelte";
import { describe, expect, it, vi } from "vitest";
import { settle, Task } from "./task.svelte";

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("Task", () => {
  it("is busy while the action runs and idle after", async () => {
    const task = new Task();
    const d = deferred();
    const running = task.run(() => d.promise, "save");
    expect(task.busy).toBe(true);
    expect(task.doing).toBe("save");
    d.resolve();
    expect(await running).toBe(true);
    expect(task.busy).toBe(false);
    expect(task.doing).toBeNull();
    expect(task.error).toBeNull();
  });

  it("keeps a failure as an AppError and clears it when the next action starts", async () => {
    const task = new Task();
    expect(await task.run(() => Promise.reject({ code: "busy", message: "The file is busy." }))).toBe(false);
    expect(task.error).toEqual({ code: "busy", message: "The file is busy." });
    expect(task.busy).toBe(false);
    const d = deferred();
    const again = task.run(() => d.promise);
    expect(task.error).toBeNull();
    d.resolve();
    expect(await again).toBe(true);
  });

  it("turns a thrown error into an internal AppError, even one thrown before the first await", async () => {
    const task = new Task();
    const ok = await task.run(() => {
      throw new Error("boom");
    });
    expect(ok).toBe(false);
    expect(task.error?.code).toBe("internal");
    expect(task.error?.message).toContain("boom");
  });

  it("ignores a second start while one runs", async () => {
    const task = new Task();
    const d = deferred();
    let second = 0;
    const first = task.run(() => d.promise);
    expect(
      await task.run(async () => {
        second++;
      }),
    ).toBe(false);
    expect(second).toBe(0);
    d.resolve();
    await first;
    await task.run(async () => {
      second++;
    });
    expect(second).toBe(1);
  });

  it("forgets a failure on clear", async () => {
    const task = new Task();
    await task.run(() => Promise.reject({ code: "io", message: "Disk full." }));
    task.clear();
    expect(task.error).toBeNull();
  });
});

describe("Task started from an effect", () => {
  it("does not make the effect depend on its own state or the action's reads", async () => {
    const task = new Task();
    let note = $state("a");
    let runs = 0;
    const stop = $effect.root(() => {
      $effect(() => {
        if (++runs > 3) return; // a runaway effect fails the test instead of hanging it
        void task.run(async () => note);
      });
    });
    flushSync();
    expect(runs).toBe(1);
    note = "b";
    await vi.waitFor(() => expect(task.busy).toBe(false));
    flushSync();
    expect(runs).toBe(1);
    stop();
  });
});

describe("settle", () => {
  it("gives the value or the AppError, never rejecting", async () => {
    expect(await settle(async () => 3)).toEqual({ ok: true, value: 3 });
    expect(await settle(() => Promise.reject({ code: "not_found", message: "Gone." }))).toEqual({
      ok: false,
      error: { code: "not_found", message: "Gone." },
    });
  });
});
