// A form with an explicit save on the assessment cycle's screens (a plan
// line, a review, a reply) keeps what was typed: while it differs from
// where it started, leaving the screen or closing the window is held back
// (FormGuard) and `blocked` tells the form to say why (UnsavedNotice).
import { tick } from "svelte";
import { FormGuard } from "./formGuard";

export class UnsavedForm {
  blocked = $state(false);
  #start = "";
  readonly #guard = new FormGuard(() => {
    this.blocked = true;
    void tick().then(() => document.querySelector<HTMLElement>("[data-testid=form-blocked]")?.focus());
  });

  /** Where the form starts (after a save, a cancel, or choosing a line to change). */
  start(value: unknown): void {
    this.#start = JSON.stringify(value);
    this.#guard.set(false);
    this.blocked = false;
  }

  /** The form as it is now. */
  update(value: unknown): void {
    const dirty = JSON.stringify(value) !== this.#start;
    this.#guard.set(dirty);
    if (!dirty) this.blocked = false;
  }

  /** The screen is going. */
  release(): void {
    this.#guard.release();
  }
}
