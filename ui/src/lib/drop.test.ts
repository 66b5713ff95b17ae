// Tests of handling files dropped on the window: names shown, no file twice,
// odd payloads ignored.
import { describe, expect, it } from "vitest";
import { addFiles, droppedPaths, fileName, removeFile } from "./drop";

describe("fileName", () => {
  it("shows the last part of Linux, macOS and Windows paths", () => {
    expect(fileName("/home/siân/Documents/minutes.pdf")).toBe("minutes.pdf");
    expect(fileName("C:\\Users\\Sian\\Pictures\\photo 1.jpg")).toBe("photo 1.jpg");
    expect(fileName("/home/siân/folder/")).toBe("folder");
    expect(fileName("plain.txt")).toBe("plain.txt");
  });
});

describe("addFiles", () => {
  it("adds new files in order and reports the ones already there", () => {
    const { files, duplicates } = addFiles(["/a.pdf"], ["/b.png", "/a.pdf", "/c.docx", "/b.png"]);
    expect(files).toEqual(["/a.pdf", "/b.png", "/c.docx"]);
    expect(duplicates).toEqual(["/a.pdf", "/b.png"]);
  });

  it("ignores empty paths and leaves the original list alone", () => {
    const current = ["/a.pdf"];
    expect(addFiles(current, ["", "  "]).files).toEqual(["/a.pdf"]);
    addFiles(current, ["/b.pdf"]);
    expect(current).toEqual(["/a.pdf"]);
  });

  it("removes one file from the list", () => {
    expect(removeFile(["/a", "/b"], "/a")).toEqual(["/b"]);
  });
});

describe("droppedPaths", () => {
  it("takes the paths from the event and ignores anything else", () => {
    expect(droppedPaths(["/a.png", "/b.pdf"])).toEqual(["/a.png", "/b.pdf"]);
    expect(droppedPaths(["/a.png", 3, null, ""])).toEqual(["/a.png"]);
    expect(droppedPaths({ paths: ["/a.png"] })).toEqual([]);
    expect(droppedPaths(null)).toEqual([]);
  });
});
