/**
 * The window's own commands: going between views, the list's keys, new article, search,
 * the palette and dialogs, themes and text size. The article pane registers the commands for
 * an open article itself; where both use a key (s, e, r …), the pane's wins while an article
 * is open (see availableCommands), and the list's act on the selected row otherwise.
 */
import type { Settings } from '../../../shared/settings'
import { api } from '../api'
import { type AppCommand, registerCommands } from '../commands/registry.svelte'
import {
  app,
  closeArticle,
  focusList,
  focusSearch,
  libraryChanged,
  notify,
  openArticle,
  showView,
  type View,
} from './app-state.svelte'
import { pickAndImport } from './file-import'
import { moveSelection, selectedRow } from './list-state.svelte'
import {
  emptyTrash,
  purge,
  restore,
  toggleArchive,
  toggleRead,
  toggleStar,
  trash,
} from './row-actions'
import { changeSettings, settingsState, stepFontSize } from './settings-state.svelte'

const noDialog = () => app.dialog === null
const inTrash = () => app.view.kind === 'trash'
/** The list's row keys act when an article is selected. */
const hasRow = () => noDialog() && selectedRow() !== null
/** Keys the open article also uses (s, e, r …) act on the row only while none is open. */
const rowOnly = () => hasRow() && app.openId === null

/** Run `fn` on the selected row, if there is one. */
const onRow = (fn: (row: NonNullable<ReturnType<typeof selectedRow>>) => unknown) => () => {
  const row = selectedRow()
  if (row) void fn(row)
}

async function newArticle(): Promise<void> {
  try {
    const article = await api()['articles.create']({ markdown: '# Untitled\n\n' })
    if (app.view.kind === 'trash' || app.view.kind === 'archive') showView({ kind: 'all' })
    app.query = ''
    app.selectedIds = [article.id]
    libraryChanged()
    openArticle(article.id, 'split')
  } catch (err) {
    notify(`Could not create an article: ${(err as Error).message}`)
  }
}

/** Esc: close a dialog, else the article, else the search; back to the list each time. */
function back(): void {
  if (app.dialog) app.dialog = null
  else if (app.openId) closeArticle()
  else if (app.query) app.query = ''
  focusList()
}

const GO: { kind: View['kind']; title: string; keys: string }[] = [
  { kind: 'all', title: 'All articles', keys: 'g a' },
  { kind: 'unread', title: 'Unread', keys: 'g u' },
  { kind: 'starred', title: 'Starred', keys: 'g s' },
  { kind: 'drafts', title: 'Drafts', keys: 'g d' },
  { kind: 'archive', title: 'Archive', keys: 'g r' },
  { kind: 'trash', title: 'Trash', keys: 'g t' },
]

const THEMES: { theme: Settings['theme']; title: string }[] = [
  { theme: 'light', title: 'Light theme' },
  { theme: 'dark', title: 'Dark theme' },
  { theme: 'sepia', title: 'Sepia theme' },
  { theme: 'system', title: 'Theme as the system' },
]

