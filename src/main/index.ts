// The Electron entry: thin on purpose. It opens the library, serves the app over app:// and
// the contract over IPC, and opens a locked-down window with its menus. Everything else lives
// in services that run under plain Node; the pure parts of the shell are in ./electron and
// tested there.
import { app, BrowserWindow, dialog, nativeTheme, screen, shell } from 'electron'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { setPdfPrinter } from './export/pdf-printer'
import { type FeedScheduler, startFeedScheduler } from './feeds/scheduler'
import { APP_NAME, resolveLibraryDir } from './library/library-paths'
import { openLibrary, type Library, setDefaultNativeBinding } from './library/open-library'
import { getSettings } from './library/settings'
import { createRouter, type Dispatch } from './rpc/router'
import { APP_URL, registerAppProtocol, registerAppScheme } from './electron/app-protocol'
import { handleExportDownloads } from './electron/export-downloads'
import { createDesktopEventQueue } from './electron/event-queue'
import { openExternalSafely } from './electron/external-links'
import { onPageReady, serveContractOverIpc } from './electron/ipc'
import { watchLibraryChanges } from './library/library-watch'
import { attachContextMenu, installAppMenu } from './electron/menu'
import { electronNativeBinding, explainNativeLoadError } from './electron/native-binding'
import { openMarkdownFiles } from './electron/open-files'
import { electronPrinter } from './electron/pdf-printer'
import { claimSingleInstance, markdownPathsFromArgv } from './electron/single-instance'
import { backgroundColorFor, type ThemeSetting, themeSourceFor } from './electron/theme'
import { hardenWebContents, isAppUrl, secureWebPreferences } from './electron/window-options'
import { loadWindowState, MIN_HEIGHT, MIN_WIDTH, trackWindowState } from './electron/window-state'

const rendererUrl = process.env.ELECTRON_RENDERER_URL
/** `electron-vite dev`: the page comes from the dev server; developer menu items are shown. */
const isDev = rendererUrl !== undefined && !app.isPackaged
const isApp = (url: string): boolean => isAppUrl(url, rendererUrl)
const isFile = (path: string): boolean =>
  statSync(path, { throwIfNoEntry: false })?.isFile() ?? false

let lib: Library | undefined
let feeds: FeedScheduler | undefined
let win: BrowserWindow | undefined
let theme: ThemeSetting = 'system'
const events = createDesktopEventQueue(() => win?.webContents)
/** Files named at launch or by the OS before the library was open. */
const pending = markdownPathsFromArgv(process.argv, process.cwd(), isFile)

// The user-data folder is then the default library folder the CLI uses too.
app.setName(APP_NAME)
registerAppScheme()
if (!claimSingleInstance(app, onSecondLaunch, isFile)) {
  app.quit()
} else {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, isApp, openExternalSafely)
    attachContextMenu(contents)
  })
  app.on('open-file', (event, path) => {
    event.preventDefault()
    openFiles([path])
  })
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', (event) => {
    // A feed refresh in progress finishes (and its connection closes) before the library does.
    const scheduler = feeds
    feeds = undefined
    if (!scheduler) {
      lib?.close()
      return
    }
    event.preventDefault()
    void scheduler
      .stop()
      .catch(() => undefined)
      .finally(() => app.quit())
  })
  app.whenReady().then(start).catch(fail)
}

function start(): void {
  // BROADSHEET_LIBRARY is a folder the person chose; the default one is shared with Electron.
  const { dir, explicit } = resolveLibraryDir(undefined)
  // Every connection (this one, the feed scheduler's) loads the Electron build of SQLite.
  const nativeBinding = electronNativeBinding({
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    abi: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
    exists: existsSync,
  })
  setDefaultNativeBinding(nativeBinding)
  const library = openLibrary(dir, { explicit })
  lib = library
  registerAppProtocol(join(import.meta.dirname, '../renderer'), library)
  serveContractOverIpc(followSettings(createRouter(library)), isApp)
  // The page's bridge is listening: send what waited (files opened at launch, say).
  onPageReady(isApp, (sender) => {
    if (sender === win?.webContents) events.pageReady()
  })
  applyTheme(library, true)
  // Another process (the CLI, a sync tool) wrote to the library: the page refreshes its lists.
  watchLibraryChanges(library, () => {
    applyTheme(library)
    events.send({ type: 'library-changed' })
  })
  // PDF export prints with Electron's own Chromium; feeds refresh on their schedule (their
  // writes come through another connection, so the watcher above tells the page).
  setPdfPrinter(electronPrinter)
  feeds = startFeedScheduler(library, {
    onError: (err) => console.warn(`Feed refresh failed: ${(err as Error)?.message ?? err}`),
  })
  createWindow(library)
  openFiles(pending.splice(0))
}

