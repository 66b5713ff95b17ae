// For the tests that run the whole UI in jsdom: the app mounted on a route,
// the shell's commands answered by the test as for the small portfolio of
// ./fixtures (each call recorded, unknown ones refused).
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import type { Role } from "../lib/bindings/Role";
import type { Route } from "../lib/route";
import { router } from "../lib/router.svelte";
import { assessment, evidence, frame, overview } from "./fixtures";

export type Answers = Record<string, (args: Record<string, unknown>) => unknown>;

/** The commands a portfolio's screens ask for, answered as a learner's small portfolio. */
export function portfolioAnswers(role: Role = "learner"): Answers {
  return {
    get_portfolio_frame: () => frame(role),
    get_overview: () => overview(),
    get_assessment: () => assessment(role),
    app_info: () => ({
      version: "0.1.0",
      library_folder: "/home/sian/.local/share/partnership-portfolio/portfolios",
      log_folder: "/home/sian/.local/state/partnership-portfolio/logs",
      rating_scale: [],
    }),
    list_witnesses: () => [],
    list_portfolios: () => [],
    list_trash: () => [],
    get_coverage: () => ({ evidence: [], rows: [], total_items: 3, covered_items: 0, gaps: 3, mappings: 0 }),
    get_evidence: () => evidence(),
    // No .portfolio file was opened from the desktop.
    take_opened_file: () => null,
  };
}

export interface Running {
  /** Every command asked for, in order, with its arguments. */
  calls: [string, Record<string, unknown>][];
  count(command: string): number;
  stop(): void;
}

/** Mounts the app on `route`, answering the shell's commands from `answers`. */
export function runApp(route: Route, answers: Answers): Running {
  const calls: [string, Record<string, unknown>][] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, a]);
    const answer = answers[cmd];
    if (!answer) throw { code: "internal", message: `No answer for ${cmd} in this test.` };
    return answer(a);
  });
  mockWindows("main");
  window.scrollTo = () => undefined; // jsdom draws nothing, so it cannot scroll
  router.current = route;
  const app = mount(App, { target: document.body });
  flushSync();
  return {
    calls,
    count: (command) => calls.filter(([c]) => c === command).length,
    stop: () => {
      unmount(app);
      clearMocks();
      document.body.innerHTML = "";
    },
  };
}

/** The element with `data-testid=id` (the test fails if it is not there). */
export function byTestId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`No element with data-testid="${id}"`);
  return el;
}

/** jsdom has <dialog> without its modal methods: these open and close it. */
export function modalDialogs() {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
    this.dispatchEvent(new Event("close"));
  };
}
