// Tests of the autosave queue: coalescing, flush, failures kept and retried,
// nothing lost when the window closes.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppError } from "./bindings/AppError";
import { Autosave, SaveRegistry, combineStatus, saveStateText, type SaveStatus } from "./autosave";

/** A save function whose calls finish only when the test says so. */
function controlledSave() {
  const calls: { value: string; resolve: () => void; reject: (e: AppError) => void }[] = [];
  let active = 0;
  let maxActive = 0;
  const save = (value: string) =>
    new Promise<void>((resolve, reject) => {
      active++;
      maxActive = Math.max(maxActive, active);
      calls.push({
        value,
        resolve: () => {
          active--;
          resolve();
        },
        reject: (e) => {
          active--;
          reject(e);
        },
      });
    });
  return { save, calls, maxActive: () => maxActive };
}

const busy: AppError = { code: "busy", message: "The portfolio is in use; try again in a moment." };
const full: AppError = { code: "invalid_input", message: "The account is too long." };

let registry: SaveRegistry;

beforeEach(() => {
  vi.useFakeTimers();
  registry = new SaveRegistry();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("Autosave", () => {
  it("coalesces quick edits into one save of the latest value after the pause", async () => {
    const save = vi.fn(async (_v: string) => {});
    const a = new Autosave<string>("", { save, delayMs: 500, registry });
    a.set("H");
    await vi.advanceTimersByTimeAsync(200);
    a.set("He");
    await vi.advanceTimersByTimeAsync(200);
    a.set("Hello");
    expect(a.status.state).toBe("pending");
    await vi.advanceTimersByTimeAsync(499);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith("Hello");
    expect(a.status.state).toBe("saved");
  });

  it("goes pending → saving → saved", async () => {
    const c = controlledSave();
    const a = new Autosave<string>("", { save: c.save, delayMs: 500, registry });
    const seen: string[] = [];
    a.subscribe((s) => seen.push(s.state));
    a.set("x");
    await vi.advanceTimersByTimeAsync(500);
    expect(a.status.state).toBe("saving");
    c.calls[0]!.resolve();
    await vi.runAllTimersAsync();
    expect(seen).toEqual(["saved", "pending", "saving", "saved"]);
  });

  it("saves at once when the delay is 0 (ratings)", async () => {
    const save = vi.fn(async (_v: number | null) => {});
    const a = new Autosave<number | null>(null, { save, delayMs: 0, registry });
    a.set(3);
    await Promise.resolve();
    await Promise.resolve();
    expect(save).toHaveBeenCalledWith(3);
  });

  it("flush saves now and resolves only once the save is written", async () => {
    const c = controlledSave();
    const a = new Autosave<string>("", { save: c.save, delayMs: 500, registry });
    a.set("typed");
    let done: boolean | undefined;
    void a.flush().then((ok) => (done = ok));
    await vi.advanceTimersByTimeAsync(0);
    expect(c.calls.map((x) => x.value)).toEqual(["typed"]);
    expect(done).toBeUndefined();
    c.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    // The debounce timer was cancelled: no second save later.
    await vi.advanceTimersByTimeAsync(2000);
    expect(c.calls).toHaveLength(1);
  });

  it("never overlaps saves, and saves what was typed during a save", async () => {
    const c = controlledSave();
    const a = new Autosave<string>("", { save: c.save, delayMs: 500, registry });
    a.set("first");
    await vi.advanceTimersByTimeAsync(500);
    expect(c.calls).toHaveLength(1);
    a.set("first and more");
    const flushed = a.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(c.calls).toHaveLength(1); // waits for the one in flight
    c.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(c.calls.map((x) => x.value)).toEqual(["first", "first and more"]);
    c.calls[1]!.resolve();
    expect(await flushed).toBe(true);
    expect(c.maxActive()).toBe(1);
    expect(a.dirty).toBe(false);
  });

  it("saves the newer text after an in-flight save even without a flush", async () => {
    const c = controlledSave();
    const a = new Autosave<string>("", { save: c.save, delayMs: 500, registry });
    a.set("one");
    await vi.advanceTimersByTimeAsync(500);
    a.set("one two");
    await vi.advanceTimersByTimeAsync(500); // the timer fires while "one" is in flight
    expect(c.calls).toHaveLength(1);
    c.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(600);
    expect(c.calls.map((x) => x.value)).toEqual(["one", "one two"]);
    c.calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.status.state).toBe("saved");
  });

  it("typing back to the value in flight still ends with that value saved", async () => {
    const c = controlledSave();
    const a = new Autosave<string>("a", { save: c.save, delayMs: 500, registry });
    a.set("ab");
    await vi.advanceTimersByTimeAsync(500);
    a.set("a"); // back to what was saved before "ab" went out
    c.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(600);
    expect(c.calls.map((x) => x.value)).toEqual(["ab", "a"]);
    c.calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.dirty).toBe(false);
  });

  it("an edit undone before the pause sends nothing", async () => {
    const save = vi.fn(async (_v: string) => {});
    const a = new Autosave<string>("same", { save, delayMs: 500, registry });
    a.set("samex");
    a.set("same");
    expect(a.status.state).toBe("saved");
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).not.toHaveBeenCalled();
    expect(registry.pending).toBe(false);
  });

  it("keeps the text after a failed save, shows the error, and retry saves it", async () => {
    let fail = true;
    const saved: string[] = [];
    const a = new Autosave<string>("", {
      save: async (v: string) => {
        if (fail) throw busy;
        saved.push(v);
      },
      delayMs: 500,
      registry,
    });
    a.set("precious words");
    await vi.advanceTimersByTimeAsync(500);
    expect(a.status).toEqual({ state: "error", error: busy });
    expect(a.value).toBe("precious words");
    expect(a.dirty).toBe(true);
    expect(saveStateText(a.status)).toBe(`Not saved: ${busy.message}`);
    fail = false;
    expect(await a.retry()).toBe(true);
    expect(saved).toEqual(["precious words"]);
    expect(a.status.state).toBe("saved");
  });

  it("flush reports failure rather than pretending, and keeps the error until a save works", async () => {
    const a = new Autosave<string>("", {
      save: async () => {
        throw full;
      },
      delayMs: 500,
      registry,
    });
    a.set("x".repeat(10));
    expect(await a.flush()).toBe(false);
    expect(a.status.state).toBe("error");
    a.set("x".repeat(11)); // still shown as not saved while typing on
    expect(a.status.state).toBe("error");
  });

  it("turns a plain thrown string into an error with a message", async () => {
    const a = new Autosave<string>("", {
      save: async () => {
        throw "Command set_account not allowed";
      },
      delayMs: 0,
      registry,
    });
    a.set("x");
    await vi.runAllTimersAsync();
    expect(a.status.error?.code).toBe("internal");
    expect(a.status.error?.message).toContain("not allowed");
  });

  it("retries by itself after a passing failure (busy), not after a refusal", async () => {
    let attempts = 0;
    const flaky = new Autosave<string>("", {
      save: async () => {
        attempts++;
        if (attempts === 1) throw busy;
      },
      delayMs: 500,
      autoRetryMs: 3000,
      registry,
    });
    flaky.set("x");
    await vi.advanceTimersByTimeAsync(500);
    expect(flaky.status.state).toBe("error");
    await vi.advanceTimersByTimeAsync(3000);
    expect(attempts).toBe(2);
    expect(flaky.status.state).toBe("saved");

    let refused = 0;
    const a = new Autosave<string>("", {
      save: async () => {
        refused++;
        throw full;
      },
      delayMs: 500,
      autoRetryMs: 3000,
      registry,
    });
    a.set("y");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(refused).toBe(1);
  });

  it("does not send a value that fails validation, and clears the error once fixed", async () => {
    const save = vi.fn(async (_v: string) => {});
    const a = new Autosave<string>("Ann", {
      save,
      delayMs: 500,
      registry,
      validate: (v) => (v.trim() ? null : { code: "invalid_input", message: "Name needed." }),
    });
    a.set("");
    expect(await a.flush()).toBe(false);
    expect(save).not.toHaveBeenCalled();
    expect(a.status.error?.message).toBe("Name needed.");
    a.set("Anna");
    expect(a.status.state).toBe("pending");
    await vi.advanceTimersByTimeAsync(500);
    expect(save).toHaveBeenCalledWith("Anna");
  });

  it("uses the given equality for objects", async () => {
    const save = vi.fn(async (_v: { n: number }) => {});
    const a = new Autosave({ n: 1 }, { save, delayMs: 500, registry, equals: (x, y) => x.n === y.n });
    a.set({ n: 1 });
    expect(a.dirty).toBe(false);
    a.set({ n: 2 });
    expect(a.dirty).toBe(true);
  });
});

