// Tests that each screen of a portfolio is placed under the right tab, with
// the crumbs and window title it had when each screen drew its own.
import { describe, expect, it, vi } from "vitest";
import { isPortfolioRoute, portfolioCrumbs, portfolioPlace } from "./place";
import { router } from "./router.svelte";

const labels = (r: Parameters<typeof portfolioPlace>[0]) => portfolioPlace(r).crumbs.map((c) => c.label);

describe("portfolioPlace", () => {
  it("puts the item and profile pages under the overview", () => {
    expect(portfolioPlace({ screen: "overview", id: "a" })).toEqual({ tab: "overview", crumbs: [], title: [] });
    expect(portfolioPlace({ screen: "item", id: "a", item: "P4" }).tab).toBe("overview");
    expect(labels({ screen: "item", id: "a", item: "P4" })).toEqual(["P4"]);
    expect(portfolioPlace({ screen: "item", id: "a", item: "P4" }).title).toEqual(["P4"]);
    expect(portfolioPlace({ screen: "profile", id: "a" })).toMatchObject({ tab: "overview", title: ["Profile"] });
  });

  it("puts a piece of evidence and its form under Evidence, with a way back to the library", async () => {
    const view = portfolioPlace({ screen: "evidence-view", id: "a", reference: "E3" });
    expect(view.tab).toBe("evidence");
    expect(view.crumbs.map((c) => c.label)).toEqual(["Evidence", "E3"]);
    expect(view.crumbs[0]!.testid).toBe("back-to-evidence");
    view.crumbs[0]!.onclick!();
    await vi.waitFor(() => expect(router.current).toEqual({ screen: "evidence", id: "a" }));
    expect(view.title).toEqual(["E3"]);
    expect(labels({ screen: "evidence-edit", id: "a", reference: "E3" })).toEqual(["Evidence", "Change E3"]);
    expect(portfolioPlace({ screen: "evidence-edit", id: "a", reference: null }).title).toEqual(["New evidence"]);
    expect(portfolioPlace({ screen: "evidence", id: "a" }).title).toEqual(["Evidence"]);
  });

  it("names the other tabs", () => {
    for (const [screen, label] of [
      ["coverage", "Coverage"],
      ["witnesses", "Witnesses"],
      ["assessment", "Assessment"],
      ["check", "Check"],
    ] as const) {
      expect(portfolioPlace({ screen, id: "a" })).toEqual({ tab: screen, crumbs: [{ label }], title: [label] });
    }
  });

  it("puts a partnership, the partner form and the health check under Partnerships, with a way back", async () => {
    expect(portfolioPlace({ screen: "partnerships", id: "a" })).toEqual({
      tab: "partnerships",
      crumbs: [{ label: "Partnerships" }],
      title: ["Partnerships"],
    });
    const page = portfolioPlace({ screen: "partnership", id: "a", reference: "PT2" });
    expect(page.tab).toBe("partnerships");
    expect(page.crumbs.map((c) => c.label)).toEqual(["Partnerships", "PT2"]);
    page.crumbs[0]!.onclick!();
    await vi.waitFor(() => expect(router.current).toEqual({ screen: "partnerships", id: "a" }));
    expect(labels({ screen: "partner-edit", id: "a", reference: null })).toEqual(["Partnerships", "New partner"]);
    expect(labels({ screen: "partner-edit", id: "a", reference: "PT2" })).toEqual(["Partnerships", "Change PT2"]);
    expect(portfolioPlace({ screen: "health-check-entry", id: "a", partner: "PT2" })).toMatchObject({
      tab: "partnerships",
      title: ["Health check of PT2"],
    });
    expect(labels({ screen: "health-check-entry", id: "a", partner: "PT2", check: "HC3", respondent: "Jo" })).toEqual([
      "Partnerships",
      "Change answers in HC3",
    ]);
  });

  it("tells the portfolio's screens from the library's", () => {
    expect(isPortfolioRoute({ screen: "home" })).toBe(false);
    expect(isPortfolioRoute({ screen: "new" })).toBe(false);
    expect(isPortfolioRoute({ screen: "check", id: "a" })).toBe(true);
  });
});

describe("portfolioCrumbs", () => {
  it("leads back to the library and the overview, naming an untitled portfolio", () => {
    const crumbs = portfolioCrumbs("a", "", { label: "Check" });
    expect(crumbs.map((c) => [c.label, c.testid])).toEqual([
      ["Your portfolios", "back-to-library"],
      ["Portfolio", "back-to-overview"],
      ["Check", undefined],
    ]);
  });
});
