// Focus management: when a screen appears, focus moves to its heading so
// keyboard and screen-reader users start at the top of the new screen.
import type { Action } from "svelte/action";

/**
 * Svelte action: a new screen's heading (tabindex="-1") takes focus once
 * mounted, and the screen starts at the top (not where the last one was
 * scrolled to).
 */
export const focusOnMount: Action<HTMLElement> = (node) => {
  queueMicrotask(() => {
    if (!node.isConnected) return;
    window.scrollTo(0, 0);
    node.focus({ preventScroll: true });
  });
};

/**
 * Focus the first invalid control of a form, if any (a radio group, whose
 * radios cannot carry aria-invalid, marks its first with data-invalid).
 */
export function focusFirstInvalid(form: HTMLElement | null): void {
  const el = form?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]');
  el?.focus();
}
