// What the "file opened" confirmation says and offers for each kind of file.
import { describe, expect, it } from "vitest";
import type { FileKind } from "./bindings/FileKind";
import type { LibraryEntry } from "./bindings/LibraryEntry";
import type { OpenedFile } from "./bindings/OpenedFile";
import { confirmationFor } from "./openFile";

const entry = (id: string): LibraryEntry => ({
  id,
  uid: "u-1",
  title: "Sam’s portfolio",
  learner_name: "Sam Learner",
  standard_urn: "urn:x",
  updated_at: "2026-11-30T10:00:00Z",
  rated: 0,
  total: 42,
  evidence: 0,
  role: "learner",
  submitted_version: null,
  trashed_at: null,
  problem: null,
});

const opened = (kind: FileKind, inLibrary: LibraryEntry | null = null, version: number | null = 2): OpenedFile => ({
  identity: { kind, uid: "u-1", title: "Sam’s portfolio", learner_name: "Sam Learner", version },
  in_library: inLibrary,
});

describe("confirmationFor", () => {
  it("offers to copy a learner's own portfolio into the library, leaving the file as it is", () => {
    const c = confirmationFor(opened("own_portfolio"));
    expect(c.offer).toEqual({ action: "import" });
    expect(c.title).toBe("A learner’s portfolio");
    expect(c.explanation).toContain("Sam Learner’s portfolio");
    expect(c.explanation).toContain("left where it is");
    expect(c.button).toBe("Copy into my library and open");
  });

  it("offers to open a learner's own portfolio where it is instead, saying what that means", () => {
    const fresh = confirmationFor(opened("own_portfolio"));
    expect(fresh.alternative?.offer).toEqual({ action: "in_place" });
    expect(fresh.alternative?.button).toBe("Open it where it is");
    expect(fresh.alternative?.explanation).toContain("works on that file itself");
    expect(fresh.alternative?.explanation).toContain("not listed in your library");
    const there = confirmationFor(opened("own_portfolio", entry("lib-7")));
    expect(there.alternative?.offer).toEqual({ action: "in_place" });
    expect(there.alternative?.button).toBe("Open this file where it is");
  });

  it("offers no second choice for files sent between learner and assessor", () => {
    expect(confirmationFor(opened("submission")).alternative).toBeUndefined();
    expect(confirmationFor(opened("returned_assessment", entry("mine"))).alternative).toBeUndefined();
  });

  it("opens the library's one instead of copying a portfolio that is already there", () => {
    const c = confirmationFor(opened("own_portfolio", entry("lib-7")));
    expect(c.offer).toEqual({ action: "open", id: "lib-7" });
    expect(c.explanation).toContain("already in your library");
  });

  it("sends a submission through the check to the assessor's copy, saying which version", () => {
    const fresh = confirmationFor(opened("submission"));
    expect(fresh.offer).toEqual({ action: "assess" });
    expect(fresh.explanation).toContain("Sam Learner sent version 2");
    expect(fresh.explanation).toContain("opens your own copy");
    const again = confirmationFor(opened("submission", entry("copy-1")));
    expect(again.explanation).toContain("brings your copy in the library up to date");
  });

  it("receives a returned assessment into the matching portfolio", () => {
    const into = entry("mine");
    const c = confirmationFor(opened("returned_assessment", into));
    expect(c.offer).toEqual({ action: "receive", into });
    expect(c.button).toBe("Receive the assessment");
    expect(c.explanation).toContain("version 2");
  });

  it("offers nothing for an assessment whose portfolio is not in the library", () => {
    const c = confirmationFor(opened("returned_assessment"));
    expect(c.offer).toEqual({ action: "none" });
    expect(c.button).toBe("");
    expect(c.explanation).toContain("not in your library");
    expect(c.explanation).toContain("Nothing was changed");
  });

  it("sends an assessor's file for the IQA through the check to the IQA's copy, keeping an earlier one's record", () => {
    const fresh = confirmationFor(opened("sent_to_iqa"));
    expect(fresh.offer).toEqual({ action: "iqa_open" });
    expect(fresh.alternative).toBeUndefined();
    expect(fresh.explanation).toContain("version 2");
    expect(fresh.explanation).toContain("opens your own IQA copy");
    const again = confirmationFor(opened("sent_to_iqa", entry("iqa-1")));
    expect(again.explanation).toContain("brings your IQA copy in the library up to date");
  });

  it("takes the IQA's file into the assessor's matching copy, or offers nothing without one", () => {
    const into = { ...entry("assessor-1"), role: "assessor" as const };
    const c = confirmationFor(opened("iqa_returned", into));
    expect(c.offer).toEqual({ action: "iqa_receive", into });
    expect(c.button).toBe("Receive the IQA’s decision");
    const none = confirmationFor(opened("iqa_returned"));
    expect(none.offer).toEqual({ action: "none" });
    expect(none.explanation).toContain("not in your library");
  });
});
