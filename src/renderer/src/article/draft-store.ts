/**
 * Unsaved text kept in the window's local storage, written synchronously when the window
 * goes away (close, reload, crash-prone moments) so that text typed in the last second is
 * never lost even when the save request cannot finish. Read back when the article is next
 * opened, and removed once the library has the text.
 */

/** Text not yet in the library, and the version it was written on. */
export interface Draft {
  markdown: string
  baseVersion: number
  savedAt: string
}

const key = (id: string): string => `broadsheet.draft.${id}`

/** Keep `markdown` for article `id`. Returns false when storage is full or unavailable. */
export function writeDraft(id: string, markdown: string, baseVersion: number): boolean {
  try {
    const draft: Draft = { markdown, baseVersion, savedAt: new Date().toISOString() }
    localStorage.setItem(key(id), JSON.stringify(draft))
    return true
  } catch {
    return false
  }
}

/** The draft kept for article `id`, or null. */
export function readDraft(id: string): Draft | null {
  try {
    const raw = localStorage.getItem(key(id))
    if (raw === null) return null
    const draft = JSON.parse(raw) as Partial<Draft>
    if (typeof draft.markdown !== 'string' || typeof draft.baseVersion !== 'number') return null
    return {
      markdown: draft.markdown,
      baseVersion: draft.baseVersion,
      savedAt: String(draft.savedAt),
    }
  } catch {
    return null
  }
}

/** Drop the draft of article `id` (the library has the text now). */
export function clearDraft(id: string): void {
  try {
    localStorage.removeItem(key(id))
  } catch {
    // Storage unavailable: there is nothing to clear.
  }
}
