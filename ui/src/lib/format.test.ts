// Tests of how progress, statuses, word counts and dates read.
import { describe, expect, it } from "vitest";
import type { RatingLevel } from "./bindings/RatingLevel";
import {
  formatDate,
  formatWhen,
  initials,
  percent,
  progressText,
  statusOf,
  statusText,
  wordCount,
  wordCountText,
} from "./format";

const scale: RatingLevel[] = [
  { value: 1, label: "Not yet", descriptor: "" },
  { value: 2, label: "Developing", descriptor: "" },
  { value: 3, label: "Competent", descriptor: "" },
  { value: 4, label: "Confident, and I can show evidence", descriptor: "" },
];

describe("progress", () => {
  it("reads as n of 42 rated, with the in-progress count when there is one", () => {
    expect(progressText({ total: 42, rated: 12, in_progress: 3, not_started: 27, evidenced: 0 })).toBe(
      "12 of 42 rated · 3 in progress",
    );
    expect(progressText({ total: 42, rated: 0, in_progress: 0, not_started: 42, evidenced: 0 })).toBe("0 of 42 rated");
  });
  it("percent never claims 100 before everything is done", () => {
    expect(percent(41, 42)).toBe(97);
    expect(percent(42, 42)).toBe(100);
    expect(percent(0, 42)).toBe(0);
    expect(percent(3, 0)).toBe(0);
  });
});

describe("status", () => {
  it("follows the core's rule", () => {
    expect(statusOf(null, "")).toBe("not_started");
    expect(statusOf(null, "   \n")).toBe("not_started");
    expect(statusOf(null, "I chair the forum")).toBe("in_progress");
    expect(statusOf(2, "")).toBe("rated");
  });
  it("names the rating when rated", () => {
    expect(statusText("rated", 3, scale)).toBe("Rated: Competent");
    expect(statusText("in_progress", null, scale)).toBe("In progress");
    expect(statusText("not_started", null, scale)).toBe("Not started");
    expect(statusText("rated", null, scale)).toBe("Rated");
  });
});

describe("word count", () => {
  it("counts words in any script and ignores spacing", () => {
    expect(wordCount("")).toBe(0);
    expect(wordCount("  Cytunon ni ar\n\nnodau — ŵ ŷ ")).toBe(6);
    expect(wordCountText("one")).toBe("1 word");
    expect(wordCountText("a ".repeat(1200))).toBe("1,200 words");
  });
});

describe("dates", () => {
  const now = new Date("2026-03-10T15:00:00Z");
  it("reads relative to now", () => {
    expect(formatWhen("2026-03-10T14:59:30.000Z", now, "UTC")).toBe("just now");
    expect(formatWhen("2026-03-10T09:05:00.000Z", now, "UTC")).toBe("today at 09:05");
    expect(formatWhen("2026-03-09T23:30:00.000Z", now, "UTC")).toBe("yesterday at 23:30");
    expect(formatWhen("2026-03-03T12:00:00.000Z", now, "UTC")).toBe("3 March");
    expect(formatWhen("2025-12-25T12:00:00.000Z", now, "UTC")).toBe("25 December 2025");
  });
  it("uses the local calendar day, not UTC's", () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in London (summer time).
    const june = new Date("2026-06-01T10:00:00Z");
    expect(formatWhen("2026-05-31T23:30:00.000Z", june, "Europe/London")).toBe("today at 00:30");
  });
  it("gives nothing for nothing", () => {
    expect(formatWhen(null, now)).toBe("");
    expect(formatWhen("", now)).toBe("");
    expect(formatWhen("not a date", now)).toBe("");
  });
  it("formats calendar dates without time-zone shifts", () => {
    expect(formatDate("2026-09-01")).toBe("1 September 2026");
    expect(formatDate("2026-13-01")).toBe("");
    expect(formatDate(null)).toBe("");
  });
});

describe("initials", () => {
  it("takes the first letters of the first and last names, in any script", () => {
    expect(initials("Siân Llŷr-Ŵyn")).toBe("SL");
    expect(initials("  màiri  nicdhòmhnaill ")).toBe("MN");
    expect(initials("Ŵyn")).toBe("Ŵ");
    expect(initials("Aled ap Rhys")).toBe("AR");
    expect(initials("")).toBe("");
    expect(initials("— ")).toBe("");
  });
});
