// Focus management: when a screen appears, focus moves to its heading so
// keyboard and screen-reader users start at the top of the new screen.
import type { Action } from "svelte/action";

/** Svelte action: focus this element (a heading with tabindex="-1") once mounted. */
export const focusOnMount: Action<HTMLElement> = (node) => {
  queueMicrotask(() => {
    if (node.isConnected) node.focus({ preventScroll: false });
  });
};

/** Focus the first invalid control of a form, if any. */
export function focusFirstInvalid(form: HTMLElement | null): void {
  const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  el?.focus();
}
