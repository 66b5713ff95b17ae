// For the tests that run the whole UI in jsdom: a small portfolio as the
// core would describe it (its frame, overview, one piece of evidence, its
// assessment), the app mounted on a route, and the shell's commands
// answered by the test (each call recorded, unknown ones refused).
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import type { AssessmentView } from "../lib/bindings/AssessmentView";
import type { Evidence } from "../lib/bindings/Evidence";
import type { ItemDetail } from "../lib/bindings/ItemDetail";
import type { Overview } from "../lib/bindings/Overview";
import type { PortfolioFrame } from "../lib/bindings/PortfolioFrame";
import type { Role } from "../lib/bindings/Role";
import type { Route } from "../lib/route";
import { router } from "../lib/router.svelte";

const ITEMS = {
  performance: [
    ["P1", "Identify potential partners and their interests"],
    ["P2", "Agree shared aims with partners"],
  ],
  knowledge: [["K1", "The benefits of partnership working"]],
} as const;

export function frame(role: Role = "learner"): PortfolioFrame {
  return {
    info: {
      uid: "u1",
      title: "Siân’s portfolio",
      standard_urn: "CLDAL16",
      standard_version: "1",
      created_at: "2026-03-01T10:00:00Z",
      updated_at: "2026-03-12T10:00:00Z",
    },
    role,
    learner_name: "Siân Roberts",
    standard: { urn: "CLDAL16", version: "1", title: "Develop and sustain working relationships" },
    sections: [
      { kind: "performance", title: "Performance criteria", lead_in: "You must be able to:", item_ids: ["P1", "P2"] },
      { kind: "knowledge", title: "Knowledge and understanding", lead_in: "You need to know:", item_ids: ["K1"] },
    ],
    item_count: 3,
  };
}

export function overview(): Overview {
  const f = frame();
  return {
    info: f.info,
    profile: {
      full_name: "Siân Roberts",
      registration_number: "",
      centre: "",
      qualification: "",
      assessor_name: "",
      start_date: null,
    },
    standard: f.standard,
    sections: f.sections.map((s) => ({
      kind: s.kind,
      title: s.title,
      lead_in: s.lead_in,
      items: ITEMS[s.kind].map(([id, text]) => ({
        id,
        text,
        status: "not_started" as const,
        rating: null,
        updated_at: null,
        evidence_count: id === "P1" ? 1 : 0,
      })),
    })),
    progress: { total: 3, rated: 0, in_progress: 0, not_started: 3, evidenced: 1 },
  };
}

export function evidence(): Evidence {
  return {
    reference: "E1",
    number: 1,
    title: "Minutes of the steering group",
    method: "product",
    method_label: "Product evidence",
    activity_date: "2026-03-12",
    description: "",
    witness: null,
    confidential: null,
    attachments: [],
    mappings: [{ item_id: "P1", note: "" }],
    created_at: "2026-03-12T10:00:00Z",
    updated_at: "2026-03-12T10:00:00Z",
  };
}

export function itemDetail(linked: boolean): ItemDetail {
  return {
    id: "P1",
    kind: "performance",
    section_title: "Performance criteria",
    lead_in: "You must be able to:",
    text: ITEMS.performance[0][1],
    assessment: { item_id: "P1", rating: null, account: "", updated_at: null },
    status: "not_started",
    evidence: linked
      ? [
          {
            reference: "E1",
            number: 1,
            title: "Minutes of the steering group",
            method: "product",
            method_label: "Product evidence",
            activity_date: "2026-03-12",
            note: "page 2",
          },
        ]
      : [],
    position: 1,
    total: 3,
    previous: null,
    next: "P2",
  };
}

export function assessment(role: Role = "learner"): AssessmentView {
  return {
    role,
    submissions: [],
    judgements: [],
    overall_feedback: [],
    sign_offs: [],
    changes_since_last_judged: null,
    changed_since_assessed: [],
    learner_declaration: "I declare this is my own work.",
    assessor_declaration: "I declare I have assessed this work.",
  };
}

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
