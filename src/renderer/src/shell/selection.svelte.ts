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

let setFor: readonly string[] | null = null
let set: ReadonlySet<string> = new Set()

/** The selected ids as a Set, rebuilt only when the selection changes. Reactive. */
export function selectedSet(): ReadonlySet<string> {
  const ids = app.selectedIds
  if (ids !== setFor) {
    // Rebuilt whole from the (reactive) ids and never changed in place: no reactive set needed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    set = new Set(ids)
    setFor = ids
  }
  return set
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

/** Make `sel` the selection. */
export function applySelection(sel: Selection): void {
  // A fresh array each time, so anything holding the old one sees the change.
  const ids = sel.ids === app.selectedIds ? [...sel.ids] : sel.ids
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
