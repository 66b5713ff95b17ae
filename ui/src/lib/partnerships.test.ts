// Tests of the Partnerships screens' logic: the words for bands, means,
// changes and what is overdue; the chart's geometry on the 1–5 scale; the
// stakeholder map's quadrants; the partner form's rules and the health
// check answers as sent; the note form filled and sent; what a removal
// says goes and stays.
import { describe, expect, it } from "vitest";
import type { HealthCheckElementResult } from "./bindings/HealthCheckElementResult";
import type { HealthCheckResponse } from "./bindings/HealthCheckResponse";
import type { HealthCheckTemplate } from "./bindings/HealthCheckTemplate";
import type { Note } from "./bindings/Note";
import type { PartnershipRemovalEffects } from "./bindings/PartnershipRemovalEffects";
import type { StakeholderMap } from "./bindings/StakeholderMap";
import {
  bandLabel,
  answersOf,
  blankAnswers,
  blankPartner,
  CHART,
  changeText,
  chartOf,
  cleanPartner,
  MAP,
  mapCells,
  meanText,
  noteForm,
  noteInput,
  overdueText,
  placeProblem,
  removalOf,
  scoredText,
  scoreX,
  toAnswerInputs,
} from "./partnerships";

const result = (element: string, mean: number | null, respondents: [string, number | null][]): HealthCheckElementResult => ({
  element,
  name: element.toUpperCase(),
  respondents: respondents.map(([respondent, m]) => ({ respondent, mean: m, scored: 4, dont_know: 0 })),
  mean,
  scored: 8,
  band: mean === null ? null : mean >= 4 ? "strength" : mean >= 3 ? "developing" : "concern",
  spread:
    respondents.length < 2
      ? null
      : { lowest: 2, highest: 4.5, difference: 2.5, flagged: element === "trust" },
  change: null,
  summary: "",
});

describe("words", () => {
  it("names bands, means and changes", () => {
    expect(bandLabel("strength")).toBe("Strength");
    expect(bandLabel(null)).toBe("No scores");
    expect(meanText(3.5)).toBe("3.50");
    expect(meanText(null)).toBe("–");
    expect(changeText({ previous_check: "HC1", previous_mean: 3, change: 0.5, direction: "improved" })).toBe(
      "Improved by 0.50 since HC1",
    );
    expect(changeText({ previous_check: "HC1", previous_mean: 3, change: -1.25, direction: "declined" })).toBe(
      "Declined by 1.25 since HC1",
    );
    expect(changeText(null)).toBe("");
  });

  it("says what is overdue, or nothing", () => {
    expect(overdueText(0, 0)).toBe("");
    expect(overdueText(1, 2)).toBe("1 overdue agreement, 2 overdue actions");
    expect(overdueText(0, 1)).toBe("1 overdue action");
  });
});

describe("chartOf", () => {
  it("puts 1 at the plot's left and 5 at its right", () => {
    expect(scoreX(1)).toBe(CHART.label);
    expect(scoreX(5)).toBe(CHART.width - CHART.right);
    expect(scoreX(3)).toBe((scoreX(1) + scoreX(5)) / 2);
  });

  it("draws a bar per element to its mean, a mark per respondent who scored, and flags", () => {
    const chart = chartOf([
      result("goals", 4, [["Amira", 4]]),
      result("trust", 3.25, [
        ["Amira", 4.5],
        ["Ben", 2],
      ]),
      result("roles", null, [["Amira", null]]),
    ]);
    expect(chart.rows.map((r) => r.y)).toEqual([CHART.top, CHART.top + CHART.row, CHART.top + 2 * CHART.row]);
    expect(chart.rows[0]!.bar).toBe(scoreX(4) - CHART.label);
    expect(chart.rows[1]!.marks).toEqual([
      { respondent: "Amira", x: scoreX(4.5) },
      { respondent: "Ben", x: scoreX(2) },
    ]);
    expect(chart.rows.map((r) => r.flagged)).toEqual([false, true, false]);
    expect(chart.rows[2]!.bar).toBe(0);
    expect(chart.rows[2]!.marks).toEqual([]);
    expect(chart.bands.map((b) => b.x)).toEqual([scoreX(3), scoreX(4)]);
    expect(chart.ticks).toHaveLength(5);
    expect(chart.height).toBeGreaterThan(CHART.top + 2 * CHART.row);
  });
});

