// The assessor's name (and the internal quality assurer's), asked for once
// and remembered on this computer (in the web view's local storage), to
// prefill the next time and to sign judgements and feedback (or samples
// and decisions) with.
const KEY = "partnership-portfolio.assessor-name";
const IQA_KEY = "partnership-portfolio.iqa-name";

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

function load(key: string, s: NameStore | null): string {
  try {
    return s?.getItem(key)?.trim() ?? "";
  } catch {
    return "";
  }
}

function save(key: string, name: string, s: NameStore | null): void {
  const n = name.trim();
  if (!n) return;
  try {
    s?.setItem(key, n);
  } catch {
    // Full or refused: the name is asked for again next time.
  }
}

/** The remembered name, or "". */
export function loadAssessorName(s: NameStore | null = store()): string {
  return load(KEY, s);
}

/** Remembers the name (trimmed; an empty name is not stored). */
export function saveAssessorName(name: string, s: NameStore | null = store()): void {
  save(KEY, name, s);
}

/** The internal quality assurer's remembered name, or "". */
export function loadIqaName(s: NameStore | null = store()): string {
  return load(IQA_KEY, s);
}

/** Remembers the internal quality assurer's name (trimmed; an empty name is not stored). */
export function saveIqaName(name: string, s: NameStore | null = store()): void {
  save(IQA_KEY, name, s);
}
