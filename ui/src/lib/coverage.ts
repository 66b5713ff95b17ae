// The coverage matrix (evidence location sheet) as the screen shows it: the
// rows grouped by kind with their counts and gaps, the "gaps only" filter,
// which cells are marked, the summary in words, and moving around the grid
// with the keyboard. (Drawn whole: CLDAL16's 42 rows × 160 columns draws in
// well under a second, so nothing is left out for speed.)
import type { Coverage } from "./bindings/Coverage";
import type { CoverageEvidence } from "./bindings/CoverageEvidence";
import type { ItemKind } from "./bindings/ItemKind";

export interface MatrixRow {
  itemId: string;
  text: string;
  kind: ItemKind;
  /** Evidence numbers mapped to the item. */
  evidence: ReadonlySet<number>;
  count: number;
  gap: boolean;
}

export interface MatrixGroup {
  kind: ItemKind;
  title: string;
  rows: MatrixRow[];
  /** Rows of the group in the whole standard (before filtering). */
  total: number;
  gaps: number;
}

export type CoverageFilter = "all" | "gaps";

const GROUP_TITLES: Record<ItemKind, string> = {
  performance: "Performance criteria",
  knowledge: "Knowledge and understanding",
};

/** The matrix's rows, grouped; with "gaps", only items without evidence. */
export function matrixGroups(c: Coverage, filter: CoverageFilter): MatrixGroup[] {
  const groups: MatrixGroup[] = [];
  for (const row of c.rows) {
    let g = groups.find((x) => x.kind === row.kind);
    if (!g) {
      g = { kind: row.kind, title: GROUP_TITLES[row.kind], rows: [], total: 0, gaps: 0 };
      groups.push(g);
    }
    const gap = row.evidence.length === 0;
    g.total += 1;
    if (gap) g.gaps += 1;
    if (filter === "gaps" && !gap) continue;
    g.rows.push({
      itemId: row.item_id,
      text: row.text,
      kind: row.kind,
      evidence: new Set(row.evidence),
      count: row.evidence.length,
      gap,
    });
  }
  return groups.filter((g) => g.rows.length > 0);
}

/** "36 of 42 items have evidence" */
export function coverageText(c: Coverage): string {
  return `${c.covered_items} of ${c.total_items} items have evidence`;
}

/** "6 items have no evidence yet", or that none are left. */
export function gapsText(gaps: number): string {
  if (gaps === 0) return "Every item has evidence";
  return gaps === 1 ? "1 item has no evidence yet" : `${gaps} items have no evidence yet`;
}

/** "3 pieces", "1 piece", "None" for a row's count cell. */
export function countText(n: number): string {
  if (n === 0) return "None";
  return n === 1 ? "1 piece" : `${n} pieces`;
}

/** The words a screen reader hears for a marked cell. */
export function cellLabel(itemId: string, e: CoverageEvidence): string {
  return `${e.reference} shows ${itemId}: ${e.title}`;
}

// ---------- Keyboard movement ----------

/**
 * A position in the grid: `row` -1 is the header row (evidence references),
 * `col` -1 is the column of item references.
 */
export interface Cell {
  row: number;
  col: number;
}

/**
 * Where a key moves from `at` in a grid of `rows` × `cols` body cells; null
 * for keys that do not move. Arrows move one cell, Home/End go to the start
 * or end of the row (with Ctrl: of the grid), PageUp/PageDown move `page` rows.
 * Row -1 is the header row; columns `first`…-1 are the header columns
 * before the body's (the coverage matrix has two: the item and its count).
 */
export function moveCell(
  at: Cell,
  key: string,
  rows: number,
  cols: number,
  ctrl = false,
  page = 10,
  first = -1,
): Cell | null {
  const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));
  const r = (n: number) => clamp(n, -1, rows - 1);
  const c = (n: number) => clamp(n, first, cols - 1);
  switch (key) {
    case "ArrowRight":
      return { row: at.row, col: c(at.col + 1) };
    case "ArrowLeft":
      return { row: at.row, col: c(at.col - 1) };
    case "ArrowDown":
      return { row: r(at.row + 1), col: at.col };
    case "ArrowUp":
      return { row: r(at.row - 1), col: at.col };
    case "Home":
      return ctrl ? { row: -1, col: first } : { row: at.row, col: first };
    case "End":
      return ctrl ? { row: rows - 1, col: cols - 1 } : { row: at.row, col: cols - 1 };
    case "PageDown":
      return { row: r(at.row + page), col: at.col };
    case "PageUp":
      return { row: r(at.row - page), col: at.col };
    default:
      return null;
  }
}

/** The cell to start from, kept inside a grid that may have shrunk (`first` as for moveCell). */
export function clampCell(at: Cell, rows: number, cols: number, first = -1): Cell {
  return {
    row: Math.max(-1, Math.min(rows - 1, at.row)),
    col: Math.max(first, Math.min(cols - 1, at.col)),
  };
}
