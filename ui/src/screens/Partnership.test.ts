// Tests of the Partnerships screens in jsdom with the shell's commands
// answered by the test: a partnership's page shows a health check's flag in
// words, its chart and its table; revising an agreement sends only what
// changed, with what and why; a note is changed in its own form, and a
// respondent's answers on the entry screen filled with them (leaving with
// either, or with a note being added, unsaved held back); a removal is asked first, saying what goes
// and what becomes of the evidence made from it, then said in a notice with
// focus on the section's heading; an assessor's copy offers no way to add
// or change anything.
import { flushSync } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Agreement } from "../lib/bindings/Agreement";
import { saves } from "../lib/autosave";
import type { HealthCheck } from "../lib/bindings/HealthCheck";
import type { Note } from "../lib/bindings/Note";
import type { Partnership } from "../lib/bindings/Partnership";
import type { PartnershipRemovalEffects } from "../lib/bindings/PartnershipRemovalEffects";
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
const note: Note = { reference: "N1", number: 1, partner: "PT1", kind: "meeting", kind_label: "Meeting", date: "2026-03-05", text: "Planned the term.", participants: ["Jo"], created_at: "", updated_at: "" };
const partnership = (): Partnership => ({
  partner: { ...heading, role: "", interests: "", services: "", info_needs: "", info_shared: "", info_withheld: "", interest: "high", influence: "low", contacts: [], created_at: "", updated_at: "" },
  notes: [note],
  agreements: [agreement],
  health_checks: [check],
  actions: [
    { reference: "AC1", number: 1, partner: "PT1", health_check: "HC1", action: "Book the room", element: "goals", element_name: "Clear shared goals", owner: "Siân", due: "2026-12-01", done_on: null, overdue: false, created_at: "", updated_at: "" },
  ],
  evidence: [{ evidence: "E4", title: "Meeting with Riverside Library", source: "N1", status: "unchanged" }],
});
/** What the core says removing each record would do. */
const effects = (reference: string): PartnershipRemovalEffects => {
  const base = { reference, partner: "PT1", date: "2026-03-01", label: "", revisions: 0, respondents: [], actions_kept: [], evidence: [], evidence_source: reference, evidence_after: "removed" as const };
  switch (reference) {
    case "N1":
      return { ...base, kind: "note", date: note.date, label: note.kind_label, evidence: partnership().evidence };
    case "AG1":
      return { ...base, kind: "agreement" };
    case "HC1":
      return { ...base, kind: "health_check", respondents: ["Siân", "Jo"], actions_kept: ["AC1"] };
    default:
      return { ...base, kind: "action", label: "Book the room", evidence_source: "HC1", evidence_after: "changed" };
  }
};
const type = (id: string, value: string) => {
  const el = byTestId<HTMLInputElement | HTMLTextAreaElement>(id);
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
};
const template = { version: 1, title: "", introduction: "", scale: [], dont_know: "Don't know", reading: "How to read it.", elements: [] };

