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

  it("tells the evidence screens apart, and a new record from an existing one", () => {
    const keys = [
      routeKey({ screen: "evidence", id: "a" }),
      routeKey({ screen: "coverage", id: "a" }),
      routeKey({ screen: "witnesses", id: "a" }),
      routeKey({ screen: "assessment", id: "a" }),
      routeKey({ screen: "check", id: "a" }),
      routeKey({ screen: "evidence-view", id: "a", reference: "E1" }),
      routeKey({ screen: "evidence-edit", id: "a", reference: "E1" }),
      routeKey({ screen: "evidence-edit", id: "a", reference: null }),
      routeKey({ screen: "evidence-edit", id: "a", reference: null, item: "P4" }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("keeps the key when only the files handed to a new record differ", () => {
    expect(routeKey({ screen: "evidence-edit", id: "a", reference: null, files: ["/x.png"] })).toBe(
      routeKey({ screen: "evidence-edit", id: "a", reference: null }),
    );
  });
});

describe("windowTitle", () => {
  it("joins the parts that are there, app name last", () => {
    expect(windowTitle(["P4", "", null, "Siân – CLDAL16"])).toBe("P4 – Siân – CLDAL16 – Partnership Portfolio");
    expect(windowTitle([])).toBe("Partnership Portfolio");
  });
});
