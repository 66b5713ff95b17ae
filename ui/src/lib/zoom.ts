// Zooming the whole window (Ctrl + plus, Ctrl + minus, Ctrl + 0), as in a
// browser: the web view's own page zoom, so text, layout and the width the
// page lays out in all scale (200 % in a 1280-pixel window lays out as 640).
import { getCurrentWebview } from "@tauri-apps/api/webview";

/** The zoom levels the keys step through. */
export const ZOOM_STEPS: readonly number[] = [0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];

let level = 1;

/** The level one step `by` (+1 in, -1 out) from `from`, or 1 for `by` 0. */
export function nextZoom(from: number, by: -1 | 0 | 1): number {
  if (by === 0) return 1;
  const at = ZOOM_STEPS.findIndex((z) => Math.abs(z - from) < 0.001);
  const i = at === -1 ? ZOOM_STEPS.indexOf(1) : at;
  return ZOOM_STEPS[Math.max(0, Math.min(ZOOM_STEPS.length - 1, i + by))]!;
}

/** Zooms the window one step in or out, or back to 100 % (`by` 0). */
export async function zoom(by: -1 | 0 | 1): Promise<void> {
  level = nextZoom(level, by);
  await getCurrentWebview().setZoom(level);
}
