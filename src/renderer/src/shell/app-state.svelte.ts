/**
 * The window's shared state: which list is shown, what is searched, which article is open
 * and how. Every part of the window reads it and changes it through the functions below, so
 * the sidebar, the list, the article pane, dialogs and the desktop menu agree.
 */

/** How an article is shown: reader view only, editor beside preview, or editor only. */
export type ArticleMode = 'read' | 'split' | 'edit'

/** The list the sidebar selected. */
export type View =
  | { kind: 'all' | 'unread' | 'starred' | 'drafts' | 'archive' | 'trash' }
  | { kind: 'tag'; tag: string }
  | { kind: 'feed'; feedId: string }

class AppState {
  view: View = $state({ kind: 'all' })
  /** What is typed in the search box (the library's query language); '' lists the view. */
  query = $state('')
  /** The open article's id, or null. */
  openId: string | null = $state(null)
  mode: ArticleMode = $state('read')
  /**
   * Articles selected in the list (for bulk actions and export), in the order chosen. Raw:
   * always replaced whole, never changed in place, so a selection of 100,000 ids is one value
   * rather than 100,000 reactive proxies (shell/selection.svelte.ts keeps a Set of it).
   */
  selectedIds: string[] = $state.raw([])
  /** Bumped whenever the library changed (here, in another window, or by the CLI). */
  changes = $state(0)
  /** The window's own dialog that is open (the palette, settings, shortcut help), or null. */
  dialog: 'palette' | 'settings' | 'help' | null = $state(null)
  /** Bumped to ask the search box to take the keyboard focus. */
  searchFocusRequests = $state(0)
  /** Bumped to ask the article list to take the keyboard focus. */
  listFocusRequests = $state(0)
  /** A short message for the status line (import results, errors), or ''. */
  notice = $state('')
}

/** The one instance. */
export const app = new AppState()

/** Open an article, optionally in a given mode (keeps the current mode otherwise). */
export function openArticle(id: string, mode?: ArticleMode): void {
  app.openId = id
  if (mode) app.mode = mode
}

/** Close the open article. */
export function closeArticle(): void {
  app.openId = null
}

/** Show another list (clears the search and the selection). */
export function showView(view: View): void {
  app.view = view
  app.query = ''
  app.selectedIds = []
}

/** Tell every part of the window that the library changed and lists should refresh. */
export function libraryChanged(): void {
  app.changes += 1
}

/** Show a short message in the window's status line (read out by screen readers). */
export function notify(message: string): void {
  app.notice = message
}

/** Put the keyboard focus in the search box. */
export function focusSearch(): void {
  app.searchFocusRequests += 1
}

/** Put the keyboard focus on the article list. */
export function focusList(): void {
  app.listFocusRequests += 1
}
