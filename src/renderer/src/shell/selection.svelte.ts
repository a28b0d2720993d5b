/**
 * The list's live selection. The ids themselves stay in `app.selectedIds` (the export dialog
 * and the rest of the window read them there); this adds the anchor and the lead row (see
 * selection-model.ts) and a Set of the ids, so each drawn row asks "am I selected?" in
 * constant time however many are selected.
 */
import { app } from './app-state.svelte'
import type { Selection } from './selection-model'

/** The anchor and lead, valid while `app.selectedIds` is the array they were set with. */
let marks: Selection = $state.raw({ ids: [], anchor: null, lead: null })

/** Which ids are selected: what a drawn row asks. */
export interface SelectedIds {
  has(id: string): boolean
  readonly size: number
}

/** The ids `set` holds, and the view of it handed out for those ids. */
let setFor: readonly string[] | null = null
// Owned here and only ever changed to match `app.selectedIds` (whole, or by one id for a
// Ctrl+click): not state itself, since the view below is renewed whenever it changes.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
let set = new Set<string>()
let viewFor: readonly string[] | null = null
let view: SelectedIds = { has: () => false, size: 0 }

/**
 * The selected ids as a Set: a new view whenever the selection changes (so what reads it
 * updates), over a Set rebuilt only when the selection was replaced, and changed in place
 * when one id came or went (rebuilding 100,000 ids would cost a Ctrl+click tens of ms).
 * Reactive.
 */
export function selectedSet(): SelectedIds {
  const ids = app.selectedIds
  if (ids !== setFor) {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    set = new Set(ids)
    setFor = ids
  }
  if (ids !== viewFor) {
    const current = set
    view = { has: (id) => current.has(id), size: ids.length }
    viewFor = ids
  }
  return view
}

/** How many articles are selected. Reactive. */
export function selectedCount(): number {
  return app.selectedIds.length
}

/**
 * The selection with its anchor and lead. Code elsewhere may set `app.selectedIds` on its
 * own (a new article, a new view); the marks then follow the last id of it.
 */
export function currentSelection(): Selection {
  const ids = app.selectedIds
  if (marks.ids === ids) return marks
  const last = ids.at(-1) ?? null
  return { ids, anchor: last, lead: last }
}

/** The row the keyboard is on (the lead), or null. Reactive. */
export function leadId(): string | null {
  return currentSelection().lead
}

/**
 * Make `sel` the selection. `change` says it differs from the current one by this one id
 * only, so the Set is changed in place rather than rebuilt.
 */
export function applySelection(sel: Selection, change?: { add?: string; remove?: string }): void {
  // A fresh array each time, so anything holding the old one sees the change.
  const ids = sel.ids === app.selectedIds ? [...sel.ids] : sel.ids
  if (change && setFor === app.selectedIds) {
    if (change.add !== undefined) set.add(change.add)
    if (change.remove !== undefined) set.delete(change.remove)
    setFor = ids
  }
  marks = { ...sel, ids }
  app.selectedIds = ids as string[]
}

/** "Add a tag…" asks the list header for its tag field; bumped on each request. */
export const tagInput = $state({ open: false, requests: 0 })

/** Show the list header's tag field and put the cursor in it. */
export function requestTagInput(): void {
  tagInput.open = true
  tagInput.requests += 1
}
