// The Electron entry: thin on purpose. It opens the library, serves the app over app:// and
// the contract over IPC, and opens a locked-down window. Everything else lives in services
// that run under plain Node; the pure parts of the shell are in ./electron and tested there.
import { app, BrowserWindow, dialog, nativeTheme, screen } from 'electron'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { importPaths } from './import/markdown-files'
import { APP_NAME, resolveLibraryDir } from './library/library-paths'
import { openLibrary, type Library } from './library/open-library'
import { createRouter } from './rpc/router'
import { APP_URL, registerAppProtocol, registerAppScheme } from './electron/app-protocol'
import { openExternalSafely } from './electron/external-links'
import { serveContractOverIpc } from './electron/ipc'
import { claimSingleInstance, markdownPathsFromArgv } from './electron/single-instance'
import { hardenWebContents, isAppUrl, secureWebPreferences } from './electron/window-options'
import { loadWindowState, MIN_HEIGHT, MIN_WIDTH, trackWindowState } from './electron/window-state'

const rendererUrl = process.env.ELECTRON_RENDERER_URL
const isApp = (url: string): boolean => isAppUrl(url, rendererUrl)
const isFile = (path: string): boolean =>
  statSync(path, { throwIfNoEntry: false })?.isFile() ?? false

let lib: Library | undefined
let win: BrowserWindow | undefined
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
  })
  app.on('open-file', (event, path) => {
    event.preventDefault()
    openFiles([path])
  })
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => lib?.close())
  app.whenReady().then(start).catch(fail)
}

function start(): void {
  // BROADSHEET_LIBRARY is a folder the person chose; the default one is shared with Electron.
  const { dir, explicit } = resolveLibraryDir(undefined)
  lib = openLibrary(dir, { explicit })
  registerAppProtocol(join(import.meta.dirname, '../renderer'), lib)
  serveContractOverIpc(createRouter(lib), isApp)
  createWindow(lib)
  openFiles(pending.splice(0))
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
    // No theme is forced: the page follows prefers-color-scheme; this only avoids a flash.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  })
  trackWindowState(win, library.dir)
  win.once('ready-to-show', () => {
    if (state.maximized) win?.maximize()
    win?.show()
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

/** Import Markdown files named by the OS or a second launch (shown by the list's refresh). */
function openFiles(files: string[]): void {
  if (files.length === 0) return
  if (!lib) {
    pending.push(...files)
    return
  }
  try {
    const report = importPaths(lib, files)
    for (const s of report.skipped) console.warn(`Not imported: ${s.path} (${s.reason})`)
  } catch (err) {
    dialog.showErrorBox(
      'Broadsheet could not import the files',
      (err as Error)?.message ?? String(err),
    )
  }
}

function fail(err: unknown): void {
  dialog.showErrorBox('Broadsheet cannot start', (err as Error)?.message ?? String(err))
  app.exit(1)
}
