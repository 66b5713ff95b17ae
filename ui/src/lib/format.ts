// How numbers, statuses and dates read in the UI, in plain British English:
// "12 of 42 rated · 3 in progress", "Rated: Competent", "today at 14:05".
import type { ItemStatus } from "./bindings/ItemStatus";
import type { Progress } from "./bindings/Progress";
import type { RatingLevel } from "./bindings/RatingLevel";

/** "12 of 42 rated · 3 in progress" (the in-progress part only when some are). */
export function progressText(p: Progress): string {
  const rated = `${p.rated} of ${p.total} rated`;
  return p.in_progress > 0 ? `${rated} · ${p.in_progress} in progress` : rated;
}

/** Share of items rated, 0–100, rounded down so 41 of 42 never shows 100. */
export function percent(part: number, total: number): number {
  if (total <= 0 || part <= 0) return 0;
  return Math.min(100, Math.floor((part / total) * 100));
}

/** Where an item stands, by the core's rule: rated, or something written. */
export function statusOf(rating: number | null, account: string): ItemStatus {
  if (rating !== null) return "rated";
  return account.trim() ? "in_progress" : "not_started";
}

export function ratingLabel(rating: number | null, scale: readonly RatingLevel[]): string | null {
  if (rating === null) return null;
  return scale.find((l) => l.value === rating)?.label ?? `Level ${rating}`;
}

/** "Not started", "In progress", "Rated: Competent". */
export function statusText(
  status: ItemStatus,
  rating: number | null,
  scale: readonly RatingLevel[],
): string {
  switch (status) {
    case "not_started":
      return "Not started";
    case "in_progress":
      return "In progress";
    case "rated": {
      const label = ratingLabel(rating, scale);
      return label ? `Rated: ${label}` : "Rated";
    }
  }
}

/** Words in a piece of writing, for the editor's footer. */
export function wordCount(text: string): number {
  // A word is a run of non-spaces with at least one letter or digit, so a
  // dash standing alone is not counted.
  return (text.match(/\S+/gu) ?? []).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function wordCountText(text: string): string {
  const n = wordCount(text);
  return n === 1 ? "1 word" : `${n.toLocaleString("en-GB")} words`;
}

interface CalendarParts {
  year: number;
  month: number;
  day: number;
  hour: string;
  minute: string;
}

function partsIn(date: Date, timeZone?: string): CalendarParts {
  const fmt = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const get = (type: string) => fmt.formatToParts(date).find((p) => p.type === type)?.value ?? "";
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    hour: get("hour"),
    minute: get("minute"),
  };
}

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

function dayNumber(p: { year: number; month: number; day: number }): number {
  return Date.UTC(p.year, p.month - 1, p.day) / 86_400_000;
}

/**
 * When something happened, relative to `now` where that reads better:
 * "just now", "today at 14:05", "yesterday at 09:30", "3 March", "3 March 2025".
 * Empty or unreadable input gives "".
 */
export function formatWhen(iso: string | null, now: Date = new Date(), timeZone?: string): string {
  if (!iso) return "";
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const seconds = (now.getTime() - at.getTime()) / 1000;
  if (seconds >= -60 && seconds < 60) return "just now";
  const a = partsIn(at, timeZone);
  const n = partsIn(now, timeZone);
  const days = dayNumber(n) - dayNumber(a);
  const time = `${a.hour}:${a.minute}`;
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `yesterday at ${time}`;
  const date = `${a.day} ${MONTHS[a.month - 1]}`;
  return a.year === n.year ? date : `${date} ${a.year}`;
}

/** A calendar date `YYYY-MM-DD` as "1 September 2026" ("" when not a date). */
export function formatDate(ymd: string | null): string {
  if (!ymd) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd.trim());
  if (!m) return "";
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : "";
}

/** Up to two initials for a name, for the library's avatars: "Siân Llŷr-Ŵyn" → "SL". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter((w) => /\p{L}/u.test(w));
  const first = (w: string | undefined) => (w ? ([...w].find((c) => /\p{L}/u.test(c)) ?? "") : "");
  if (words.length === 0) return "";
  const a = first(words[0]);
  const b = words.length > 1 ? first(words[words.length - 1]) : "";
  return (a + b).toLocaleUpperCase("en-GB");
}
