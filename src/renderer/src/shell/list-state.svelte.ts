/**
 * The article list's rows: the loaded pages of the current view or search, more pages as the
 * list scrolls, and a reload that keeps what was loaded (so a live update does not throw the
 * reader back to the top or lose the selection).
 */
import type { ArticleSummary } from '../../../shared/model'
import { app } from './app-state.svelte'
import { fetchRows, type ListRow, PAGE_SIZE } from './list-source'
import {
  collapse,
  inListOrder,
  pruneTo,
  type Selection,
  selectEvery,
  selectOne,
  selectRange,
  toggleOne,
} from './selection-model'
import { applySelection, currentSelection, leadId, selectedSet } from './selection.svelte'

class ListState {
  /** Loaded rows, in order. Raw (not deeply reactive): 100,000 proxies would be slow. */
  rows: ListRow[] = $state.raw([])
  nextCursor: string | null = $state(null)
  total: number | null = $state(null)
  warnings: string[] = $state([])
  loading = $state(false)
  error = $state('')
  /** Whether the first page of the current view or search has arrived. */
  ready = $state(false)
}

/** The one list. */
export const listState = new ListState()

/** Rows in the first request: a screenful and some, so the list paints soon; more follow. */
const FIRST_PAGE = 60

/** Bumped by every new load, so answers to an older one are dropped. */
let generation = 0
let more: Promise<void> | null = null

/** Load the current view or search from the start. */
export async function loadFirstPage(): Promise<void> {
  const mine = ++generation
  more = null
  listState.loading = true
  try {
    const page = await fetchRows(app.view, app.query, null, FIRST_PAGE)
    if (mine !== generation) return
    listState.rows = page.rows
    listState.nextCursor = page.nextCursor
    listState.total = page.total
    listState.warnings = page.warnings
    listState.error = ''
    // A new search may not find what was selected: keep only rows it shows.
    keepSelection(pruneTo(currentSelection(), page.rows, -1))
  } catch (err) {
    if (mine !== generation) return
    listState.rows = []
    listState.nextCursor = null
    listState.error = (err as Error).message
  } finally {
    if (mine === generation) {
      listState.loading = false
      listState.ready = true
    }
  }
}

/** Load the next page (of `limit` rows), if there is one and none is loading. */
export function loadMore(limit = PAGE_SIZE): Promise<void> {
  if (!listState.nextCursor || more) return more ?? Promise.resolve()
  const mine = generation
  const cursor = listState.nextCursor
  more = fetchRows(app.view, app.query, cursor, limit)
    .then((page) => {
      if (mine !== generation) return
      listState.rows = [...listState.rows, ...page.rows]
      listState.nextCursor = page.nextCursor
    })
    .catch((err: Error) => {
      if (mine === generation) listState.error = err.message
    })
    .finally(() => {
      if (mine === generation) more = null
    })
  return more
}

/**
 * Load again as many rows as are loaded now (at least a page), after a change in the library.
 * Rows are swapped in one step, so the scroll position holds. Selected articles that left the
 * list (trashed, archived) leave the selection; when none is left, the row that followed them
 * is selected instead.
 */
export async function refresh(): Promise<void> {
  const mine = ++generation
  more = null
  const want = Math.max(listState.rows.length, 1)
  const set = selectedSet()
  const oldIndex = set.size > 0 ? listState.rows.findIndex((r) => set.has(r.id)) : -1
  try {
    let rows: ListRow[] = []
    let cursor: string | null = null
    let first = true
    let warnings: string[] = []
    while (first || (cursor && rows.length < want)) {
      first = false
      const page = await fetchRows(app.view, app.query, cursor, Math.max(PAGE_SIZE, 500))
      if (mine !== generation) return
      rows = rows.concat(page.rows)
      cursor = page.nextCursor
      warnings = page.warnings
    }
    listState.rows = rows
    listState.nextCursor = cursor
    listState.warnings = warnings
    listState.error = ''
    keepSelection(pruneTo(currentSelection(), rows, oldIndex))
  } catch (err) {
    if (mine === generation) listState.error = (err as Error).message
  }
}

/** Apply a pruned selection only when pruning changed it (a live update mostly does not). */
function keepSelection(sel: Selection): void {
  if (sel !== currentSelection()) applySelection(sel)
}

/** The index of the lead row (where the keyboard is) in the loaded rows, or -1. */
export function selectedIndex(): number {
  const id = leadId()
  return id ? listState.rows.findIndex((r) => r.id === id) : -1
}

/**
 * The one selected row for single-row commands (open, read, edit): the lead when it is
 * selected, else the last row chosen; null when nothing is selected.
 */
export function selectedRow(): ListRow | null {
  const lead = leadId()
  const set = selectedSet()
  const id = lead && set.has(lead) ? lead : app.selectedIds.at(-1)
  return id ? (listState.rows.find((r) => r.id === id) ?? null) : null
}

/** The rows bulk actions act on: every selected row, top to bottom. */
export function selectedRows(): ListRow[] {
  return inListOrder(selectedSet(), listState.rows)
}

