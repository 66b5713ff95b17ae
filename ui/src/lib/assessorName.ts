// The assessor's name, asked for once and remembered on this computer (in
// the web view's local storage), to prefill the next time and to sign
// judgements and feedback with.
const KEY = "partnership-portfolio.assessor-name";

/** Where the name is kept (the browser's localStorage, or a stand-in in tests). */
export interface NameStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function store(): NameStore | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage turned off: nothing is remembered
  }
}

/** The remembered name, or "". */
export function loadAssessorName(s: NameStore | null = store()): string {
  try {
    return s?.getItem(KEY)?.trim() ?? "";
  } catch {
    return "";
  }
}

/** Remembers the name (trimmed; an empty name is not stored). */
export function saveAssessorName(name: string, s: NameStore | null = store()): void {
  const n = name.trim();
  if (!n) return;
  try {
    s?.setItem(KEY, n);
  } catch {
    // Full or refused: the name is asked for again next time.
  }
}