function answers(role: "learner" | "assessor" = "learner") {
  return {
    ...portfolioAnswers(role),
    get_partnership: () => partnership(),
    get_removal_effects: ({ reference }) => effects(reference as string),
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

describe("changing a note", () => {
  it("opens its own form with the note as it is, holds back leaving unsaved, and sends every field", async () => {
    const a = answers();
    a.update_partnership_note = (args) => ({ ...note, ...(args.input as object) });
    app = runApp({ screen: "partnership", id: "p1", reference: "PT1" }, a);
    await vi.waitFor(() => byTestId("note-edit"));
    expect(byTestId("note-edit").getAttribute("aria-label")).toBe("Change note N1");
    byTestId<HTMLButtonElement>("note-edit").click();
    await vi.waitFor(() => expect(document.activeElement?.id).toBe("note-edit-title"));
    expect(byTestId<HTMLTextAreaElement>("note-edit-text").value).toBe("Planned the term.");
    expect(byTestId<HTMLInputElement>("note-edit-with").value).toBe("Jo");
    expect(byTestId<HTMLSelectElement>("note-edit-kind").value).toBe("meeting");
    expect(await saves.flushAll()).toBe(true);
    type("note-edit-text", "Planned the term with the library.");
    type("note-edit-with", "Jo, Eleri Hughes");
    flushSync();
    expect(await saves.flushAll()).toBe(false);
    flushSync();
    expect(byTestId("form-blocked").textContent).toContain("Save the note");
    byTestId<HTMLButtonElement>("note-edit-save").click();
    await vi.waitFor(() => expect(app!.count("update_partnership_note")).toBe(1));
    expect(app.calls.find(([c]) => c === "update_partnership_note")![1]).toEqual({
      id: "p1",
      reference: "N1",
      input: { kind: "meeting", date: "2026-03-05", text: "Planned the term with the library.", participants: ["Jo", "Eleri Hughes"] },
    });
    await vi.waitFor(() => expect(byTestId("notice").textContent).toContain("Changed note N1."));
    expect(document.querySelector("[data-testid=note-edit-form]")).toBeNull();
    expect(document.activeElement).toBe(byTestId("note-edit"));
    expect(app.count("get_partnership")).toBe(2);
    expect(await saves.flushAll()).toBe(true);
  });

  it("keeps the form and what was typed when the core refuses it, and cancelling sends nothing", async () => {
    const a = answers();
    a.update_partnership_note = () => {
      throw { code: "invalid_input", message: "A note needs some text: what happened." };
    };
    app = runApp({ screen: "partnership", id: "p1", reference: "PT1" }, a);
    await vi.waitFor(() => byTestId("note-edit"));
    byTestId<HTMLButtonElement>("note-edit").click();
    await vi.waitFor(() => byTestId("note-edit-form"));
    type("note-edit-text", " ");
    flushSync();
    byTestId<HTMLButtonElement>("note-edit-save").click();
    await vi.waitFor(() => expect(byTestId("note-edit-form").textContent).toContain("A note needs some text"));
    expect(byTestId<HTMLTextAreaElement>("note-edit-text").value).toBe(" ");
    byTestId<HTMLButtonElement>("note-edit-cancel").click();
    await vi.waitFor(() => expect(document.querySelector("[data-testid=note-edit-form]")).toBeNull());
    expect(app.count("get_partnership")).toBe(1);
    expect(await saves.flushAll()).toBe(true);
  });
});

describe("adding a note", () => {
  it("holds back leaving with what was typed unsaved, says why in the dialog, and Cancel discards it", async () => {
    app = runApp({ screen: "partnership", id: "p1", reference: "PT1" }, answers());
    await vi.waitFor(() => byTestId("add-note"));
    byTestId<HTMLButtonElement>("add-note").click();
    await vi.waitFor(() => expect(byTestId<HTMLDialogElement>("note-dialog").open).toBe(true));
    expect(await saves.flushAll()).toBe(true);
    type("note-text", "Met Jo about the room.");
    flushSync();
    expect(await saves.flushAll()).toBe(false);
    flushSync();
    expect(byTestId("note-dialog").querySelector("[data-testid=form-blocked]")?.textContent).toContain("“Add note”");
    type("note-text", "");
    flushSync();
    expect(await saves.flushAll()).toBe(true);
    type("note-text", "Met Jo again.");
    flushSync();
    byTestId<HTMLButtonElement>("note-cancel").click();
    await vi.waitFor(() => expect(byTestId<HTMLDialogElement>("note-dialog").open).toBe(false));
    expect(await saves.flushAll()).toBe(true);
    expect(app.count("add_partnership_note")).toBe(0);
  });

  it("lets the screen go once the note is added", async () => {
    const a = answers();
    a.add_partnership_note = (args) => ({ ...note, ...(args.input as object) });
    app = runApp({ screen: "partnership", id: "p1", reference: "PT1" }, a);
    await vi.waitFor(() => byTestId("add-note"));
    byTestId<HTMLButtonElement>("add-note").click();
    await vi.waitFor(() => expect(byTestId<HTMLDialogElement>("note-dialog").open).toBe(true));
    type("note-text", "Met Jo about the room.");
    flushSync();
    byTestId<HTMLButtonElement>("note-save").click();
    await vi.waitFor(() => expect(byTestId<HTMLDialogElement>("note-dialog").open).toBe(false));
    expect(app.count("add_partnership_note")).toBe(1);
    expect(await saves.flushAll()).toBe(true);
  });
});

describe("changing a respondent's answers", () => {
  const twoStatements = {
    ...template,
    scale: [{ score: 1, label: "Strongly disagree" }],
    elements: [{ id: "goals", name: "Clear shared goals", healthy: "", statements: [{ id: "goals.1", text: "We agree what it is for." }, { id: "goals.2", text: "The goals are realistic." }] }],
  };
  const answered = (): HealthCheck => ({
    ...check,
    respondents: [
      check.respondents[0]!,
      {
        respondent: "Jo",
        scored: 1,
        dont_know: 1,
        answers: [
          { statement_id: "goals.1", element: "goals", score: 4, comment: "Mostly." },
          { statement_id: "goals.2", element: "goals", score: null, comment: "" },
        ],
      },
    ],
  });
  const opened = async (a: ReturnType<typeof answers>) => {
    a.health_check_template = () => twoStatements;
    a.get_partner = () => partnership().partner;
    a.get_health_check = () => answered();
    app = runApp({ screen: "partnership", id: "p1", reference: "PT1" }, a);
    await vi.waitFor(() => byTestId("answers-edit"));
    const jo = document.querySelector<HTMLButtonElement>('[data-testid=answers-edit][data-respondent="Jo"]')!;
    expect(jo.getAttribute("aria-label")).toBe("Change Jo’s answers in HC1");
    jo.click();
    await vi.waitFor(() => byTestId("answers-of"));
  };

  it("opens the same fields filled with them, holds back leaving unsaved, and sends them whole", async () => {
    const a = answers();
    a.change_health_check_answers = () => answered();
    await opened(a);
    expect(byTestId("answers-of").textContent).toContain("Jo");
    expect(document.querySelector("[data-testid=respondent]")).toBeNull();
    expect(byTestId<HTMLInputElement>("answer-goals.1-4").checked).toBe(true);
    expect(byTestId<HTMLInputElement>("answer-goals.2-dk").checked).toBe(true);
    expect((document.getElementById("comment-goals.1") as HTMLInputElement).value).toBe("Mostly.");
    expect(await saves.flushAll()).toBe(true);
    byTestId<HTMLInputElement>("answer-goals.2-5").click();
    flushSync();
    expect(await saves.flushAll()).toBe(false);
    flushSync();
    expect(byTestId("form-blocked").textContent).toContain("Save the changes");
    byTestId<HTMLButtonElement>("save-respondent").click();
    await vi.waitFor(() => expect(app!.count("change_health_check_answers")).toBe(1));
    expect(app!.calls.find(([c]) => c === "change_health_check_answers")![1]).toEqual({
      id: "p1",
      reference: "HC1",
      respondent: "Jo",
      answers: [
        { statement_id: "goals.1", score: 4, comment: "Mostly." },
        { statement_id: "goals.2", score: 5, comment: "" },
      ],
    });
    await vi.waitFor(() => expect(byTestId("notice").textContent).toContain("Changed Jo’s answers in health check HC1."));
    expect(document.querySelector("[data-testid=health-check-entry]")).toBeNull();
    expect(await saves.flushAll()).toBe(true);
  });

  it("keeps what was chosen when the core refuses it, and Cancel leaves without it", async () => {
    const a = answers();
    a.change_health_check_answers = () => {
      throw { code: "not_found", message: "Nobody called “Jo” answered health check HC1." };
    };
    await opened(a);
    byTestId<HTMLInputElement>("answer-goals.1-2").click();
    flushSync();
    byTestId<HTMLButtonElement>("save-respondent").click();
    await vi.waitFor(() => expect(byTestId("health-check-entry").textContent).toContain("Nobody called “Jo” answered"));
    expect(byTestId<HTMLInputElement>("answer-goals.1-2").checked).toBe(true);
    byTestId<HTMLButtonElement>("check-done").click();
    await vi.waitFor(() => byTestId("partnership"));
    expect(app!.count("change_health_check_answers")).toBe(1);
    expect(await saves.flushAll()).toBe(true);
  });
});

describe("removing a partnership's record", () => {
  it("asks first, saying the evidence made from it stays, and cancelling sends nothing", async () => {
    app = runApp({ screen: "partnership", id: "p1", reference: "PT1" }, answers());
    await vi.waitFor(() => byTestId("note-remove"));
    expect(byTestId("note-remove").getAttribute("aria-label")).toBe("Remove note N1");
    byTestId<HTMLButtonElement>("note-remove").click();
    await vi.waitFor(() => expect(byTestId<HTMLDialogElement>("confirm-dialog").open).toBe(true));
    expect(app.calls.find(([c]) => c === "get_removal_effects")![1]).toEqual({ id: "p1", reference: "N1" });
    const asked = byTestId("confirm-dialog").textContent!;
    expect(asked).toContain("Remove note N1?");
    expect(asked).toContain("Evidence E4, made from it, stays as it was made, and will say its source has been removed.");
    expect(document.activeElement).toBe(byTestId("confirm-cancel"));
    byTestId<HTMLButtonElement>("confirm-cancel").click();
    await vi.waitFor(() => expect(byTestId<HTMLDialogElement>("confirm-dialog").open).toBe(false));
    expect(app.calls.filter(([c]) => c.startsWith("remove_"))).toEqual([]);
  });

  for (const [button, command, reference, heading, gone] of [
    ["note-remove", "remove_partnership_note", "N1", "notes-title", "notes"],
    ["action-remove", "remove_partnership_action", "AC1", "actions-title", "actions"],
    ["agreement-remove", "remove_agreement", "AG1", "agreements-title", "agreements"],
    ["check-remove", "remove_health_check", "HC1", "checks-title", "health_checks"],
  ] as const) {
    it(`removes ${reference} once confirmed, shows the page as it is after, says so and puts focus on the section's heading`, async () => {
      const a = answers();
      a[command] = () => ({ ...partnership(), [gone]: [] });
      app = runApp({ screen: "partnership", id: "p1", reference: "PT1" }, a);
      await vi.waitFor(() => byTestId(button));
      byTestId<HTMLButtonElement>(button).click();
      await vi.waitFor(() => expect(byTestId<HTMLDialogElement>("confirm-dialog").open).toBe(true));
      byTestId<HTMLButtonElement>("confirm-ok").click();
      await vi.waitFor(() => expect(app!.count(command)).toBe(1));
      expect(app.calls.find(([c]) => c === command)![1]).toEqual({ id: "p1", reference });
      await vi.waitFor(() => expect(byTestId("notice").textContent).toContain(`Removed`));
      expect(byTestId("notice").textContent).toContain(reference);
      expect(byTestId<HTMLDialogElement>("confirm-dialog").open).toBe(false);
      expect(document.querySelector(`[data-testid=${button}]`)).toBeNull();
      await vi.waitFor(() => expect(document.activeElement?.id).toBe(heading));
      expect(app.count("get_partnership")).toBe(1);
    });
  }

  it("keeps the dialog open with the reason when the removal is refused", async () => {
    const a = answers();
    a.remove_agreement = () => {
      throw { code: "not_found", message: "There is no agreement AG1 in this portfolio." };
    };
    app = runApp({ screen: "partnership", id: "p1", reference: "PT1" }, a);
    await vi.waitFor(() => byTestId("agreement-remove"));
    byTestId<HTMLButtonElement>("agreement-remove").click();
    await vi.waitFor(() => expect(byTestId<HTMLDialogElement>("confirm-dialog").open).toBe(true));
    byTestId<HTMLButtonElement>("confirm-ok").click();
    await vi.waitFor(() => expect(byTestId("confirm-dialog").textContent).toContain("There is no agreement AG1"));
    expect(byTestId<HTMLDialogElement>("confirm-dialog").open).toBe(true);
    expect(document.querySelector("[data-testid=agreement]")).not.toBeNull();
  });
});

describe("asking what a removal would do", () => {
  it("says why when the core cannot answer, and opens no confirmation", async () => {
    const a = answers();
    a.get_removal_effects = () => {
      throw { code: "not_found", message: "There is no note N1 in this portfolio." };
    };
    app = runApp({ screen: "partnership", id: "p1", reference: "PT1" }, a);
    await vi.waitFor(() => byTestId("note-remove"));
    byTestId<HTMLButtonElement>("note-remove").click();
    await vi.waitFor(() => expect(document.body.textContent).toContain("There is no note N1 in this portfolio."));
    expect(byTestId<HTMLDialogElement>("confirm-dialog").open).toBe(false);
    expect(app.calls.filter(([c]) => c.startsWith("remove_"))).toEqual([]);
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
    for (const id of [
      "edit-partner",
      "add-agreement",
      "revise-agreement",
      "add-health-check",
      "add-action",
      "add-note",
      "check-evidence",
      "note-edit",
      "note-remove",
      "agreement-remove",
      "check-remove",
      "action-remove",
    ]) {
      expect(document.querySelector(`[data-testid=${id}]`), id).toBeNull();
    }
  });
});