/** Bumped with the row index the list should scroll into view. */
export const scrollRequest = $state({ index: -1, serial: 0 })

/** Scroll the row at `index` into view and fetch more rows when it is near the end. */
function reveal(index: number): ListRow | null {
  const rows = listState.rows
  if (rows.length === 0) return null
  const i = Math.min(Math.max(index, 0), rows.length - 1)
  scrollRequest.index = i
  scrollRequest.serial += 1
  // Near the end of what is loaded: fetch the next page before the reader gets there.
  if (i > rows.length - 20) void loadMore()
  return rows[i]!
}

/** Select only the row at `index` (clamped) and scroll it into view; returns it, or null. */
export function selectIndex(index: number): ListRow | null {
  applySelection(selectOne(listState.rows, index))
  return reveal(index)
}

/** Move the selection by `delta` rows (from the top when nothing is selected). */
export function moveSelection(delta: number): ListRow | null {
  const current = selectedIndex()
  return selectIndex(current < 0 ? 0 : current + delta)
}

/** Ctrl/Cmd+click: add the row at `index` to the selection or take it out. */
export function toggleIndex(index: number): void {
  const before = currentSelection()
  const after = toggleOne(before, listState.rows, index)
  const id = after.lead
  if (after === before || !id) return
  applySelection(after, after.ids.length > before.ids.length ? { add: id } : { remove: id })
}

/** Shift+click (with `add`, Ctrl+Shift+click): select from the anchor to the row at `index`. */
export function extendToIndex(index: number, add = false): void {
  applySelection(selectRange(currentSelection(), listState.rows, index, add))
  reveal(index)
}

/** Shift+j/k, Shift+arrows: move the lead by `delta` rows, selecting from the anchor to it. */
export function extendSelection(delta: number): void {
  const current = selectedIndex()
  if (current < 0) {
    selectIndex(0)
    return
  }
  extendToIndex(current + delta)
}

/** Esc: leave only the row the keyboard is on selected. */
export function collapseSelection(): void {
  applySelection(collapse(currentSelection()))
}

/** While Select all fetches the rows not loaded yet: how many of how many are in. */
export const selectingAll = $state({ active: false, loaded: 0, total: 0 })

/** Rows per request while Select all fetches the rest of the list (the contract's most). */
const SELECT_ALL_PAGE = 500

/**
 * Select every article in the list, not only the rows loaded so far.
 *
 * The list is keyset-paged, so the rows below the last loaded page are not in the window yet.
 * "All" means what the header counts (every article of this view or search), as in a mail
 * client: a bulk action on whichever rows happened to be scrolled past would surprise. The
 * rest is fetched here through the same `articles.list`/`search` pages the list scrolls by
 * (the list holds 100,000 rows as easily as 100, since only a screenful is drawn), rather
 * than carried as a filter or query: the contract's bulk changes are one request per article
 * anyway, the export scope takes ids, and a fixed set of ids acts on exactly what the reader
 * saw selected even if the library changes meanwhile. The loaded rows are selected at once;
 * the rest join when their pages are in. A new view or search stops it.
 */
export async function selectAll(): Promise<void> {
  if (selectingAll.active) return
  const view = app.view
  const query = app.query
  applySelection(selectEvery(currentSelection(), listState.rows))
  if (!listState.nextCursor) return
  // A click meanwhile (a new selection) wins over the rest of the rows arriving.
  const mine = app.selectedIds
  const same = () => app.view === view && app.query === query && app.selectedIds === mine
  selectingAll.active = true
  selectingAll.total = listState.total ?? 0
  try {
    while (listState.nextCursor && same()) {
      const before = listState.rows.length
      selectingAll.loaded = before
      await loadMore(SELECT_ALL_PAGE)
      // A failed page leaves the cursor where it was: stop rather than ask again forever.
      if (listState.rows.length === before && listState.error) break
    }
    if (same()) applySelection(selectEvery(currentSelection(), listState.rows))
  } finally {
    selectingAll.active = false
  }
}

/**
 * Show a change to one article at once (its star, read mark …), before the list reloads, so
 * a second key press acts on what the reader sees.
 */
export function patchRow(article: ArticleSummary & { markdown?: string }): void {
  patchRows([article])
}

/**
 * Show changes to many articles in one pass over the rows (a bulk action's answers, gathered
 * per frame), so 1,000 answers cost one copy of the list per frame rather than 1,000.
 */
export function patchRows(articles: readonly (ArticleSummary & { markdown?: string })[]): void {
  // A lookup built and read within this call, never state: no reactive map needed.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const byId = new Map<string, ArticleSummary>()
  for (const article of articles) {
    const { markdown: _markdown, ...summary } = article
    byId.set(article.id, summary)
  }
  let changed = false
  const rows = listState.rows.map((r) => {
    const summary = byId.get(r.id)
    if (!summary) return r
    changed = true
    return { ...summary, snippet: r.snippet }
  })
  if (changed) listState.rows = rows
}