/** Every command of the window. */
export function windowCommands(): AppCommand[] {
  return [
    {
      id: 'palette.open',
      title: 'Command palette',
      group: 'Window',
      shortcut: 'Mod+K',
      run: () => void (app.dialog = app.dialog === 'palette' ? null : 'palette'),
    },
    {
      id: 'help.shortcuts',
      title: 'Keyboard shortcuts',
      group: 'Window',
      shortcut: 'Shift+?',
      enabled: noDialog,
      run: () => void (app.dialog = 'help'),
    },
    {
      id: 'settings.open',
      title: 'Settings',
      group: 'Window',
      shortcut: 'Mod+,',
      run: () => void (app.dialog = 'settings'),
    },
    {
      id: 'article.new',
      title: 'New article',
      group: 'Article',
      shortcut: 'Mod+N',
      run: newArticle,
    },
    {
      id: 'library.import',
      title: 'Import Markdown files…',
      group: 'Library',
      shortcut: 'Mod+O',
      run: pickAndImport,
    },
    {
      id: 'search.focus',
      title: 'Search',
      group: 'Go',
      shortcut: '/',
      enabled: noDialog,
      run: focusSearch,
    },
    {
      id: 'nav.back',
      title: 'Back (close article, clear search)',
      group: 'Go',
      shortcut: 'Escape',
      run: back,
    },
    ...GO.map((g, i): AppCommand => ({
      id: `go.${g.kind}`,
      title: `Go to ${g.title}`,
      group: 'Go',
      shortcut: g.keys,
      alsoKeys: [`Mod+${i + 1}`],
      run: () => {
        showView({ kind: g.kind } as View)
        focusList()
      },
    })),
    {
      id: 'list.next',
      title: 'Next article',
      group: 'List',
      shortcut: 'j',
      alsoKeys: ['n'],
      enabled: noDialog,
      run: () => stepAndFollow(1),
    },
    {
      id: 'list.previous',
      title: 'Previous article',
      group: 'List',
      shortcut: 'k',
      alsoKeys: ['p'],
      enabled: noDialog,
      run: () => stepAndFollow(-1),
    },
    {
      id: 'list.open',
      title: 'Open selected article',
      group: 'List',
      shortcut: 'Enter',
      enabled: hasRow,
      run: onRow((row) => openArticle(row.id)),
    },
    {
      id: 'list.read',
      title: 'Read selected article',
      group: 'List',
      shortcut: 'r',
      enabled: rowOnly,
      priority: 1,
      run: onRow((row) => openArticle(row.id, 'read')),
    },
    {
      id: 'list.edit',
      title: 'Edit selected article',
      group: 'List',
      shortcut: 'e',
      enabled: rowOnly,
      priority: 1,
      run: onRow((row) => openArticle(row.id, 'edit')),
    },
    {
      id: 'list.star',
      title: 'Star or unstar selected article',
      group: 'List',
      shortcut: 's',
      enabled: rowOnly,
      priority: 1,
      run: onRow(toggleStar),
    },
    {
      id: 'list.archive',
      title: 'Archive or unarchive selected article',
      group: 'List',
      shortcut: 'a',
      enabled: () => rowOnly() && !inTrash(),
      priority: 1,
      run: onRow(toggleArchive),
    },
    {
      id: 'list.toggleRead',
      title: 'Mark selected article read or unread',
      group: 'List',
      shortcut: 'u',
      enabled: rowOnly,
      priority: 1,
      run: onRow(toggleRead),
    },
    {
      id: 'list.trash',
      title: 'Move selected article to the Trash',
      group: 'List',
      shortcut: 'Delete',
      alsoKeys: ['#', 'Shift+#'],
      enabled: () => rowOnly() && !inTrash(),
      priority: 1,
      run: onRow(trash),
    },
    {
      id: 'trash.restore',
      title: 'Restore selected article from the Trash',
      group: 'Trash',
      shortcut: 'Shift+R',
      enabled: () => hasRow() && inTrash(),
      run: onRow(restore),
    },
    {
      id: 'trash.purge',
      title: 'Delete selected article for good',
      group: 'Trash',
      shortcut: 'Shift+Delete',
      enabled: () => hasRow() && inTrash(),
      run: onRow(purge),
    },
    { id: 'trash.empty', title: 'Empty the Trash', group: 'Trash', run: emptyTrash },
    {
      id: 'view.toggleSidebar',
      title: 'Show or hide the sidebar',
      group: 'View',
      shortcut: 'Mod+\\',
      run: () => changeSettings({ sidebarVisible: !settingsState.value.sidebarVisible }),
    },
    ...THEMES.map((t): AppCommand => ({
      id: `theme.${t.theme}`,
      title: t.title,
      group: 'View',
      enabled: () => settingsState.value.theme !== t.theme,
      run: () => changeSettings({ theme: t.theme }),
    })),
    {
      id: 'font.serif',
      title: 'Serif font',
      group: 'View',
      enabled: () => settingsState.value.fontFamily !== 'serif',
      run: () => changeSettings({ fontFamily: 'serif' }),
    },
    {
      id: 'font.sans',
      title: 'Sans-serif font',
      group: 'View',
      enabled: () => settingsState.value.fontFamily !== 'sans',
      run: () => changeSettings({ fontFamily: 'sans' }),
    },
    {
      id: 'text.bigger',
      title: 'Bigger text',
      group: 'View',
      shortcut: 'Mod+=',
      alsoKeys: ['Mod+Shift++', 'Mod++'],
      run: () => stepFontSize(1),
    },
    {
      id: 'text.smaller',
      title: 'Smaller text',
      group: 'View',
      shortcut: 'Mod+-',
      run: () => stepFontSize(-1),
    },
  ]
}

/** j/k: move the selection; with an article open, open the newly selected one too. */
function stepAndFollow(delta: number): void {
  const row = moveSelection(delta)
  if (row && app.openId && app.openId !== row.id) openArticle(row.id)
}

/** Register the window's commands; returns the function that removes them. */
export function registerWindowCommands(): () => void {
  return registerCommands(windowCommands())
}
