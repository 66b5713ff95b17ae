// The app's screens as plain data (no router library): which screen, for
// which portfolio and item. Pure, so it can be tested without a browser.

export type Route =
  | { screen: "home" }
  | { screen: "new" }
  | { screen: "overview"; id: string }
  | { screen: "item"; id: string; item: string }
  | { screen: "profile"; id: string };

/** A stable key: a new key means a new screen (fresh state, focus moves). */
export function routeKey(r: Route): string {
  switch (r.screen) {
    case "home":
      return "home";
    case "new":
      return "new";
    case "overview":
      return `overview/${r.id}`;
    case "item":
      return `item/${r.id}/${r.item}`;
    case "profile":
      return `profile/${r.id}`;
  }
}

/** The window's title for a screen, most specific part first. */
export function windowTitle(parts: readonly (string | null | undefined)[]): string {
  return [...parts.filter((p): p is string => !!p && p.trim() !== ""), "Partnership Portfolio"].join(
    " – ",
  );
}
