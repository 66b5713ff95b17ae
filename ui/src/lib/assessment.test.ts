// Tests of the exchange as shown: fingerprints, dates, stages, counts,
// changes and the audit trail in words, and the declaration checks.
import { describe, expect, it } from "vitest";
import type { AssessmentView } from "./bindings/AssessmentView";
import type { AuditEntry } from "./bindings/AuditEntry";
import type { AuditEvent } from "./bindings/AuditEvent";
import type { Judgement } from "./bindings/Judgement";
import {
  auditRowText,
  auditText,
  groupAudit,
  changesText,
  countsText,
  draftProblem,
  judgementCounts,
  learnerStage,
  noChanges,
  receivedText,
  sameDraft,
  shortFingerprint,
  todayIso,
  unjudgedItems,
  validateDeclaration,
} from "./assessment";
import { assessment } from "../test/fixtures";

const FP = "3f9a0c1d77e2a410bb12cc34dd56ee78ff90aa12bb34cc56dd78ee90ff12aa34";

const judgement = (item_id: string, outcome: "met" | "not_yet_met", version = 1): Judgement => ({
  item_id,
  version,
  fingerprint: FP,
  outcome,
  feedback: "",
  assessor_name: "Màiri",
  judged_at: "2026-11-03T10:00:00Z",
});

const submission = (version: number) => ({
  version,
  submitted_at: "2026-11-02T10:00:00Z",
  declared_name: "Siân",
  declared_on: "2026-11-02",
  declaration: "I declare…",
  fingerprint: FP,
});

function view(over: Partial<AssessmentView> = {}): AssessmentView {
  return { ...assessment("learner"), ...over };
}

describe("shortFingerprint", () => {
  it("shows the first 16 characters in groups of four, like the core", () => {
    expect(shortFingerprint(FP)).toBe("3f9a 0c1d 77e2 a410");
    expect(shortFingerprint("abc")).toBe("abc");
    expect(shortFingerprint("")).toBe("");
  });
});

describe("todayIso", () => {
  it("writes this computer's date as year-month-day", () => {
    expect(todayIso(new Date(2026, 10, 2, 23, 59))).toBe("2026-11-02");
    expect(todayIso(new Date(2027, 0, 9, 0, 1))).toBe("2027-01-09");
  });
});

describe("learnerStage", () => {
  it("follows the portfolio from first submission to sign-off", () => {
    expect(learnerStage(view())).toBe("not_submitted");
    expect(learnerStage(view({ submissions: [submission(1)] }))).toBe("waiting");
    const judged = view({ submissions: [submission(1)], judgements: [judgement("P1", "met")] });
    expect(learnerStage(judged)).toBe("assessed");
    const signed = {
      ...judged,
      sign_offs: [
        {
          version: 1,
          fingerprint: FP,
          assessor_name: "Màiri",
          signed_on: "2026-11-03",
          signed_at: "2026-11-03T10:00:00Z",
          assessment: null,
          declaration: "I declare…",
        },
      ],
    };
    expect(learnerStage(signed)).toBe("signed_off");
    // A new version after the judged one waits for the assessor again.
    expect(learnerStage({ ...signed, submissions: [submission(1), submission(2)] })).toBe("waiting");
  });
});

describe("judgement counts", () => {
  it("counts met, not yet met and what is left", () => {
    const js = [judgement("P1", "met"), judgement("P2", "not_yet_met"), judgement("K1", "met")];
    const c = judgementCounts(js, 42);
    expect(c).toEqual({ met: 2, notYetMet: 1, judged: 3, unjudged: 39 });
    expect(countsText(c, 42)).toBe("3 of 42 judged · 2 met · 1 not yet met");
    expect(countsText(judgementCounts([], 42), 42)).toBe("0 of 42 judged");
    expect(unjudgedItems(["P1", "P2", "P3", "K1"], js)).toEqual(["P3"]);
  });
});

describe("received and changes", () => {
  it("says what came back", () => {
    expect(
      receivedText({
        version: 1,
        met: 41,
        not_yet_met: 1,
        signed_off: true,
        assessment: null,
        changed_since_assessed: [],
      }),
    ).toBe("Your assessor’s judgements of version 1 are in: 41 met, 1 not yet met, and signed off.");
    expect(receivedText({
        version: null,
        met: 0,
        not_yet_met: 0,
        signed_off: false,
        assessment: null,
        changed_since_assessed: [],
      })).toBe(
      "Your assessor’s judgements of your portfolio are in: 0 met, 0 not yet met.",
    );
  });

  it("sums up what changed between submissions", () => {
    const none = {
      from_version: 1,
      to_version: 2,
      profile_changed: false,
      items_changed: [],
      evidence_added: [],
      evidence_removed: [],
      evidence_changed: [],
      partnership_changes: [],
    };
    expect(noChanges(none)).toBe(true);
    expect(changesText(none)).toBe("Nothing has changed.");
    expect(
      changesText({ ...none, items_changed: ["P1"], evidence_added: ["E4", "E5"], evidence_removed: ["E2"] }),
    ).toBe("1 item changed · evidence: 2 added, 1 removed");
    expect(changesText({ ...none, profile_changed: true })).toBe("the learner’s details changed");
    const agreement = { reference: "AG1", change: "changed" as const, what: "agreement AG1's text or revisions" };
    expect(noChanges({ ...none, partnership_changes: [agreement] })).toBe(false);
    expect(changesText({ ...none, partnership_changes: [agreement] })).toBe(
      "partnerships: 1 record added, changed or removed",
    );
  });
});

