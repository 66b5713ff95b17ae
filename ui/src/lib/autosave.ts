// Autosave: keeps one edited value (an account, a rating, a profile) saved
// without a Save button. Edits wait for a short pause (debounce), saves never
// overlap and coalesce to the latest value, a failed save keeps the value and
// can be retried, and `flush()` resolves only once everything typed is saved
// (or reports that it could not be). A registry lets the app flush every
// pending save before changing screen or closing the window.
import type { AppError } from "./bindings/AppError";
import { toAppError } from "./errors";

/** What the save indicator shows. */
export type SaveState = "saved" | "pending" | "saving" | "error";

export interface SaveStatus {
  state: SaveState;
  error: AppError | null;
}

export interface AutosaveOptions<T, R> {
  /** Writes the value; rejects (ideally with an AppError) on failure. */
  save: (value: T) => Promise<R>;
  /** Pause after the last edit before saving; 0 saves at once. */
  delayMs: number;
  equals?: (a: T, b: T) => boolean;
  /** A problem that makes saving pointless (nothing is sent while it holds). */
  validate?: (value: T) => AppError | null;
  onSaved?: (value: T, result: R) => void;
  /** Try a failed save again by itself after this long, for passing troubles. */
  autoRetryMs?: number;
  /** Which failures are worth retrying by themselves (default: busy, io). */
  shouldAutoRetry?: (error: AppError) => boolean;
  registry?: SaveRegistry | null;
}

/** Anything that can be asked to finish saving. */
export interface Flushable {
  flush(): Promise<boolean>;
  readonly dirty: boolean;
}

/** The set of savers holding unsaved edits. */
export class SaveRegistry {
  readonly #items = new Set<Flushable>();

  add(item: Flushable): void {
    this.#items.add(item);
  }

  remove(item: Flushable): void {
    this.#items.delete(item);
  }

