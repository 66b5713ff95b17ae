// Svelte action: a textarea that grows with its text, so long accounts read
// like a document rather than a small scrolling box. The page keeps its
// scroll position while the height is measured. Given `false`, the box
// keeps its rows (one field component serves both kinds).
import type { Action } from "svelte/action";

export const autosize: Action<HTMLTextAreaElement, string | false> = (node, grow) => {
  if (grow === false) return;
  const fit = () => {
    const scroller = document.scrollingElement;
    const top = scroller?.scrollTop ?? 0;
    node.style.height = "auto";
    node.style.height = `${node.scrollHeight + 2}px`;
    if (scroller) scroller.scrollTop = top;
  };
  const onResize = () => fit();
  node.addEventListener("input", fit);
  window.addEventListener("resize", onResize);
  queueMicrotask(fit);
  return {
    // Called when the bound text changes from outside (e.g. loaded).
    update: () => queueMicrotask(fit),
    destroy: () => {
      node.removeEventListener("input", fit);
      window.removeEventListener("resize", onResize);
    },
  };
};
