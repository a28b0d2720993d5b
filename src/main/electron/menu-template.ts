// The application menu as data: a pure function of the platform and a few callbacks, so its
// items, roles and shortcuts are tested under Node. menu.ts turns it into the native menu.
import type { MenuItemConstructorOptions } from 'electron'
import type { ThemeSetting } from './theme'

/** What the menu needs to know and do. */
export interface MenuOptions {
  /** `process.platform`: macOS gets the app menu and its conventions. */
  platform: NodeJS.Platform
  /** The name shown on the macOS app menu. */
  appName: string
  /** Development build: adds Reload and Developer Tools. Default false. */
  isDev?: boolean
  /** The current `theme` setting, checked in View ▸ Theme. Default 'system'. */
  theme?: ThemeSetting
  /** Ask the page to run the app command with this id (`runCommand` in the renderer). */
  command: (id: string) => void
  /** File ▸ Import: choose Markdown files and import them (done by the main process). */
  importFiles: () => void
  /** Help ▸ Show Library Folder: reveal the library in the file manager. */
  showLibraryFolder: () => void
}

/** A menu item that runs an app command in the page; its MenuItem id is the command id. */
function command(
  o: MenuOptions,
  id: string,
  label: string,
  accelerator?: string,
): MenuItemConstructorOptions {
  return { id, label, ...(accelerator ? { accelerator } : {}), click: () => o.command(id) }
}

/**
 * The menu bar. App commands are sent to the page by id (the page's command registry runs
 * them, exactly as the palette would); editing, zoom, window and quit items use Electron's
 * roles, which bring each platform's own shortcuts. Shortcuts always carry CmdOrCtrl (a bare
 * letter would be taken from the editor). Developer items appear only with `isDev`.
 */
export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin'
  const theme = o.theme ?? 'system'
  const themeItem = (id: ThemeSetting, label: string): MenuItemConstructorOptions => ({
    id: `theme.${id}`,
    label,
    type: 'radio',
    checked: theme === id,
    click: () => o.command(`theme.${id}`),
  })
  const sep: MenuItemConstructorOptions = { type: 'separator' }

  const appMenu: MenuItemConstructorOptions = {
    label: o.appName,
    submenu: [
      { role: 'about' },
      sep,
      command(o, 'settings.open', 'Settings…', 'CmdOrCtrl+,'),
      sep,
      { role: 'services' },
      sep,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      sep,
      { role: 'quit' },
    ],
  }

  const file: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [
      command(o, 'article.new', 'New Article', 'CmdOrCtrl+N'),
      sep,
      {
        id: 'file.import',
        label: 'Import Markdown Files…',
        accelerator: 'CmdOrCtrl+O',
        click: () => o.importFiles(),
      },
      command(o, 'clip.open', 'Save Page from URL…', 'CmdOrCtrl+Shift+S'),
      command(o, 'feeds.add', 'Add Feed…'),
      command(o, 'feeds.refreshAll', 'Refresh All Feeds', 'CmdOrCtrl+Shift+R'),
      sep,
      command(o, 'export.open', 'Export…', 'CmdOrCtrl+Shift+E'),
      sep,
      { role: 'close' },
      ...(mac
        ? []
        : [
            sep,
            command(o, 'settings.open', 'Settings…', 'CmdOrCtrl+,'),
            sep,
            { role: 'quit' as const },
          ]),
    ],
  }

  const edit: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' as const }] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      sep,
      command(o, 'edit.find', 'Find…', 'CmdOrCtrl+F'),
      ...(mac
        ? [
            sep,
            {
              label: 'Speech',
              submenu: [{ role: 'startSpeaking' as const }, { role: 'stopSpeaking' as const }],
            },
          ]
        : []),
    ],
  }

  const view: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      command(o, 'article.read', 'Read', 'CmdOrCtrl+Shift+1'),
      command(o, 'article.split', 'Split', 'CmdOrCtrl+Shift+2'),
      command(o, 'article.edit', 'Edit', 'CmdOrCtrl+Shift+3'),
      sep,
      command(o, 'view.toggleSidebar', 'Toggle Sidebar', 'CmdOrCtrl+\\'),
      command(o, 'palette.open', 'Command Palette…', 'CmdOrCtrl+K'),
      sep,
      {
        label: 'Theme',
        submenu: [
          themeItem('system', 'Follow System'),
          themeItem('light', 'Light'),
          themeItem('dark', 'Dark'),
          themeItem('sepia', 'Sepia'),
        ],
      },
      sep,
      // The reader's zoom is the text size (a setting kept in the library), on the keys
      // Electron's zoom roles would take; Actual Size resets the page zoom (pinch, Ctrl+wheel).
      command(o, 'text.bigger', 'Larger Text', 'CmdOrCtrl+='),
      command(o, 'text.smaller', 'Smaller Text', 'CmdOrCtrl+-'),
      { role: 'resetZoom' },
      sep,
      { role: 'togglefullscreen' },
      ...(o.isDev
        ? [
            sep,
            { role: 'reload' as const },
            { role: 'forceReload' as const },
            { role: 'toggleDevTools' as const },
          ]
        : []),
    ],
  }

  const go: MenuItemConstructorOptions = {
    label: mac ? 'Go' : '&Go',
    submenu: [
      command(o, 'go.all', 'All Articles', 'CmdOrCtrl+1'),
      command(o, 'go.unread', 'Unread', 'CmdOrCtrl+2'),
      command(o, 'go.starred', 'Starred', 'CmdOrCtrl+3'),
      command(o, 'go.drafts', 'Drafts', 'CmdOrCtrl+4'),
      command(o, 'go.archive', 'Archive', 'CmdOrCtrl+5'),
      command(o, 'go.trash', 'Trash', 'CmdOrCtrl+6'),
    ],
  }

  const windowMenu: MenuItemConstructorOptions = {
    label: mac ? 'Window' : '&Window',
    role: 'window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, sep, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  }

  const help: MenuItemConstructorOptions = {
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [
      command(o, 'help.shortcuts', 'Keyboard Shortcuts'),
      {
        id: 'help.libraryFolder',
        label: 'Show Library Folder',
        click: () => o.showLibraryFolder(),
      },
      ...(mac ? [] : [sep, { role: 'about' as const }]),
    ],
  }

  return [...(mac ? [appMenu] : []), file, edit, view, go, windowMenu, help]
}
