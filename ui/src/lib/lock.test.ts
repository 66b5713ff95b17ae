import { describe, expect, it } from "vitest";
import { lockOf, lockProblem, noLock } from "./lock";

describe("the lock choice", () => {
  it("asks nothing when the file is not locked", () => {
    expect(lockProblem(noLock())).toBeNull();
    expect(lockOf(noLock())).toBeNull();
  });

  it("wants a passphrase of at least 8 characters, typed the same twice", () => {
    const locked = (passphrase: string, repeat = passphrase) => ({ locked: true, passphrase, repeat });
    expect(lockProblem(locked(""))).toMatch(/Type a passphrase/);
    expect(lockProblem(locked("byr"))).toMatch(/at least 8 characters/);
    // Characters, not bytes: "ŵŷâ" is three.
    expect(lockProblem(locked("ŵŷâŵŷâŵ"))).toMatch(/at least 8/);
    expect(lockProblem(locked("afon lliw glas", "afon lliw las"))).toMatch(/not the same/);
    expect(lockProblem(locked("afon lliw glas"))).toBeNull();
    expect(lockOf(locked("afon lliw glas"))).toBe("afon lliw glas");
  });
});
