// Tests of the message handed to the next screen and the notes on files.
import { describe, expect, it } from "vitest";
import type { AttachOutcome } from "./bindings/AttachOutcome";
import { attachedText, attachNotes, namesOf, setFlash, takeFlash } from "./flash";

const outcome = (name: string, notes: string[] = [], deduplicated = false): AttachOutcome => ({
  attachment: {
    id: 1,
    file_name: name,
    size: 10,
    media_type: name.endsWith(".pdf") ? "application/pdf" : "image/png",
    sha256: "ab",
    has_preview: !name.endsWith(".pdf"),
    added_at: "2026-03-12T10:00:00Z",
    description: null,
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
    expect(notes).toHaveLength(3);
    expect(notes[0]).toContain("stored shortened");
    expect(notes[1]).toContain("Say in a few words what a-very-long-name….png shows");
    expect(notes[2]).toContain("minutes.pdf was already in your portfolio");
  });

  it("asks for a picture's description only while it has none", () => {
    const described = outcome("flipchart.jpg");
    described.attachment.description = "Our three shared aims";
    expect(attachNotes([described])).toEqual([]);
    expect(attachNotes([outcome("flipchart.jpg")])).toEqual([
      "Say in a few words what flipchart.jpg shows, under its picture: the PDF reads it out to people who cannot see it.",
    ]);
  });

  it("says what was attached", () => {
    expect(attachedText([outcome("a.png")], "E4")).toBe("Attached a.png to E4.");
    expect(attachedText([outcome("a.png"), outcome("b.png")], "E4")).toBe("Attached 2 files to E4.");
    expect(namesOf(["/x/a.png", "/y/b.pdf", "C:\\c.doc"])).toBe("a.png, b.pdf and c.doc");
  });
});