  /** True while some edit is not yet saved. */
  get pending(): boolean {
    return [...this.#items].some((i) => i.dirty);
  }

  get size(): number {
    return this.#items.size;
  }

  /** Saves everything pending; true when all of it is saved. */
  async flushAll(): Promise<boolean> {
    const items = [...this.#items];
    const results = await Promise.all(items.map((i) => i.flush()));
    for (const item of items) if (!item.dirty) this.#items.delete(item);
    return results.every(Boolean);
  }
}

/** The app's registry: flushed before a screen change and before closing. */
export const saves = new SaveRegistry();

const transient = (e: AppError) => e.code === "busy" || e.code === "io";

export class Autosave<T, R = unknown> implements Flushable {
  #saved: T;
  #latest: T;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<boolean> | null = null;
  #error: AppError | null = null;
  #errorFromValidation = false;
  #status: SaveStatus = { state: "saved", error: null };
  readonly #listeners = new Set<(s: SaveStatus) => void>();
  readonly #opts: AutosaveOptions<T, R>;
  readonly #equals: (a: T, b: T) => boolean;
  readonly #registry: SaveRegistry | null;
  #disposed = false;

  constructor(initial: T, opts: AutosaveOptions<T, R>) {
    this.#saved = initial;
    this.#latest = initial;
    this.#opts = opts;
    this.#equals = opts.equals ?? Object.is;
    this.#registry = opts.registry === undefined ? saves : opts.registry;
  }

  /** The latest value given (saved or not). */
  get value(): T {
    return this.#latest;
  }

  /** True while the latest value is not known to be saved. */
  get dirty(): boolean {
    return !this.#equals(this.#latest, this.#saved);
  }

  get status(): SaveStatus {
    return this.#status;
  }

  /** Calls `listener` now and on every change of state; returns an unsubscribe. */
  subscribe(listener: (s: SaveStatus) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#status);
    return () => this.#listeners.delete(listener);
  }

  /** A new value from the editor: saved after the pause (or at once). */
  set(value: T): void {
    this.#latest = value;
    this.#clearTimer();
    if (this.#errorFromValidation) {
      const invalid = this.#opts.validate?.(value) ?? null;
      this.#error = invalid;
      this.#errorFromValidation = invalid !== null;
    }
    if (!this.dirty) {
      if (!this.#running) this.#error = null;
      this.#notify();
      return;
    }
    this.#registry?.add(this);
    if (this.#opts.delayMs <= 0) {
      void this.flush();
    } else {
      this.#schedule(this.#opts.delayMs);
    }
    this.#notify();
  }

  /**
   * Saves now whatever is pending and waits for saves in flight. Resolves to
   * true once the latest value is saved, false if it could not be (the value
   * is kept and the status holds the error).
   */
  async flush(): Promise<boolean> {
    this.#clearTimer();
    let attempted = false;
    for (;;) {
      if (this.#running) {
        await this.#running;
        continue;
      }
      if (!this.dirty) return true;
      if (attempted && this.#error) return false;
      attempted = true;
      await this.#saveOnce();
    }
  }

  /** Tries a failed save again (the indicator's "Try again" button). */
  retry(): Promise<boolean> {
    return this.flush();
  }

  /**
   * The editor is going away: stop notifying it. Unsaved edits stay in the
   * registry and are still saved (on the next flush, or now).
   */
  dispose(): void {
    this.#disposed = true;
    this.#listeners.clear();
    if (this.dirty) void this.flush();
    else {
      this.#clearTimer();
      this.#registry?.remove(this);
    }
  }

  #saveOnce(): Promise<boolean> {
    const value = this.#latest;
    const invalid = this.#opts.validate?.(value) ?? null;
    if (invalid) {
      this.#error = invalid;
      this.#errorFromValidation = true;
      this.#notify();
      return Promise.resolve(false);
    }
    const run: Promise<boolean> = Promise.resolve()
      .then(() => this.#opts.save(value))
      .then(
        (result) => {
          this.#saved = value;
          this.#error = null;
          this.#errorFromValidation = false;
          this.#opts.onSaved?.(value, result);
          return true;
        },
        (e: unknown) => {
          this.#error = toAppError(e);
          this.#errorFromValidation = false;
          return false;
        },
      )
      .then((ok) => {
        this.#running = null;
        if (!this.dirty) {
          this.#registry?.remove(this);
        } else if (!this.#timer) {
          if (ok) this.#schedule(this.#opts.delayMs);
          else this.#maybeAutoRetry();
        }
        this.#notify();
        return ok;
      });
    this.#running = run;
    this.#notify();
    return run;
  }

  #maybeAutoRetry(): void {
    const wait = this.#opts.autoRetryMs;
    const error = this.#error;
    if (!wait || !error || this.#disposed) return;
    if (!(this.#opts.shouldAutoRetry ?? transient)(error)) return;
    this.#schedule(wait);
  }

  #schedule(ms: number): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, Math.max(0, ms));
  }

  #clearTimer(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }

  #notify(): void {
    const state: SaveState = this.#running
      ? "saving"
      : !this.dirty
        ? "saved"
        : this.#error
          ? "error"
          : "pending";
    const error = state === "saved" ? null : this.#error;
    if (state === this.#status.state && error === this.#status.error) return;
    this.#status = { state, error };
    for (const l of this.#listeners) l(this.#status);
  }
}

/** One indicator for several savers: the most pressing state wins. */
export function combineStatus(statuses: readonly SaveStatus[]): SaveStatus {
  const rank: Record<SaveState, number> = { saved: 0, pending: 1, saving: 2, error: 3 };
  let best: SaveStatus = { state: "saved", error: null };
  for (const s of statuses) if (rank[s.state] > rank[best.state]) best = s;
  return best;
}

/** The words the save indicator shows. */
export function saveStateText(status: SaveStatus): string {
  switch (status.state) {
    case "saved":
      return "Saved";
    case "pending":
    case "saving":
      return "Saving…";
    case "error":
      return `Not saved: ${status.error?.message ?? "something went wrong."}`;
  }
}
