// The app's screens as plain data (no router library): which screen, for
// which portfolio, item or piece of evidence. Pure, so it can be tested
// without a browser.

export type Route =
  | { screen: "home" }
  | { screen: "new" }
  /** Help, and the screen it was opened from (where "Back" leads). */
  | { screen: "help"; from: Route }
  | { screen: "overview"; id: string }
  | { screen: "item"; id: string; item: string }
  | { screen: "profile"; id: string }
  | { screen: "evidence"; id: string }
  | { screen: "evidence-view"; id: string; reference: string }
  /**
   * The evidence form: a new record (`reference` null), pre-mapped to
   * `item` and with `files` already chosen if given, or an existing one.
   * `back` is where Cancel and Save lead (default: the library or the record).
   */
  | {
      screen: "evidence-edit";
      id: string;
      reference: string | null;
      item?: string | null;
      files?: string[];
      back?: Route;
    }
  | { screen: "coverage"; id: string }
  | { screen: "witnesses"; id: string }
  | { screen: "assessment"; id: string }
  /** The assessment plan (issue 12): its lines, each side's acceptance. */
  | { screen: "plan"; id: string }
  /** Progress reviews (issue 12): the list, add one, countersign. */
  | { screen: "reviews"; id: string }
  | { screen: "check"; id: string }
  | { screen: "partnerships"; id: string }
  | { screen: "partnership"; id: string; reference: string }
  /** The partner form: a new partner (`reference` null) or an existing one. */
  | { screen: "partner-edit"; id: string; reference: string | null }
  /**
   * Answers to a partnership's health check, one respondent at a time; or,
   * with `check` and `respondent`, that respondent's answers to change.
   */
  | { screen: "health-check-entry"; id: string; partner: string; check?: string; respondent?: string };

/** A stable key: a new key means a new screen (fresh state, focus moves). */
export function routeKey(r: Route): string {
  switch (r.screen) {
    case "home":
      return "home";
    case "new":
      return "new";
    case "help":
      return "help";
    case "item":
      return `item/${r.id}/${r.item}`;
    case "evidence-view":
      return `evidence-view/${r.id}/${r.reference}`;
    case "evidence-edit":
      return `evidence-edit/${r.id}/${r.reference ?? "new"}/${r.item ?? ""}`;
    case "partnership":
      return `partnership/${r.id}/${r.reference}`;
    case "partner-edit":
      return `partner-edit/${r.id}/${r.reference ?? "new"}`;
    case "health-check-entry":
      return `health-check-entry/${r.id}/${r.partner}/${r.check ?? ""}/${r.respondent ?? ""}`;
    default:
      return `${r.screen}/${r.id}`;
  }
}

/** The window's title for a screen, most specific part first. */
export function windowTitle(parts: readonly (string | null | undefined)[]): string {
  return [...parts.filter((p): p is string => !!p && p.trim() !== ""), "Partnership Portfolio"].join(
    " – ",
  );
}
