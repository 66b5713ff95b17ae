import { describe, expect, it } from "vitest";
import { saves } from "./autosave";
import { UnsavedForm } from "./unsaved.svelte";

describe("UnsavedForm", () => {
  it("holds back leaving while the form differs from where it started, and says so", async () => {
    const form = new UnsavedForm();
    form.start({ items: "", note: "" });
    expect(await saves.flushAll()).toBe(true);
    form.update({ items: "P1", note: "" });
    expect(await saves.flushAll()).toBe(false);
    expect(form.blocked).toBe(true);
    form.update({ items: "", note: "" });
    expect(form.blocked).toBe(false);
    expect(await saves.flushAll()).toBe(true);
    form.update({ items: "P2", note: "" });
    form.start({ items: "P2", note: "" }); // saved
    expect(await saves.flushAll()).toBe(true);
    form.update({ items: "P3", note: "" });
    form.release();
    expect(await saves.flushAll()).toBe(true);
  });
});