describe("mapCells", () => {
  const heading = (reference: string) => ({
    reference,
    number: 1,
    name: `Partner ${reference}`,
    kind: "funder" as const,
    kind_label: "Funder",
  });
  const map: StakeholderMap = {
    quadrants: [
      { interest: "high", influence: "high", title: "A", approach: "", partners: [heading("PT1"), heading("PT2")] },
      { interest: "low", influence: "high", title: "B", approach: "", partners: [] },
      { interest: "high", influence: "low", title: "C", approach: "", partners: [heading("PT3")] },
      { interest: "low", influence: "low", title: "D", approach: "", partners: [] },
    ],
    unplaced: [],
    text: "",
  };

  it("puts high influence at the top and high interest at the right", () => {
    const [a, b, c, d] = mapCells(map);
    expect(a!.y).toBe(0);
    expect(a!.x).toBeGreaterThan(b!.x);
    expect(c!.y).toBeGreaterThan(a!.y);
    expect(d!.x).toBe(MAP.margin);
    expect(a!.x + a!.w).toBe(MAP.width);
  });

  it("lists a quadrant's partners one under another inside it", () => {
    const [a, , c] = mapCells(map);
    expect(a!.partners.map((p) => p.reference)).toEqual(["PT1", "PT2"]);
    expect(a!.partners[1]!.y - a!.partners[0]!.y).toBe(MAP.line);
    for (const p of [...a!.partners, ...c!.partners]) {
      expect(p.y).toBeLessThan((p.reference === "PT3" ? c! : a!).y + a!.h);
    }
  });
});

describe("the partner form", () => {
  it("asks for interest and influence both or neither", () => {
    const p = blankPartner();
    expect(placeProblem(p)).toBeNull();
    expect(placeProblem({ ...p, interest: "high" })).toMatch(/both/);
    expect(placeProblem({ ...p, interest: "high", influence: "low" })).toBeNull();
  });

  it("trims the name and drops empty contacts", () => {
    const p = cleanPartner({
      ...blankPartner(),
      name: "  Riverside Library ",
      contacts: [
        { name: " Jo ", role: "Manager", reach: "" },
        { name: " ", role: "", reach: "" },
      ],
    });
    expect(p.name).toBe("Riverside Library");
    expect(p.contacts).toEqual([{ name: "Jo", role: "Manager", reach: "" }]);
  });
});

describe("health check answers", () => {
  const template = {
    elements: [
      { id: "goals", name: "Goals", healthy: "", statements: [{ id: "goals.1", text: "" }, { id: "goals.2", text: "" }] },
      { id: "trust", name: "Trust", healthy: "", statements: [{ id: "trust.1", text: "" }] },
    ],
  } as unknown as HealthCheckTemplate;

  it("starts every statement as don't know and sends each one", () => {
    const answers = blankAnswers(template);
    expect(scoredText(answers)).toBe("0 of 3 scored");
    answers["goals.2"] = { score: 5, comment: " clear " };
    expect(scoredText(answers)).toBe("1 of 3 scored");
    expect(toAnswerInputs(answers)).toEqual([
      { statement_id: "goals.1", score: null, comment: "" },
      { statement_id: "goals.2", score: 5, comment: "clear" },
      { statement_id: "trust.1", score: null, comment: "" },
    ]);
  });

  it("fills the form with a respondent's answers as recorded, to change them", () => {
    const response = {
      respondent: "Jo",
      scored: 1,
      dont_know: 2,
      answers: [
        { statement_id: "goals.1", element: "goals", score: 4, comment: "Mostly." },
        { statement_id: "goals.2", element: "goals", score: null, comment: "" },
        { statement_id: "retired.1", element: "old", score: 2, comment: "" },
      ],
    } as HealthCheckResponse;
    const answers = answersOf(template, response);
    expect(Object.keys(answers)).toEqual(["goals.1", "goals.2", "trust.1"]);
    expect(answers["goals.1"]).toEqual({ score: 4, comment: "Mostly." });
    expect(answers["trust.1"]).toEqual({ score: null, comment: "" });
    expect(scoredText(answers)).toBe("1 of 3 scored");
  });
});

describe("the note form", () => {
  const note: Note = {
    reference: "N2", number: 2, partner: "PT1", kind: "consultation", kind_label: "Consultation before a decision",
    date: "2026-03-04", text: "Asked first.", participants: ["Jo", "Eleri"], created_at: "", updated_at: "",
  };

  it("starts a new note today as a meeting, and a change with the note as it is", () => {
    expect(noteForm("2026-05-01")).toEqual({ kind: "meeting", date: "2026-05-01", text: "", participants: "" });
    expect(noteForm("2026-05-01", note)).toEqual({ kind: "consultation", date: "2026-03-04", text: "Asked first.", participants: "Jo, Eleri" });
  });

  it("sends the names split at commas, blanks left out, and the rest as typed for the core to check", () => {
    expect(noteInput({ kind: "decision", date: " 2026-03-05", text: "  ", participants: " Jo ,, Eleri Hughes, " })).toEqual({
      kind: "decision",
      date: " 2026-03-05",
      text: "  ",
      participants: ["Jo", "Eleri Hughes"],
    });
    expect(noteInput(noteForm("2026-05-01", note)).participants).toEqual(["Jo", "Eleri"]);
  });
});

