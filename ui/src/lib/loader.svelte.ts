// What a screen (or part of one) shows, asked for from the core: the value
// once it has come, or why it could not be had, and a way to ask again.
// An answer to an older question is dropped, so a slow first answer never
// overwrites a newer one (a search typed on). LoadState draws it.
import { untrack } from "svelte";
import type { AppError } from "./bindings/AppError";
import { settle } from "./task.svelte";

export class Loader<T> {
  /** Undefined until the first answer has come. */
  value: T | undefined = $state();
  error: AppError | null = $state(null);
  loading = $state(false);
  readonly #fetch: () => Promise<T>;
  #asked = 0;

  constructor(fetch: () => Promise<T>) {
    this.#fetch = fetch;
  }

  get loaded(): boolean {
    return this.value !== undefined;
  }

  /** Asks (again); true when this answer arrived and is now the value. */
  async load(): Promise<boolean> {
    const mine = ++this.#asked;
    this.loading = true;
    // Asked from an effect, the question's own reads (a search's words) do not make the effect run again.
    const got = await settle(() => untrack(this.#fetch));
    if (mine !== this.#asked) return false;
    this.loading = false;
    if (got.ok) {
      this.value = got.value;
      this.error = null;
    } else {
      this.error = got.error;
    }
    return got.ok;
  }

  /** Asks only if nothing has been asked yet (a LoadState's first showing). */
  start(): void {
    if (this.#asked === 0) void this.load();
  }
}
