// Closing the window mid-edit loses nothing: when the user closes the
// window, every pending save is flushed first and the window closes only
// once they are written. If a save fails (or hangs), the window stays open
// and the app asks what to do, with the text still in the editor.
import { getCurrentWindow } from "@tauri-apps/api/window";

export type CloseDecision = "close" | "stay";

/** How long closing waits for saves before asking the user instead. */
export const CLOSE_FLUSH_TIMEOUT_MS = 10_000;

/** Flushes with a time limit; "close" only when everything was saved. */
export async function decideClose(
  flushAll: () => Promise<boolean>,
  timeoutMs = CLOSE_FLUSH_TIMEOUT_MS,
): Promise<CloseDecision> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const ok = await Promise.race([flushAll().catch(() => false), timeout]);
    return ok ? "close" : "stay";
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Registers the close handler on the app window. `onUnsaved` is called when
 * the window was kept open because something could not be saved.
 */
export function installCloseGuard(
  flushAll: () => Promise<boolean>,
  onUnsaved: () => void,
  timeoutMs = CLOSE_FLUSH_TIMEOUT_MS,
): Promise<() => void> {
  return getCurrentWindow().onCloseRequested(async (event) => {
    if ((await decideClose(flushAll, timeoutMs)) === "stay") {
      event.preventDefault();
      onUnsaved();
    }
  });
}

/** Closes the window without waiting for saves (the user chose to). */
export function closeWithoutSaving(): Promise<void> {
  return getCurrentWindow().destroy();
}
