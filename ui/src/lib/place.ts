// Where a screen inside a portfolio is, worked out from its route alone:
// which tab of the portfolio's navigation it belongs to, the breadcrumb
// trail after "Your portfolios › <the portfolio>", and the window title's
// parts before the portfolio's name. The portfolio frame draws all three.
import type { Crumb } from "../components/TopBar.svelte";
import type { Route } from "./route";
import { navigate } from "./router.svelte";

export type PortfolioTab =
  | "overview"
  | "evidence"
  | "partnerships"
  | "coverage"
  | "witnesses"
  | "assessment"
  | "plan"
  | "check";

/** A route inside a portfolio (every route but the library, "new" and Help). */
export type PortfolioRoute = Exclude<Route, { screen: "home" } | { screen: "new" } | { screen: "help" }>;

export interface Place {
  tab: PortfolioTab;
  /** The crumbs after the portfolio's own. */
  crumbs: Crumb[];
  /** The window title's parts before the portfolio's name. */
  title: string[];
}

export function isPortfolioRoute(route: Route): route is PortfolioRoute {
  return route.screen !== "home" && route.screen !== "new" && route.screen !== "help";
}

const LABELS: Record<Exclude<PortfolioTab, "overview" | "evidence">, string> = {
  partnerships: "Partnerships",
  coverage: "Coverage",
  witnesses: "Witnesses",
  assessment: "Assessment",
  plan: "Assessment plan",
  check: "Check",
};

export function portfolioPlace(route: PortfolioRoute): Place {
  const evidence: Crumb = {
    label: "Evidence",
    onclick: () => void navigate({ screen: "evidence", id: route.id }),
    testid: "back-to-evidence",
  };
  const partnerships: Crumb = {
    label: "Partnerships",
    onclick: () => void navigate({ screen: "partnerships", id: route.id }),
    testid: "back-to-partnerships",
  };
  switch (route.screen) {
    case "overview":
      return { tab: "overview", crumbs: [], title: [] };
    case "item":
      return { tab: "overview", crumbs: [{ label: route.item }], title: [route.item] };
    case "reviews": {
      const plan: Crumb = {
        label: "Assessment plan",
        onclick: () => void navigate({ screen: "plan", id: route.id }),
        testid: "back-to-plan",
      };
      return { tab: "plan", crumbs: [plan, { label: "Progress reviews" }], title: ["Progress reviews"] };
    }
    case "profile":
      return { tab: "overview", crumbs: [{ label: "Profile" }], title: ["Profile"] };
    case "evidence":
      return { tab: "evidence", crumbs: [{ label: "Evidence" }], title: ["Evidence"] };
    case "evidence-view":
      return { tab: "evidence", crumbs: [evidence, { label: route.reference }], title: [route.reference] };
    case "evidence-edit": {
      const label = route.reference ? `Change ${route.reference}` : "New evidence";
      return { tab: "evidence", crumbs: [evidence, { label }], title: [label] };
    }
    case "partnership":
      return { tab: "partnerships", crumbs: [partnerships, { label: route.reference }], title: [route.reference] };
    case "partner-edit": {
      const label = route.reference ? `Change ${route.reference}` : "New partner";
      return { tab: "partnerships", crumbs: [partnerships, { label }], title: [label] };
    }
    case "health-check-entry": {
      const label = route.check ? `Change answers in ${route.check}` : `Health check of ${route.partner}`;
      return { tab: "partnerships", crumbs: [partnerships, { label }], title: [label] };
    }
    default: {
      const label = LABELS[route.screen];
      return { tab: route.screen, crumbs: [{ label }], title: [label] };
    }
  }
}

/** "Your portfolios › `title` › `rest`…". */
export function portfolioCrumbs(id: string, title: string | null | undefined, ...rest: Crumb[]): Crumb[] {
  return [
    { label: "Your portfolios", onclick: () => void navigate({ screen: "home" }), testid: "back-to-library" },
    {
      label: title || "Portfolio",
      onclick: () => void navigate({ screen: "overview", id }),
      testid: "back-to-overview",
    },
    ...rest,
  ];
}
