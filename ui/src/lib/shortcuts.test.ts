// Tests of the keyboard shortcuts' table: which key does what where.
import { describe, expect, it } from "vitest";
import { SHORTCUTS, shortcutFor } from "./shortcuts";
import { nextZoom } from "./zoom";
import type { Route } from "./route";

const key = (k: string, mods: Partial<Record<"ctrlKey" | "metaKey" | "altKey" | "shiftKey", boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const home: Route = { screen: "home" };
const overview: Route = { screen: "overview", id: "p1" };

describe("shortcutFor", () => {
  it("opens Help with F1 anywhere", () => {
    expect(shortcutFor(key("F1"), home, false)).toBe("help");
    expect(shortcutFor(key("F1"), overview, true)).toBe("help");
  });

  it("searches, adds evidence and exports in a portfolio", () => {
    expect(shortcutFor(key("f", { ctrlKey: true }), overview, false)).toBe("search");
    expect(shortcutFor(key("n", { ctrlKey: true }), overview, false)).toBe("new-evidence");
    expect(shortcutFor(key("P", { ctrlKey: true }), overview, false)).toBe("export-pdf");
  });

  it("adds no evidence in an assessor's copy, and starts a portfolio on the home screen", () => {
    expect(shortcutFor(key("n", { ctrlKey: true }), overview, true)).toBeNull();
    expect(shortcutFor(key("n", { ctrlKey: true }), home, false)).toBe("new-portfolio");
    expect(shortcutFor(key("f", { ctrlKey: true }), home, false)).toBeNull();
  });

  it("zooms with Ctrl and plus, minus or nought, anywhere", () => {
    expect(shortcutFor(key("=", { ctrlKey: true }), home, false)).toBe("zoom-in");
    expect(shortcutFor(key("+", { ctrlKey: true, shiftKey: true }), overview, false)).toBe("zoom-in");
    expect(shortcutFor(key("-", { ctrlKey: true }), overview, true)).toBe("zoom-out");
    expect(shortcutFor(key("0", { ctrlKey: true }), overview, true)).toBe("zoom-reset");
    expect(shortcutFor(key("="), overview, true)).toBeNull();
  });

  it("leaves plain typing and other combinations alone", () => {
    expect(shortcutFor(key("f"), overview, false)).toBeNull();
    expect(shortcutFor(key("f", { ctrlKey: true, altKey: true }), overview, false)).toBeNull();
    expect(shortcutFor(key("f", { ctrlKey: true, shiftKey: true }), overview, false)).toBeNull();
  });

  it("lists every shortcut it acts on", () => {
    const listed = SHORTCUTS.map((s) => s.keys);
    for (const k of ["F1", "Ctrl+F", "Ctrl+N", "Ctrl+P", "Ctrl+S", "Esc"]) expect(listed).toContain(k);
  });
});

describe("nextZoom", () => {
  it("steps in and out through the levels, stopping at the ends, and resets to 100 %", () => {
    let z = 1;
    for (let i = 0; i < 5; i++) z = nextZoom(z, 1);
    expect(z).toBe(2);
    expect(nextZoom(3, 1)).toBe(3);
    expect(nextZoom(0.8, -1)).toBe(0.8);
    expect(nextZoom(1.75, 0)).toBe(1);
  });
});
