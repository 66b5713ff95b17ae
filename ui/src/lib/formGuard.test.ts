// Tests that a form with unsaved changes stops a screen change (and says
// so) instead of losing them, and lets go once saved or discarded.
import { describe, expect, it } from "vitest";
import { SaveRegistry } from "./autosave";
import { FormGuard } from "./formGuard";

describe("FormGuard", () => {
  it("says no to leaving while the form has changes, and tells the form", async () => {
    const registry = new SaveRegistry();
    let told = 0;
    const guard = new FormGuard(() => told++, registry);
    expect(await registry.flushAll()).toBe(true);
    guard.set(true);
    expect(registry.pending).toBe(true);
    expect(await registry.flushAll()).toBe(false);
    expect(await registry.flushAll()).toBe(false);
    expect(told).toBe(2);
  });

  it("lets go when the changes are undone, saved or discarded", async () => {
    const registry = new SaveRegistry();
    const guard = new FormGuard(() => {}, registry);
    guard.set(true);
    guard.set(false);
    expect(await registry.flushAll()).toBe(true);
    guard.set(true);
    guard.release();
    expect(registry.size).toBe(0);
    expect(await registry.flushAll()).toBe(true);
  });

  it("comes back into the registry when changed again after a flush", async () => {
    const registry = new SaveRegistry();
    const guard = new FormGuard(() => {}, registry);
    guard.set(false);
    await registry.flushAll();
    guard.set(true);
    expect(await registry.flushAll()).toBe(false);
  });
});
