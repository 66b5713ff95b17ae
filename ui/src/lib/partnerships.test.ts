// Tests of the Partnerships screens' logic: the words for bands, means,
// changes and what is overdue; the chart's geometry on the 1–5 scale; the
// stakeholder map's quadrants; the partner form's rules and the health
// check answers as sent.
import { describe, expect, it } from "vitest";
import type { HealthCheckElementResult } from "./bindings/HealthCheckElementResult";
import type { HealthCheckTemplate } from "./bindings/HealthCheckTemplate";
import type { StakeholderMap } from "./bindings/StakeholderMap";
import {
  bandLabel,
  blankAnswers,
  blankPartner,
  CHART,
  changeText,
  chartOf,
  cleanPartner,
  MAP,
  mapCells,
  meanText,
  overdueText,
  placeProblem,
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
});
