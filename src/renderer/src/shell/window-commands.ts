/**
 * The window's own commands: going between views, the list's keys, new article, search,
 * the palette and dialogs, themes and text size. The article pane registers the commands for
 * an open article itself; where both use a key (s, a, u, Delete …), the pane's wins while an
 * article is open and one row is selected (see availableCommands), and the list's act on the
 * selected rows otherwise: with several rows selected, s, a, u, Delete/# act on all of them
 * even beside an open article, as in a mail client.
 */
import type { Settings } from '../../../shared/settings'
import { api } from '../api'
import { type AppCommand, registerCommands, runCommand } from '../commands/registry.svelte'
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
import {
  collapseSelection,
  extendSelection,
  listState,
  moveSelection,
  selectAll,
  selectedRow,
} from './list-state.svelte'
import { emptyTrash } from './row-actions'
import {
  archiveSelection,
  markSelection,
  purgeSelection,
  restoreSelection,
  starSelection,
  toggleReadSelection,
  trashSelection,
} from './selection-actions.svelte'
import { requestTagInput, selectedCount } from './selection.svelte'
import { changeSettings, settingsState, stepFontSize } from './settings-state.svelte'

const noDialog = () => app.dialog === null
/**
 * The list's commands are listed in the palette too (it is open while it lists them); their
 * plain keys cannot fire from its text field.
 */
const noDialogButPalette = () => app.dialog === null || app.dialog === 'palette'
const inTrash = () => app.view.kind === 'trash'
/** The list's row keys act when an article is selected. */
const hasRow = () => noDialogButPalette() && selectedRow() !== null
/** Several rows are selected: the list's keys act on all of them. */
const many = () => noDialogButPalette() && selectedCount() > 1
/**
 * Keys the open article also uses (s, a, u …) act on the list's selection while no article
 * is open, or while several rows are selected.
 */
const listKeys = () => hasRow() && (app.openId === null || selectedCount() > 1)
/** r and e open the selected row, so they are the open article's while one is open. */
const rowOnly = () => hasRow() && app.openId === null

/** Run `fn` on the selected row, if there is one. */
const onRow = (fn: (row: NonNullable<ReturnType<typeof selectedRow>>) => unknown) => () => {
  const row = selectedRow()
  if (row) void fn(row)
}

async function newArticle(): Promise<void> {
  try {
    // The writer's own draft is not news waiting to be read: it is not listed as unread.
    const article = await api()['articles.create']({
      markdown: '# Untitled\n\n',
      state: { read: true },
    })
    // Into a list that holds it, with its row selected (Unread, Starred, a tag… would not).
    if (app.view.kind !== 'all' && app.view.kind !== 'drafts') showView({ kind: 'all' })
    app.query = ''
    app.selectedIds = [article.id]
    libraryChanged()
    openArticle(article.id, 'split')
  } catch (err) {
    notify(`Could not create an article: ${(err as Error).message}`)
  }
}

/**
 * Esc: close a dialog, else clear a selection of several rows (the row the keyboard is on
 * stays, as the list's cursor), else close the article, else the search; back to the list
 * each time.
 */
function back(): void {
  if (app.dialog) app.dialog = null
  else if (selectedCount() > 1) collapseSelection()
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
      title: 'Back (clear selection, close article, clear search)',
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
      id: 'list.extendDown',
      title: 'Select the next article too',
      group: 'Selection',
      shortcut: 'Shift+J',
      alsoKeys: ['Shift+N'],
      enabled: noDialog,
      run: () => extendSelection(1),
    },
    {
      id: 'list.extendUp',
      title: 'Select the previous article too',
      group: 'Selection',
      shortcut: 'Shift+K',
      alsoKeys: ['Shift+P'],
      enabled: noDialog,
      run: () => extendSelection(-1),
    },
    {
      // Ctrl/Cmd+A itself is the list's own key (ArticleList.svelte), since in the search box
      // or the reader it must keep selecting text.
      id: 'list.selectAll',
      title: 'Select all articles in the list',
      group: 'Selection',
      enabled: () => noDialogButPalette() && listState.rows.length > 0,
      run: () => {
        void selectAll()
        focusList()
      },
    },
    {
      id: 'list.clearSelection',
      title: 'Clear the selection',
      group: 'Selection',
      enabled: many,
      run: collapseSelection,
    },
    {
      id: 'list.star',
      title: 'Star or unstar selected articles',
      group: 'Selection',
      shortcut: 's',
      enabled: listKeys,
      priority: 1,
      run: starSelection,
    },
    {
      id: 'list.archive',
      title: 'Archive or unarchive selected articles',
      group: 'Selection',
      shortcut: 'a',
      enabled: () => listKeys() && !inTrash(),
      priority: 1,
      run: archiveSelection,
    },
    {
      id: 'list.toggleRead',
      title: 'Mark selected articles read or unread',
      group: 'Selection',
      shortcut: 'u',
      enabled: listKeys,
      priority: 1,
      run: toggleReadSelection,
    },
    {
      id: 'list.markRead',
      title: 'Mark selected articles read',
      group: 'Selection',
      enabled: many,
      run: () => markSelection(true),
    },
    {
      id: 'list.markUnread',
      title: 'Mark selected articles unread',
      group: 'Selection',
      enabled: many,
      run: () => markSelection(false),
    },
    {
      id: 'list.tag',
      title: 'Add a tag to selected articles…',
      group: 'Selection',
      enabled: () => many() && !inTrash(),
      run: requestTagInput,
    },
    {
      id: 'list.trash',
      title: 'Move selected articles to the Trash',
      group: 'Selection',
      shortcut: 'Delete',
      alsoKeys: ['#', 'Shift+#'],
      enabled: () => listKeys() && !inTrash(),
      priority: 1,
      run: trashSelection,
    },
    {
      id: 'list.export',
      title: 'Export selected articles…',
      group: 'Selection',
      enabled: many,
      run: () => void runCommand('export.open'),
    },
    {
      id: 'trash.restore',
      title: 'Restore selected articles from the Trash',
      group: 'Trash',
      shortcut: 'Shift+R',
      enabled: () => hasRow() && inTrash(),
      priority: 1,
      run: restoreSelection,
    },
    {
      id: 'trash.purge',
      title: 'Delete selected articles for good',
      group: 'Trash',
      shortcut: 'Shift+Delete',
      enabled: () => hasRow() && inTrash(),
      priority: 1,
      run: purgeSelection,
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
