// The current screen, as shared reactive state, and `navigate`, which saves
// every pending edit before leaving a screen. If a save fails, the screen
// stays put so the unsaved text remains in front of the user.
import { saves } from "./autosave";
import type { Route } from "./route";

class Router {
  current: Route = $state({ screen: "home" });
  /** True while waiting for saves before a screen change. */
  leaving = $state(false);
}

export const router = new Router();

/** Goes to `to` once all edits are saved; false when they could not be. */
export async function navigate(to: Route): Promise<boolean> {
  router.leaving = true;
  try {
    if (!(await saves.flushAll())) return false;
    router.current = to;
    return true;
  } finally {
    router.leaving = false;
  }
}