/** The router, plus: a settings change made in the page applies the theme to the window. */
function followSettings(dispatch: Dispatch): Dispatch {
  return async (method, input) => {
    const result = await dispatch(method, input)
    if (method === 'settings.update' && result.ok && lib) applyTheme(lib)
    return result
  }
}

/** Follow the `theme` setting: native parts, prefers-color-scheme and the menu's check mark. */
function applyTheme(library: Library, force = false): void {
  let next: ThemeSetting
  try {
    next = getSettings(library).theme
  } catch {
    return
  }
  if (next === theme && !force) return
  theme = next
  nativeTheme.themeSource = themeSourceFor(theme)
  installAppMenu({
    platform: process.platform,
    appName: APP_NAME,
    isDev,
    theme,
    command: (id) => events.send({ type: 'command', id }),
    importFiles: () => void chooseFilesToImport(),
    showLibraryFolder: () => void shell.openPath(library.dir),
  })
}

function createWindow(library: Library): void {
  const state = loadWindowState(
    library.dir,
    screen.getAllDisplays().map((d) => d.workArea),
  )
  win = new BrowserWindow({
    ...state,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Broadsheet',
    show: false,
    // Only avoids a flash before the page paints; the page follows prefers-color-scheme.
    backgroundColor: backgroundColorFor(nativeTheme.shouldUseDarkColors, theme),
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  })
  trackWindowState(win, library.dir)
  handleExportDownloads(
    win.webContents.session,
    (path) => shell.showItemInFolder(path),
    rendererUrl,
  )
  win.once('ready-to-show', () => {
    if (state.maximized) win?.maximize()
    win?.show()
  })
  // A reload: events wait until the new page's bridge is listening again.
  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) events.pageGone()
  })
  win.on('closed', () => (win = undefined))
  void win.loadURL(rendererUrl ?? APP_URL)
}

function onSecondLaunch(files: string[]): void {
  if (win) {
    if (win.isMinimized()) win.restore()
    win.focus()
  }
  openFiles(files)
}

/** File ▸ Import: the system's file chooser, then the same import as files opened by the OS. */
async function chooseFilesToImport(): Promise<void> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import Markdown Files',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Markdown', extensions: ['md', 'markdown', 'txt'] }],
  }
  const choice = win
    ? await dialog.showOpenDialog(win, options)
    : await dialog.showOpenDialog(options)
  if (!choice.canceled) openFiles(choice.filePaths)
}

/** Import Markdown files named by the OS, a second launch or the Import menu, and show one. */
function openFiles(files: string[]): void {
  if (files.length === 0) return
  if (!lib) {
    pending.push(...files)
    return
  }
  try {
    const opened = openMarkdownFiles(lib, files)
    if (opened.imported.length > 0) events.send({ type: 'library-changed' })
    if (opened.show) events.send({ type: 'open-article', id: opened.show })
    if (opened.problems.length > 0) {
      const shown = opened.problems.slice(0, 20)
      const more = opened.problems.length - shown.length
      dialog.showErrorBox(
        'Some files were not imported',
        [...shown, ...(more > 0 ? [`…and ${more} more`] : [])].join('\n'),
      )
    }
  } catch (err) {
    dialog.showErrorBox(
      'Broadsheet could not import the files',
      (err as Error)?.message ?? String(err),
    )
  }
}

function fail(err: unknown): void {
  const message = (err as Error)?.message ?? String(err)
  const hint = explainNativeLoadError(err)
  dialog.showErrorBox('Broadsheet cannot start', hint ? `${message}\n\n${hint}` : message)
  app.exit(1)
}
