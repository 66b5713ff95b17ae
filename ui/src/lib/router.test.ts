// Tests that changing screen waits for saves and stays put when one fails,
// so unsaved writing never disappears behind a screen change.
import { describe, expect, it } from "vitest";
import { Autosave, saves } from "./autosave";
import { navigate, router } from "./router.svelte";

describe("navigate", () => {
  it("saves pending edits first, then changes screen", async () => {
    const written: string[] = [];
    const a = new Autosave<string>("", {
      save: async (v) => {
        written.push(v);
      },
      delayMs: 500,
    });
    a.set("typed just before clicking Next");
    expect(await navigate({ screen: "overview", id: "p1" })).toBe(true);
    expect(written).toEqual(["typed just before clicking Next"]);
    expect(router.current).toEqual({ screen: "overview", id: "p1" });
    expect(saves.pending).toBe(false);
  });

  it("stays on the screen when a save fails, keeping the text", async () => {
    let fail = true;
    const a = new Autosave<string>("", {
      save: async () => {
        if (fail) throw { code: "io", message: "The disk is full; nothing was saved." };
      },
      delayMs: 500,
    });
    router.current = { screen: "item", id: "p1", item: "P4" };
    a.set("words that must not be lost");
    expect(await navigate({ screen: "item", id: "p1", item: "P5" })).toBe(false);
    expect(router.current).toEqual({ screen: "item", id: "p1", item: "P4" });
    expect(a.value).toBe("words that must not be lost");
    expect(a.status.state).toBe("error");
    expect(router.leaving).toBe(false);
    fail = false;
    expect(await navigate({ screen: "item", id: "p1", item: "P5" })).toBe(true);
    expect(router.current).toEqual({ screen: "item", id: "p1", item: "P5" });
  });
});
