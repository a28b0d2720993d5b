/**
 * The article list's rows: the loaded pages of the current view or search, more pages as the
 * list scrolls, and a reload that keeps what was loaded (so a live update does not throw the
 * reader back to the top or lose the selection).
 */
import type { ArticleSummary } from '../../../shared/model'
import { app } from './app-state.svelte'
import { fetchRows, type ListRow, PAGE_SIZE } from './list-source'

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

/** Load the next page, if there is one and none is loading. */
export function loadMore(): Promise<void> {
  if (!listState.nextCursor || more) return more ?? Promise.resolve()
  const mine = generation
  const cursor = listState.nextCursor
  more = fetchRows(app.view, app.query, cursor)
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
 * Rows are swapped in one step, so the scroll position holds. When the selected article left
 * the list (trashed, archived), the row now in its place is selected instead.
 */
export async function refresh(): Promise<void> {
  const mine = ++generation
  more = null
  const want = Math.max(listState.rows.length, 1)
  const selected = app.selectedIds[0]
  const oldIndex = selected ? listState.rows.findIndex((r) => r.id === selected) : -1
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
    if (selected && oldIndex >= 0 && !rows.some((r) => r.id === selected)) {
      const next = rows[Math.min(oldIndex, rows.length - 1)]
      app.selectedIds = next ? [next.id] : []
    }
  } catch (err) {
    if (mine === generation) listState.error = (err as Error).message
  }
}

/** The index of the selected row in the loaded rows, or -1. */
export function selectedIndex(): number {
  const id = app.selectedIds[0]
  return id ? listState.rows.findIndex((r) => r.id === id) : -1
}

/** The selected row, or null. */
export function selectedRow(): ListRow | null {
  return listState.rows[selectedIndex()] ?? null
}

/** Bumped with the row index the list should scroll into view. */
export const scrollRequest = $state({ index: -1, serial: 0 })

/** Select the row at `index` (clamped) and scroll it into view; returns it, or null. */
export function selectIndex(index: number): ListRow | null {
  const rows = listState.rows
  if (rows.length === 0) return null
  const i = Math.min(Math.max(index, 0), rows.length - 1)
  const row = rows[i]!
  app.selectedIds = [row.id]
  scrollRequest.index = i
  scrollRequest.serial += 1
  // Near the end of what is loaded: fetch the next page before the reader gets there.
  if (i > rows.length - 20) void loadMore()
  return row
}

/** Move the selection by `delta` rows (from the top when nothing is selected). */
export function moveSelection(delta: number): ListRow | null {
  const current = selectedIndex()
  return selectIndex(current < 0 ? 0 : current + delta)
}

/**
 * Show a change to one article at once (its star, read mark …), before the list reloads, so
 * a second key press acts on what the reader sees.
 */
export function patchRow(article: ArticleSummary & { markdown?: string }): void {
  const { markdown: _markdown, ...summary } = article
  if (!listState.rows.some((r) => r.id === article.id)) return
  listState.rows = listState.rows.map((r) =>
    r.id === article.id ? { ...summary, snippet: r.snippet } : r,
  )
}
