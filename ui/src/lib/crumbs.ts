// The breadcrumb trail of a screen inside a portfolio: "Your portfolios ›
// <the portfolio> › …", whose first two steps lead back to the library and
// to the portfolio's overview.
import type { Crumb } from "../components/TopBar.svelte";
import { navigate } from "./router.svelte";

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