describe("auditText", () => {
  const entry = (event: AuditEvent, version: number | null, detail = ""): AuditEntry => ({
    at: "2026-11-02T10:00:00Z",
    role: "learner",
    name: "Siân",
    event,
    version,
    detail,
  });
  it("puts each event in words", () => {
    expect(auditText(entry("submitted", 2, "3f9a 0c1d 77e2 a410"))).toBe(
      "Submitted version 2 for assessment, fingerprint 3f9a 0c1d 77e2 a410",
    );
    expect(auditText(entry("judged", 1, "P4: Not yet met"))).toBe("Judged P4: Not yet met in version 1");
    expect(auditText(entry("returned", 1))).toBe("Returned the assessment of version 1 to the learner");
    expect(auditText(entry("received", null))).toBe("Received the assessment of the submission");
    expect(auditText(entry("something_new" as AuditEvent, 3, "x"))).toBe("something_new version 3 (x)");
  });
  it("puts the internal quality assurer's events in words", () => {
    expect(auditText(entry("sent_to_iqa", 1, "assessment 19d8 8a3a"))).toBe(
      "Sent version 1 to the internal quality assurer",
    );
    expect(auditText(entry("iqa_sampled", 1, "P4: disagrees"))).toBe(
      "Sampled the judgement of P4: disagrees in version 1",
    );
    expect(auditText(entry("iqa_decided", 1, "Action required; sampled f88c aa53"))).toBe(
      "Recorded the IQA decision on version 1 (Action required; sampled f88c aa53)",
    );
    expect(auditText(entry("iqa_received", 1))).toBe("Received the IQA record of version 1");
  });
});

describe("groupAudit", () => {
  const e = (event: AuditEvent, name: string, version: number | null, detail = "", role: "learner" | "assessor" = "assessor"): AuditEntry => ({
    at: "2026-11-03T10:00:00Z",
    role,
    name,
    event,
    version,
    detail,
  });
  it("makes a run of judgements one line, keeping each entry", () => {
    const rows = groupAudit([
      e("imported", "Màiri", 1),
      e("judged", "Màiri", 1, "P1: Not yet met"),
      e("judged", "Màiri", 1, "P2: Met"),
      e("judged", "Màiri", 1, "P3: Met"),
      e("signed_off", "Màiri", 1, "3f9a 0c1d 77e2 a410"),
      e("judged", "Màiri", 2, "P1: Met"),
    ]);
    expect(rows.map((r) => r.entries.length)).toEqual([1, 3, 1, 1]);
    expect(auditRowText(rows[1]!)).toBe("Judged 3 items in version 1 (2 met, 1 not yet met)");
    expect(auditRowText(rows[3]!)).toBe("Judged P1: Met in version 2");
  });

  it("keeps judgements by different people or versions apart", () => {
    const rows = groupAudit([e("judged", "Màiri", 1, "P1: Met"), e("judged", "Aled", 1, "P2: Met")]);
    expect(rows).toHaveLength(2);
  });
});

describe("declarations and drafts", () => {
  it("need a typed name and a real date", () => {
    expect(validateDeclaration("", "2026-02-30")).toEqual({
      name: "Type your name to confirm the declaration.",
      date: "Write the date as year-month-day, for example 2026-11-02.",
    });
    expect(validateDeclaration(" Siân ", "2026-11-02")).toEqual({});
  });

  it("save feedback only with an outcome", () => {
    expect(draftProblem({ outcome: null, feedback: "" })).toBeNull();
    expect(draftProblem({ outcome: null, feedback: "Good" })).toMatch(/Met/);
    expect(draftProblem({ outcome: "met", feedback: "Good" })).toBeNull();
    expect(sameDraft({ outcome: "met", feedback: "a " }, { outcome: "met", feedback: "a" })).toBe(true);
    expect(sameDraft({ outcome: "met", feedback: "" }, { outcome: "not_yet_met", feedback: "" })).toBe(false);
  });
});
