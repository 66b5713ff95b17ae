// Tests of the Partnerships screens in jsdom with the shell's commands
// answered by the test: a partnership's page shows a health check's flag in
// words, its chart and its table; revising an agreement sends only what
// changed, with what and why; an assessor's copy offers no way to add or
// change anything.
import { flushSync } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Agreement } from "../lib/bindings/Agreement";
import type { HealthCheck } from "../lib/bindings/HealthCheck";
import type { Partnership } from "../lib/bindings/Partnership";
import { byTestId, modalDialogs, portfolioAnswers, runApp, type Running } from "../test/app";

modalDialogs();

let app: Running | null = null;
afterEach(() => {
  app?.stop();
  app = null;
});

const heading = { reference: "PT1", number: 1, name: "Riverside Library", kind: "partner_agency", kind_label: "Partner agency" } as const;
const version = { version: 1, date: "2026-01-10", aims: "More adults reading", arrangements: "Monthly meeting", measures: "Sign-ups", monitoring: "Termly review", review_by: "2026-12-31", what_changed: "", why: "" };
const agreement: Agreement = { reference: "AG1", number: 1, partner: "PT1", partner_name: heading.name, agreed_on: "2026-01-10", current: version, versions: [version], overdue: false, created_at: "", updated_at: "" };
const result = (element: string, name: string, means: [number, number], flagged: boolean) => ({
  element,
  name,
  respondents: [
    { respondent: "Siân", mean: means[0], scored: 4, dont_know: 0 },
    { respondent: "Jo", mean: means[1], scored: 4, dont_know: 0 },
  ],
  mean: (means[0] + means[1]) / 2,
  scored: 8,
  band: "developing" as const,
  spread: { lowest: Math.min(...means), highest: Math.max(...means), difference: Math.abs(means[0] - means[1]), flagged },
  change: null,
  summary: "",
});
const check: HealthCheck = {
  reference: "HC1", number: 1, partner: "PT1", partner_name: heading.name, date: "2026-03-01", template_version: 1,
  respondents: [{ respondent: "Siân", answers: [], scored: 33, dont_know: 0 }, { respondent: "Jo", answers: [], scored: 33, dont_know: 0 }],
  results: [result("goals", "Clear shared goals", [4, 3.5], false), result("trust", "Trust and personal relationships", [4.5, 2], true)],
  previous: null, flagged: ["trust"], improved: [], declined: [], actions: [], summary: "Views differ on trust.", created_at: "", updated_at: "",
};
const partnership = (): Partnership => ({
  partner: { ...heading, role: "", interests: "", services: "", info_needs: "", info_shared: "", info_withheld: "", interest: "high", influence: "low", contacts: [], created_at: "", updated_at: "" },
  notes: [],
  agreements: [agreement],
  health_checks: [check],
  actions: [],
  evidence: [],
});
const template = { version: 1, title: "", introduction: "", scale: [], dont_know: "Don't know", reading: "How to read it.", elements: [] };

function answers(role: "learner" | "assessor" = "learner") {
  return {
    ...portfolioAnswers(role),
    get_partnership: () => partnership(),
    health_check_template: () => template,
    list_partners: () => [{ ...heading, interest: "high", influence: "low", notes: 0, agreements: 1, agreements_overdue: 1, health_checks: 1, latest_check: "2026-03-01", actions_open: 0, actions_overdue: 0 }],
    get_stakeholder_map: () => ({ quadrants: [{ interest: "high", influence: "low", title: "Keep informed", approach: "", partners: [heading] }], unplaced: [], text: "Riverside Library: high interest, low influence." }),
  } as ReturnType<typeof portfolioAnswers>;
}

describe("a partnership's page", () => {
  it("flags where views differ in words, and draws the chart with a table beside it", async () => {
    app = runApp({ screen: "partnership", id: "p1", reference: "PT1" }, answers());
    await vi.waitFor(() => byTestId("health-check"));
    expect(byTestId("check-flagged").textContent).toContain("Trust and personal relationships");
    const rows = [...document.querySelectorAll<SVGGElement>("[data-testid=chart-row]")];
    expect(rows.map((r) => r.dataset.element)).toEqual(["goals", "trust"]);
    expect(rows[1]!.querySelectorAll("circle")).toHaveLength(2);
    const trust = document.querySelector("[data-testid=result-row][data-element=trust]")!;
    expect(trust.textContent).toContain("3.25");
    expect(trust.textContent).toContain("Differ by 2.50");
  });

  it("revises an agreement with what changed and why, sending only the texts that changed", async () => {
    const a = answers();
    a.revise_agreement = () => agreement;
    app = runApp({ screen: "partnership", id: "p1", reference: "PT1" }, a);
    await vi.waitFor(() => byTestId("revise-agreement"));
    byTestId<HTMLButtonElement>("revise-agreement").click();
    flushSync();
    const type = (id: string, value: string) => {
      const el = byTestId<HTMLInputElement | HTMLTextAreaElement>(id);
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    };
    type("agreement-what", "Meetings every two months");
    type("agreement-why", "Both teams are smaller");
    type("agreement-arrangements", "Meeting every two months");
    flushSync();
    byTestId<HTMLButtonElement>("agreement-save").click();
    await vi.waitFor(() => expect(app!.count("revise_agreement")).toBe(1));
    const [, args] = app.calls.find(([c]) => c === "revise_agreement")!;
    expect(args).toMatchObject({
      reference: "AG1",
      input: { what_changed: "Meetings every two months", why: "Both teams are smaller", arrangements: "Meeting every two months", aims: null, review_by: null },
    });
    await vi.waitFor(() => expect(app!.count("get_partnership")).toBe(2));
  });
});

describe("an assessor's copy", () => {
  it("shows the register and a partnership without any way to add or change them", async () => {
    app = runApp({ screen: "partnerships", id: "p1" }, answers("assessor"));
    await vi.waitFor(() => byTestId("partner-list"));
    expect(byTestId("partner-overdue").textContent).toContain("1 overdue agreement");
    expect(document.querySelector("[data-testid=add-partner]")).toBeNull();
    expect(document.querySelectorAll("[data-testid=map-partner]")).toHaveLength(1);
    (document.querySelector("[data-testid=map-partner]") as unknown as SVGAElement).dispatchEvent(new MouseEvent("click", { bubbles: true }));
    await vi.waitFor(() => byTestId("health-check"));
    for (const id of ["edit-partner", "add-agreement", "revise-agreement", "add-health-check", "add-action", "add-note", "check-evidence"]) {
      expect(document.querySelector(`[data-testid=${id}]`), id).toBeNull();
    }
  });
});
