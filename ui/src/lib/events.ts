// Listening for the app's own events from the desktop shell ("files-dropped";
// the progress of long work comes on a per-call channel instead, see api.ts)
// for as long as a caller wants, with one stop function; outside the shell
// (a plain browser, the unit tests) nothing is heard and nothing fails.
import { listen } from "@tauri-apps/api/event";

/** Calls `handler` with each payload of `event` until the returned function is called. */
export function onAppEvent(event: string, handler: (payload: unknown) => void): () => void {
  let stop: (() => void) | null = null;
  let stopped = false;
  listen<unknown>(event, (e) => {
    if (!stopped) handler(e.payload);
  })
    .then((unlisten) => {
      if (stopped) unlisten();
      else stop = unlisten;
    })
    .catch(() => {
      // Not in the desktop shell: no events to hear.
    });
  return () => {
    stopped = true;
    stop?.();
  };
}
