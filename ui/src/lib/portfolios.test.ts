// Tests that the library's entries (whose copy each is, the version an
// assessor's copy was opened from) are listed once, and that a failure to
// list leaves the screens working.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { LibraryEntry } from "./bindings/LibraryEntry";
import { entryOf, forgetEntries, rememberEntry } from "./portfolios";

const isAssessorCopy = async (id: string) => (await entryOf(id))?.role === "assessor";

const entry = (id: string, role: "learner" | "assessor"): LibraryEntry => ({
  id,
  uid: `uid-${id}`,
  title: `Portfolio ${id}`,
  learner_name: "Siân",
  standard_urn: "CLDAL16",
  updated_at: "2026-03-12T10:00:00Z",
  rated: 0,
  total: 42,
  evidence: 0,
  role,
  submitted_version: role === "assessor" ? 1 : null,
  trashed_at: null,
  problem: null,
});

afterEach(() => {
  clearMocks();
  forgetEntries();
});

describe("portfolios", () => {
  it("lists the library once for several questions", async () => {
    let listed = 0;
    mockIPC((cmd) => {
      if (cmd === "list_portfolios") listed++;
      return [entry("a", "learner"), entry("b", "assessor")];
    });
    expect(await isAssessorCopy("b")).toBe(true);
    expect(await isAssessorCopy("a")).toBe(false);
    expect(listed).toBe(1);
    expect(await entryOf("missing")).toBeNull();
  });

  it("knows an entry it was given without asking", async () => {
    mockIPC(() => {
      throw new Error("not asked");
    });
    rememberEntry(entry("c", "assessor"));
    expect(await isAssessorCopy("c")).toBe(true);
  });

  it("treats a failure to list as not known", async () => {
    mockIPC(() => {
      throw { code: "io", message: "The library folder could not be read." };
    });
    expect(await entryOf("a")).toBeNull();
    expect(await isAssessorCopy("a")).toBe(false);
  });
});
