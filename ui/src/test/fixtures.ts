// A small portfolio as the core would describe it, for tests: its frame,
// its overview, one piece of evidence, an item's page and its assessment.
import type { AssessmentView } from "../lib/bindings/AssessmentView";
import type { Evidence } from "../lib/bindings/Evidence";
import type { ItemDetail } from "../lib/bindings/ItemDetail";
import type { Overview } from "../lib/bindings/Overview";
import type { PortfolioFrame } from "../lib/bindings/PortfolioFrame";
import type { Role } from "../lib/bindings/Role";

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
    partnerships: { partners: 0, agreements: 0, health_checks: 0, agreements_overdue: [], actions_overdue: [] },
    assessment_plan: { entries: [], fingerprint: "", acceptances: [], agreed: false, overdue: [], removed: [] },
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
    source: null,
    created_at: "2026-03-12T10:00:00Z",
    updated_at: "2026-03-12T10:00:00Z",
  };
}

export function itemDetail(linked: boolean): ItemDetail {
  const { reference, number, title, method, method_label, activity_date } = evidence();
  return {
    id: "P1",
    kind: "performance",
    section_title: "Performance criteria",
    lead_in: "You must be able to:",
    text: ITEMS.performance[0][1],
    assessment: { item_id: "P1", rating: null, account: "", updated_at: null },
    status: "not_started",
    evidence: linked ? [{ reference, number, title, method, method_label, activity_date, note: "page 2" }] : [],
    partnership_sources: [],
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
    feedback_threads: [],
    iqa: { samples: [], decisions: [] },
    learner_declaration: "I declare this is my own work.",
    assessor_declaration: "I declare I have assessed this work.",
  };
}
