// Choosing the items a piece of evidence shows: toggling items on and off
// (kept in the standard's order, a note remembered if an item is ticked
// again), notes, and the checklist's search across the standard's items.
import type { ItemKind } from "./bindings/ItemKind";
import type { Mapping } from "./bindings/Mapping";

/** One item of the standard, as the checklist shows it. */
export interface ChecklistItem {
  id: string;
  text: string;
}

/** A group of the checklist: performance criteria or knowledge. */
export interface ChecklistGroup {
  kind: ItemKind;
  title: string;
  items: ChecklistItem[];
}

/** Where each item sits in the standard, for ordering. */
export function itemOrder(groups: readonly ChecklistGroup[]): Map<string, number> {
  const order = new Map<string, number>();
  for (const g of groups) for (const i of g.items) order.set(i.id, order.size);
  return order;
}

function sorted(mappings: Mapping[], order: ReadonlyMap<string, number>): Mapping[] {
  const at = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return mappings.sort((a, b) => at(a.item_id) - at(b.item_id));
}

/**
 * The selection with `item` ticked or unticked. A note written for an item
 * that is unticked is kept in `memo`, and comes back if it is ticked again.
 */
export function toggleItem(
  mappings: readonly Mapping[],
  item: string,
  on: boolean,
  order: ReadonlyMap<string, number>,
  memo: Map<string, string> = new Map(),
): Mapping[] {
  const has = mappings.some((m) => m.item_id === item);
  if (on && !has) {
    return sorted([...mappings, { item_id: item, note: memo.get(item) ?? "" }], order);
  }
  if (!on && has) {
    const note = mappings.find((m) => m.item_id === item)?.note ?? "";
    if (note.trim()) memo.set(item, note);
    return mappings.filter((m) => m.item_id !== item);
  }
  return [...mappings];
}

export function setNote(mappings: readonly Mapping[], item: string, note: string): Mapping[] {
  return mappings.map((m) => (m.item_id === item ? { ...m, note } : m));
}

export function isChosen(mappings: readonly Mapping[], item: string): boolean {
  return mappings.some((m) => m.item_id === item);
}

/**
 * The checklist narrowed by what was typed: an item reference ("p4", "K 12")
 * finds that item; words find items whose text has every word. Groups with
 * no match are left out. `onlyChosen` keeps only the ticked items.
 */
export function filterChecklist(
  groups: readonly ChecklistGroup[],
  query: string,
  chosen: readonly Mapping[] = [],
  onlyChosen = false,
): ChecklistGroup[] {
  const q = query.trim().toLowerCase();
  const ref = /^([pk])\s*(\d{1,2})$/u.exec(q);
  const words = q.split(/\s+/u).filter(Boolean);
  const matches = (i: ChecklistItem) => {
    if (onlyChosen && !isChosen(chosen, i.id)) return false;
    if (!q) return true;
    if (ref) return i.id.toLowerCase() === `${ref[1]}${Number(ref[2])}`;
    const hay = `${i.id} ${i.text}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  };
  return groups
    .map((g) => ({ ...g, items: g.items.filter(matches) }))
    .filter((g) => g.items.length > 0);
}

/** "P1, P4 and K3" */
export function itemList(ids: readonly string[]): string {
  if (ids.length <= 1) return ids.join("");
  return `${ids.slice(0, -1).join(", ")} and ${ids[ids.length - 1]}`;
}

/** Above this many items, the form reminds the learner to map only what the evidence really shows. */
export const MANY_ITEMS = 10;