describe("removalOf", () => {
  const made = (evidence: string, source: string) => ({ evidence, title: "", source, status: "unchanged" as const });
  /** What the core says removing a record does (get_removal_effects). */
  const effects = (e: Partial<PartnershipRemovalEffects> & Pick<PartnershipRemovalEffects, "kind" | "reference">): PartnershipRemovalEffects => ({
    partner: "PT1",
    date: "2026-03-01",
    label: "",
    revisions: 0,
    respondents: [],
    actions_kept: [],
    evidence_source: e.reference,
    evidence: [],
    evidence_after: "removed",
    ...e,
  });

  it("says a note goes, and that the evidence made from it stays and will say its source has gone", () => {
    const r = removalOf(effects({ kind: "note", reference: "N1", label: "Meeting", evidence: [made("E1", "N1")] }));
    expect(r).toMatchObject({ kind: "note", reference: "N1", title: "Remove note N1?", heading: "notes-title" });
    expect(r.message).toBe(
      "The note of 1 March 2026 (meeting) leaves this partnership’s record. Evidence E1, made from it, stays as it was made, and will say its source has been removed. The removal is kept in the portfolio’s history.",
    );
    expect(r.done).toBe("Removed note N1. Evidence E1 stays, and says its source has been removed.");
  });

  it("names a check's respondents, the actions that stay in the plan and every piece of evidence made from it", () => {
    const r = removalOf(
      effects({ kind: "health_check", reference: "HC1", date: "2026-03-02", respondents: ["Siân", "Jo", "Gwen"], actions_kept: ["AC1"], evidence: [made("E2", "HC1"), made("E3", "HC1")] }),
    );
    expect(r.heading).toBe("checks-title");
    expect(r.message).toContain("The health check of 2 March 2026 leaves this partnership’s record, with the answers of Siân, Jo and Gwen.");
    expect(r.message).toContain("Its action stays in the action plan: AC1.");
    expect(r.message).toContain("Evidence E2 and E3, made from it, stay as they were made, and will say its source has been removed.");
    expect(r.done).toBe("Removed health check HC1. Evidence E2 and E3 stay, and say its source has been removed.");
    expect(removalOf(effects({ kind: "health_check", reference: "HC2", actions_kept: ["AC1", "AC2"] })).message).toContain(
      "Its actions stay in the action plan: AC1, AC2.",
    );
  });

  it("says an agreement goes with its revisions, and nothing of evidence when none was made", () => {
    expect(removalOf(effects({ kind: "agreement", reference: "AG2", date: "2026-02-10", revisions: 2 })).message).toBe(
      "The agreement of 10 February 2026 leaves this partnership’s record, with its 2 revisions. The removal is kept in the portfolio’s history.",
    );
    expect(removalOf(effects({ kind: "agreement", reference: "AG3", revisions: 1 })).message).toContain("with its revision.");
    const plain = removalOf(effects({ kind: "agreement", reference: "AG1" }));
    expect(plain.message).not.toContain("revision");
    expect(plain.done).toBe("Removed agreement AG1.");
  });

  it("says an action's health check changes for the evidence made from the check", () => {
    const r = removalOf(
      effects({ kind: "action", reference: "AC1", label: "Book the room", evidence_source: "HC1", evidence_after: "changed", evidence: [made("E2", "HC1"), made("E3", "HC1")] }),
    );
    expect(r).toMatchObject({ kind: "action", heading: "actions-title", title: "Remove action AC1?" });
    expect(r.message).toContain("“Book the room” leaves the action plan.");
    expect(r.message).toContain("Evidence E2 and E3, made from health check HC1, stay as they were made, and will say the check has changed since.");
    expect(r.done).toBe("Removed action AC1. Evidence E2 and E3 stay, and say health check HC1 has changed since.");
    const alone = removalOf(effects({ kind: "action", reference: "AC2", label: "Ring Jo", evidence_source: null, evidence_after: "changed" }));
    expect(alone.done).toBe("Removed action AC2.");
    expect(alone.message).toBe("“Ring Jo” leaves the action plan. The removal is kept in the portfolio’s history.");
  });
});
