// Tests of screen keys and window titles.
import { describe, expect, it } from "vitest";
import { routeKey, windowTitle } from "./route";

describe("routeKey", () => {
  it("differs for each item so the item page starts fresh", () => {
    expect(routeKey({ screen: "item", id: "a", item: "P4" })).not.toBe(
      routeKey({ screen: "item", id: "a", item: "P5" }),
    );
    expect(routeKey({ screen: "overview", id: "a" })).not.toBe(routeKey({ screen: "overview", id: "b" }));
    expect(routeKey({ screen: "home" })).toBe("home");
  });
});

describe("windowTitle", () => {
  it("joins the parts that are there, app name last", () => {
    expect(windowTitle(["P4", "", null, "Siân – CLDAL16"])).toBe("P4 – Siân – CLDAL16 – Partnership Portfolio");
    expect(windowTitle([])).toBe("Partnership Portfolio");
  });
});
