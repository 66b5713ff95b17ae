// Tests that the assessor's name is remembered, trimmed, and that a storage
// that refuses does not break anything.
import { describe, expect, it } from "vitest";
import { loadAssessorName, loadIqaName, saveAssessorName, saveIqaName, type NameStore } from "./assessorName";

function memory(): NameStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("assessor name", () => {
  it("is remembered, trimmed", () => {
    const s = memory();
    expect(loadAssessorName(s)).toBe("");
    saveAssessorName("  Màiri NicDhòmhnaill ", s);
    expect(loadAssessorName(s)).toBe("Màiri NicDhòmhnaill");
  });

  it("keeps the internal quality assurer's name apart from the assessor's", () => {
    const s = memory();
    saveAssessorName("Màiri", s);
    expect(loadIqaName(s)).toBe("");
    saveIqaName(" Eilidh ", s);
    expect([loadAssessorName(s), loadIqaName(s)]).toEqual(["Màiri", "Eilidh"]);
  });

  it("keeps the last name when an empty one is given", () => {
    const s = memory();
    saveAssessorName("Màiri", s);
    saveAssessorName("   ", s);
    expect(loadAssessorName(s)).toBe("Màiri");
  });

  it("copes with no storage, or one that refuses", () => {
    expect(loadAssessorName(null)).toBe("");
    const refusing: NameStore = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("full");
      },
    };
    expect(() => saveAssessorName("Màiri", refusing)).not.toThrow();
    expect(loadAssessorName(refusing)).toBe("");
  });

  it("uses the web view's storage by default", () => {
    saveAssessorName("Aled");
    expect(loadAssessorName()).toBe("Aled");
  });
});
