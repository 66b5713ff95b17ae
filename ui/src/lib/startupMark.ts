// The moment the home screen is first usable (its list shown and painted),
// as a performance mark ("home-ready") that the start-up benchmark reads
// from the real window (tests/e2e/benches/startup.rs). Marked once per run.
export const HOME_READY = "home-ready";

/** Marks the home screen usable at the next frame, unless already marked. */
export function markHomeReady(): void {
  if (typeof performance === "undefined" || performance.getEntriesByName(HOME_READY).length > 0) return;
  const mark = () => {
    if (performance.getEntriesByName(HOME_READY).length === 0) performance.mark(HOME_READY);
  };
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(mark);
  else mark();
}
