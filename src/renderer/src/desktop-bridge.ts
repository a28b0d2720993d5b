/**
 * The page's side of the desktop shell's events (see src/preload/desktop-events.ts): menu
 * items run app commands, writes by other processes refresh the lists, and files the OS
 * opened are shown. In browser mode there is no `window.desktop` and this does nothing.
 */
import { EditorView } from '@codemirror/view'
import { openSearchPanel } from '@codemirror/search'
import type { DesktopBridge, DesktopEvent } from '../../shared/desktop-events'
import { runCommand } from './commands/registry.svelte'
import { libraryChanged, openArticle, showView } from './shell/app-state.svelte'

declare global {
  interface Window {
    /** The shell's event subscription, put there by the desktop preload (absent in a browser). */
    desktop?: DesktopBridge
  }
}

/** The Go menu's lists, used when no part of the window has registered a `go.*` command. */
const GO_VIEWS: Record<string, 'all' | 'unread' | 'starred' | 'drafts' | 'archive' | 'trash'> = {
  'go.all': 'all',
  'go.unread': 'unread',
  'go.starred': 'starred',
  'go.drafts': 'drafts',
  'go.archive': 'archive',
  'go.trash': 'trash',
}

/** Act on one event from the shell. */
export function handleDesktopEvent(event: DesktopEvent): void {
  switch (event.type) {
    case 'command':
      runMenuCommand(event.id)
      break
    case 'library-changed':
      libraryChanged()
      break
    case 'open-article':
      libraryChanged()
      openArticle(event.id)
      break
  }
}

/**
 * Run a menu item's command through the registry, like the palette does. A few menu items
 * have a fallback here so they work before (or without) a registered command.
 */
function runMenuCommand(id: string): void {
  if (runCommand(id)) return
  const view = GO_VIEWS[id]
  if (view) {
    showView({ kind: view })
  } else if (id === 'edit.find') {
    find()
  }
}

/** Edit ▸ Find: search within the focused editor, else go to the library's search box. */
function find(): void {
  const focused = document.activeElement
  const editor = focused instanceof HTMLElement ? focused.closest<HTMLElement>('.cm-editor') : null
  const view = editor ? EditorView.findFromDOM(editor) : null
  if (view) {
    openSearchPanel(view)
    return
  }
  if (!runCommand('search.focus'))
    document.querySelector<HTMLElement>('[aria-label="Search"]')?.focus()
}

window.desktop?.onEvent(handleDesktopEvent)
