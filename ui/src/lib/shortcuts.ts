// The app's keyboard shortcuts: one table, read by the Help screen (which
// lists them) and by App (which acts on them), so Help lists only shortcuts
// that work. Pure, so which key does what where can be tested.
import { isPortfolioRoute } from "./place";
import type { Route } from "./route";

export type ShortcutAction =
  | "help"
  | "search"
  | "new-evidence"
  | "new-portfolio"
  | "export-pdf"
  | "zoom-in"
  | "zoom-out"
  | "zoom-reset";

export interface Shortcut {
  /** The keys as Help shows them. */
  keys: string;
  /** What they do, in a sentence. */
  does: string;
  /** Where they work. */
  where: string;
}

/** Every shortcut, for Help, in the order it lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: "F1", does: "Open this Help.", where: "Anywhere" },
  { keys: "Ctrl+F", does: "Search your evidence.", where: "In a portfolio" },
  { keys: "Ctrl+N", does: "Add a piece of evidence.", where: "In your own portfolio" },
  { keys: "Ctrl+N", does: "Start a new portfolio.", where: "On Your portfolios" },
  { keys: "Ctrl+P", does: "Export the PDF evidence portfolio.", where: "In a portfolio" },
  { keys: "Ctrl+S", does: "Save what you are writing now (it also saves itself as you type).", where: "On an item" },
  { keys: "Esc", does: "Close a dialog without doing anything.", where: "In a dialog" },
  { keys: "Ctrl++, Ctrl+−", does: "Make everything bigger or smaller (Ctrl+0: back to normal).", where: "Anywhere" },
  {
    keys: "Arrow keys, Home, End, Enter",
    does: "Move round the coverage table and open what is under the cursor.",
    where: "On Coverage",
  },
  { keys: "Tab, Shift+Tab", does: "Move to the next or previous control.", where: "Anywhere" },
];

/** What a key press asks for on `route` (`assessor`: an assessor's copy is open), if anything. */
export function shortcutFor(
  event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">,
  route: Route,
  assessor: boolean,
): ShortcutAction | null {
  if (event.altKey) return null;
  const ctrl = event.ctrlKey || event.metaKey;
  if (event.key === "F1" && !ctrl && !event.shiftKey) return "help";
  if (!ctrl) return null;
  // Plus is Shift+= on many keyboards.
  if (event.key === "+" || event.key === "=") return "zoom-in";
  if (event.key === "-" || event.key === "_") return "zoom-out";
  if (event.key === "0") return "zoom-reset";
  if (event.shiftKey) return null;
  const inPortfolio = isPortfolioRoute(route);
  switch (event.key.toLowerCase()) {
    case "f":
      return inPortfolio ? "search" : null;
    case "n":
      if (route.screen === "home") return "new-portfolio";
      return inPortfolio && !assessor ? "new-evidence" : null;
    case "p":
      return inPortfolio ? "export-pdf" : null;
    default:
      return null;
  }
}
