/**
 * The list's selection as plain data and the pure steps that change it: pick one row, toggle
 * one (Ctrl/Cmd+click), a range from the anchor (Shift+click, Shift+j/k), every row. Kept free
 * of Svelte so the rules are tested under Node; selection.svelte.ts holds the live state.
 */

/** What a step needs of a row: its id. */
export interface RowLike {
  id: string
}

/** A selection: the ids (in the order they were chosen), where a Shift range starts, and the
 * row the keyboard is on (which may be unselected after Ctrl+click took it out). */
export interface Selection {
  ids: readonly string[]
  anchor: string | null
  lead: string | null
}

/** Nothing selected. */
export const EMPTY_SELECTION: Selection = { ids: [], anchor: null, lead: null }

const clamp = (index: number, rows: readonly RowLike[]) =>
  Math.min(Math.max(index, 0), rows.length - 1)

/** Only the row at `index` (clamped), which becomes anchor and lead. */
export function selectOne(rows: readonly RowLike[], index: number): Selection {
  if (rows.length === 0) return EMPTY_SELECTION
  const id = rows[clamp(index, rows)]!.id
  return { ids: [id], anchor: id, lead: id }
}

/** Add the row at `index` or take it out; either way it becomes anchor and lead. */
export function toggleOne(sel: Selection, rows: readonly RowLike[], index: number): Selection {
  if (rows.length === 0) return sel
  const id = rows[clamp(index, rows)]!.id
  const ids = sel.ids.includes(id) ? sel.ids.filter((x) => x !== id) : [...sel.ids, id]
  return { ids, anchor: id, lead: id }
}

/**
 * The rows from the anchor to the row at `index` (clamped), which becomes the lead; the anchor
 * stays, so Shift+j then Shift+k shrinks the range again. With `add` (Ctrl+Shift+click) the
 * range joins what was selected; without, it replaces it. An anchor no longer in the rows
 * falls back to the lead, then to the row itself.
 */
export function selectRange(
  sel: Selection,
  rows: readonly RowLike[],
  index: number,
  add = false,
): Selection {
  if (rows.length === 0) return sel
  const to = clamp(index, rows)
  let from = sel.anchor ? rows.findIndex((r) => r.id === sel.anchor) : -1
  if (from < 0 && sel.lead) from = rows.findIndex((r) => r.id === sel.lead)
  if (from < 0) from = to
  const range = rows.slice(Math.min(from, to), Math.max(from, to) + 1).map((r) => r.id)
  let ids: string[] = range
  if (add) {
    const had = new Set(sel.ids)
    ids = [...sel.ids, ...range.filter((id) => !had.has(id))]
  }
  return { ids, anchor: rows[from]!.id, lead: rows[to]!.id }
}

/** Every row; the lead stays where it was (or goes to the first row). */
export function selectEvery(sel: Selection, rows: readonly RowLike[]): Selection {
  if (rows.length === 0) return EMPTY_SELECTION
  const ids = rows.map((r) => r.id)
  const lead = sel.lead && ids.includes(sel.lead) ? sel.lead : ids[0]!
  return { ids, anchor: ids[0]!, lead }
}

/** Only the lead row, if it was selected (else the last chosen): what Esc leaves. */
export function collapse(sel: Selection): Selection {
  const keep = sel.lead && sel.ids.includes(sel.lead) ? sel.lead : (sel.ids.at(-1) ?? null)
  return keep ? { ids: [keep], anchor: keep, lead: keep } : EMPTY_SELECTION
}

/**
 * What is left of a selection once the list holds `rows` (after a reload): the ids still
 * there. When none is left but something was, the row that now sits where the topmost
 * selected row was (`oldTopIndex`) is selected instead: after trashing a block of rows, the
 * one that followed it, so the keyboard keeps its place.
 */
export function pruneTo(sel: Selection, rows: readonly RowLike[], oldTopIndex: number): Selection {
  if (sel.ids.length === 0) return sel
  const present = new Set(rows.map((r) => r.id))
  const ids = sel.ids.filter((id) => present.has(id))
  if (ids.length === sel.ids.length && (!sel.lead || present.has(sel.lead))) return sel
  if (ids.length === 0) {
    return oldTopIndex >= 0
      ? selectOne(rows, Math.min(oldTopIndex, rows.length - 1))
      : EMPTY_SELECTION
  }
  const lead = sel.lead && present.has(sel.lead) ? sel.lead : ids.at(-1)!
  const anchor = sel.anchor && present.has(sel.anchor) ? sel.anchor : lead
  return { ids, anchor, lead }
}

/** The selected rows in the list's order (bulk actions and export go top to bottom). */
export function inListOrder<T extends RowLike>(
  selected: { has(id: string): boolean; readonly size: number },
  rows: readonly T[],
): T[] {
  if (selected.size === 0) return []
  const out: T[] = []
  for (const row of rows) {
    if (selected.has(row.id)) {
      out.push(row)
      if (out.length === selected.size) break
    }
  }
  return out
}
