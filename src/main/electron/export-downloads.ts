// Exports reach the desktop the way they reach a browser: the page hands a blob to a
// download (src/renderer/src/export/export-request.ts). Electron asks where to save it with
// the system's save dialog; once saved, the file is shown in the file manager. Downloads of
// anything else (nothing in the app starts one) are cancelled.
import type { DownloadItem, Session } from 'electron'
import { isAppUrl } from './window-options'

/**
 * Whether a download's URL is a blob the app's own page made: `blob:<app origin>/<uuid>`.
 * A page's blob URL names the origin of the page that created it.
 */
export function isAppDownload(url: string, devServerUrl?: string): boolean {
  if (!url.startsWith('blob:')) return false
  return isAppUrl(url.slice('blob:'.length), devServerUrl)
}

/** Let the app's exports be saved (then revealed with `reveal`); cancel every other download. */
export function handleExportDownloads(
  session: Pick<Session, 'on'>,
  reveal: (path: string) => void,
  devServerUrl?: string,
): void {
  session.on('will-download', (_event, item: DownloadItem) => {
    if (!isAppDownload(item.getURL(), devServerUrl)) {
      item.cancel()
      return
    }
    item.setSaveDialogOptions({ title: 'Export', defaultPath: item.getFilename() })
    item.once('done', (_e, state) => {
      if (state === 'completed') reveal(item.getSavePath())
    })
  })
}