describe("SaveRegistry (closing the window)", () => {
  it("flushAll saves a pending edit at once, without waiting for the pause", async () => {
    const save = vi.fn(async (_v: string) => {});
    const a = new Autosave<string>("", { save, delayMs: 500, registry });
    a.set("last words before closing");
    expect(registry.pending).toBe(true);
    const ok = await registry.flushAll();
    expect(ok).toBe(true);
    expect(save).toHaveBeenCalledWith("last words before closing");
    expect(registry.pending).toBe(false);
    expect(registry.size).toBe(0);
  });

  it("flushAll waits for every saver and fails if any fails", async () => {
    const a = new Autosave<string>("", { save: async () => {}, delayMs: 500, registry });
    const b = new Autosave<string>("", {
      save: async () => {
        throw busy;
      },
      delayMs: 500,
      registry,
    });
    a.set("fine");
    b.set("stuck");
    expect(await registry.flushAll()).toBe(false);
    expect(a.dirty).toBe(false);
    expect(b.dirty).toBe(true);
    expect(registry.size).toBe(1); // b stays until it is saved
  });

  it("an editor that goes away still gets its text saved", async () => {
    const save = vi.fn(async (_v: string) => {});
    const a = new Autosave<string>("", { save, delayMs: 500, registry });
    a.set("written, then navigated away");
    a.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledWith("written, then navigated away");
    expect(registry.size).toBe(0);
  });

  it("a saver with nothing pending is not in the registry", () => {
    new Autosave<string>("", { save: async () => {}, delayMs: 500, registry });
    expect(registry.size).toBe(0);
  });
});

describe("combineStatus", () => {
  const s = (state: SaveStatus["state"]): SaveStatus => ({ state, error: state === "error" ? busy : null });
  it("shows the most pressing state", () => {
    expect(combineStatus([s("saved"), s("saved")]).state).toBe("saved");
    expect(combineStatus([s("saved"), s("pending")]).state).toBe("pending");
    expect(combineStatus([s("pending"), s("saving")]).state).toBe("saving");
    expect(combineStatus([s("saving"), s("error")])).toEqual({ state: "error", error: busy });
    expect(combineStatus([]).state).toBe("saved");
  });
  it("words", () => {
    expect(saveStateText(s("saved"))).toBe("Saved");
    expect(saveStateText(s("pending"))).toBe("Saving…");
    expect(saveStateText(s("saving"))).toBe("Saving…");
  });
});
