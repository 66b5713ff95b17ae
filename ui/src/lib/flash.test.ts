// Tests of the message handed to the next screen and the notes on files.
import { describe, expect, it } from "vitest";
import type { AttachOutcome } from "./bindings/AttachOutcome";
import { attachedText, attachNotes, namesOf, setFlash, takeFlash } from "./flash";

const outcome = (name: string, notes: string[] = [], deduplicated = false): AttachOutcome => ({
  attachment: {
    id: 1,
    file_name: name,
    size: 10,
    media_type: "image/png",
    sha256: "ab",
    has_preview: true,
    added_at: "2026-03-12T10:00:00Z",
  },
  deduplicated,
  notes,
});

describe("flash", () => {
  it("is taken once", () => {
    setFlash({ text: "E1 added to your evidence.", notes: [] });
    expect(takeFlash()?.text).toBe("E1 added to your evidence.");
    expect(takeFlash()).toBeNull();
  });
});

describe("attach notes", () => {
  it("passes on the core's notes and says when a file was already stored", () => {
    const notes = attachNotes([
      outcome("a-very-long-name….png", ["The file name was very long, so it is stored shortened."]),
      outcome("minutes.pdf", [], true),
    ]);
    expect(notes).toHaveLength(2);
    expect(notes[1]).toContain("minutes.pdf was already in your portfolio");
  });

  it("says what was attached", () => {
    expect(attachedText([outcome("a.png")], "E4")).toBe("Attached a.png to E4.");
    expect(attachedText([outcome("a.png"), outcome("b.png")], "E4")).toBe("Attached 2 files to E4.");
    expect(namesOf(["/x/a.png", "/y/b.pdf", "C:\\c.doc"])).toBe("a.png, b.pdf and c.doc");
  });
});
