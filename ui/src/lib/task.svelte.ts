// One way to run an action a person started (save, remove, choose files,
// submit…): while it runs the task is busy (its buttons wait), its failure
// lands in `error` as an AppError for an ErrorMessage, and a second start
// while one runs is ignored. A screen keeps one Task for each place where
// an error is shown; `settle` is the one try/catch under it and the Loader.
// Started from an effect, neither makes the effect depend on what they read.
import { untrack } from "svelte";
import type { AppError } from "./bindings/AppError";
import { toAppError } from "./errors";

export type Settled<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** What `work` gave, or why it failed (as an AppError); never rejects. */
export async function settle<T>(work: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, error: toAppError(e) };
  }
}

export class Task {
  /** Which action is running ("" when it has no name), or null. */
  doing: string | null = $state(null);
  /** Why the last action failed; cleared when the next one starts. */
  error: AppError | null = $state(null);

  get busy(): boolean {
    return this.doing !== null;
  }

  /**
   * Runs `action` unless one is already running; true when it finished
   * without failing. `name` tells actions sharing the task apart (for a
   * button's "Working…" label).
   */
  async run(action: () => Promise<unknown>, name = ""): Promise<boolean> {
    if (untrack(() => this.doing) !== null) return false;
    this.doing = name;
    this.error = null;
    const done = await settle(() => untrack(action));
    this.doing = null;
    if (!done.ok) this.error = done.error;
    return done.ok;
  }

  /** Forgets the last failure (a dialog opened afresh). */
  clear(): void {
    this.error = null;
  }
}
