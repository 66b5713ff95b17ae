// Tests of closing the window mid-edit: saves are flushed before the window
// is destroyed, and a failed or hung save keeps the window open.
import { afterEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { Autosave, SaveRegistry } from "./autosave";
import { decideClose, installCloseGuard } from "./closeGuard";

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

describe("decideClose", () => {
  it("closes when everything saved", async () => {
    expect(await decideClose(async () => true)).toBe("close");
  });
  it("stays when a save failed or threw", async () => {
    expect(await decideClose(async () => false)).toBe("stay");
    expect(await decideClose(async () => Promise.reject(new Error("x")))).toBe("stay");
  });
  it("stays when saving hangs past the time limit", async () => {
    vi.useFakeTimers();
    const decision = decideClose(() => new Promise<boolean>(() => {}), 5000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await decision).toBe("stay");
  });
});

describe("installCloseGuard", () => {
  function setup(saveImpl: (cmd: string, args: unknown) => Promise<unknown>) {
    const log: string[] = [];
    mockWindows("main");
    mockIPC(
      async (cmd, args) => {
        log.push(cmd);
        return saveImpl(cmd, args);
      },
      { shouldMockEvents: true },
    );
    return log;
  }

  it("writes the pending account, then destroys the window", async () => {
    const written: string[] = [];
    const log = setup(async (cmd, args) => {
      if (cmd === "set_account") {
        await new Promise((r) => setTimeout(r, 20));
        written.push((args as { account: string }).account);
      }
      return null;
    });
    const registry = new SaveRegistry();
    const account = new Autosave<string>("", {
      save: async (v: string) => {
        const { invoke } = await import("@tauri-apps/api/core");
        await invoke("set_account", { id: "p", item: "K3", account: v });
      },
      delayMs: 500,
      registry,
    });
    const onUnsaved = vi.fn();
    await installCloseGuard(() => registry.flushAll(), onUnsaved);
    account.set("the last words before closing");
    await emit("tauri://close-requested");
    await vi.waitFor(() => expect(log).toContain("plugin:window|destroy"));
    expect(written).toEqual(["the last words before closing"]);
    expect(log.indexOf("set_account")).toBeLessThan(log.indexOf("plugin:window|destroy"));
    expect(onUnsaved).not.toHaveBeenCalled();
  });

  it("keeps the window open and says so when the save fails", async () => {
    const log = setup(async () => null);
    const registry = new SaveRegistry();
    const account = new Autosave<string>("", {
      save: async () => {
        throw { code: "io", message: "The disk is full; nothing was saved." };
      },
      delayMs: 500,
      registry,
    });
    const onUnsaved = vi.fn();
    await installCloseGuard(() => registry.flushAll(), onUnsaved);
    account.set("unsaved text");
    await emit("tauri://close-requested");
    await vi.waitFor(() => expect(onUnsaved).toHaveBeenCalled());
    expect(log).not.toContain("plugin:window|destroy");
    expect(account.value).toBe("unsaved text");
  });
});
