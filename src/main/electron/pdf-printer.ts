// PDF export in the desktop app: Electron's own Chromium prints (webContents.printToPDF), so
// no separate Chromium is needed. Installed with the export's setPdfPrinter by the entry.
import { BrowserWindow, session } from 'electron'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { PdfPrinter } from '../export/pdf-printer'
import { electronPdfOptions } from './pdf-options'

/** The session print windows use: nothing but the document being printed is ever loaded. */
const PRINT_PARTITION = 'broadsheet-print'
/** Documents being printed (see `fileKey`); every other request of the print session is cancelled. */
const printing = new Set<string>()
let sessionReady = false

/** A file: URL as the path it names, so Chromium's and Node's spelling of it compare equal. */
function fileKey(url: string): string | null {
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'file:') return null
    const path = decodeURIComponent(parsed.pathname)
    return process.platform === 'win32' ? path.toLowerCase() : path
  } catch {
    return null
  }
}

function printSession(): Electron.Session {
  const s = session.fromPartition(PRINT_PARTITION, { cache: false })
  if (!sessionReady) {
    sessionReady = true
    // Documents are self-contained (images embedded as data: URLs): nothing else is needed.
    s.webRequest.onBeforeRequest((details, callback) => {
      const key = fileKey(details.url)
      const allowed = details.url.startsWith('data:') || (key !== null && printing.has(key))
      callback({ cancel: !allowed })
    })
    s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  }
  return s
}

/**
 * A printer that loads each document into a hidden, sandboxed window with JavaScript off and
 * the network cut, and prints it. The document goes through a temporary file because a data:
 * URL is limited to 2 MB, which a document with its images easily exceeds.
 */
export function electronPrinter(): PdfPrinter {
  return {
    async print(html, settings) {
      const dir = await mkdtemp(join(tmpdir(), 'broadsheet-print-'))
      const file = join(dir, 'document.html')
      const url = pathToFileURL(file).href
      const key = fileKey(url)!
      await writeFile(file, html)
      printing.add(key)
      const win = new BrowserWindow({
        show: false,
        webPreferences: {
          session: printSession(),
          javascript: false,
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
          disableBlinkFeatures: 'Auxclick',
          spellcheck: false,
        },
      })
      try {
        await win.loadURL(url)
        return new Uint8Array(await win.webContents.printToPDF(electronPdfOptions(settings)))
      } finally {
        printing.delete(key)
        win.destroy()
        await rm(dir, { recursive: true, force: true })
      }
    },
    async close() {
      // Each document had its own window, already gone.
    },
  }
}
