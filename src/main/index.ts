// The Electron entry: thin on purpose. It opens the library, serves the contract over IPC and
// opens a locked-down window. Everything else lives in services that run under plain Node.
import { app, BrowserWindow } from 'electron'
import { join } from 'node:path'
import { defaultLibraryDir } from './library/library-paths'
import { openLibrary } from './library/open-library'
import { createRouter } from './rpc/router'
import { serveContractOverIpc } from './electron/ipc'

const rendererUrl = process.env.ELECTRON_RENDERER_URL

function isAppUrl(url: string): boolean {
  if (rendererUrl) return url.startsWith(rendererUrl)
  return url.startsWith('file://') && url.includes('/out/renderer/')
}

app.whenReady().then(() => {
  const lib = openLibrary(process.env.BROADSHEET_LIBRARY ?? defaultLibraryDir(), {
    explicit: Boolean(process.env.BROADSHEET_LIBRARY),
  })
  serveContractOverIpc(createRouter(lib), isAppUrl)
  app.on('will-quit', () => lib.close())

  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'Broadsheet',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  if (rendererUrl) void win.loadURL(rendererUrl)
  else void win.loadFile(join(import.meta.dirname, '../renderer/index.html'))
})

app.on('window-all-closed', () => app.quit())
