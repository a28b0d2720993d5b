/**
 * The export dialog's choices as the contract's export request, the export run as a job whose
 * progress the dialog polls, and the download that follows.
 */
import type { MethodInput, MethodOutput } from '../../../shared/contract'
import { api } from '../api'

/** An export request (see EXPORT_REQUEST in contract.ts). */
export type ExportRequest = MethodInput<'export.file'>

/** The file name in a `Content-Disposition` header (its UTF-8 form when given). */
export function dispositionName(header: string | null): string | null {
  if (!header) return null
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (utf8) return decodeURIComponent(utf8[1]!)
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null
}

/** How often the dialog asks how far an export has got. */
export const POLL_MS = 200

/** Where an export is (see ExportJobStatus in contract.ts). */
export type ExportStatus = MethodOutput<'export.progress'>

/** Start an export on the library's side; it runs while `watchExport` reports on it. */
export async function startExport(request: ExportRequest): Promise<{ job: string; total: number }> {
  return api()['export.start'](request)
}

/** Ask a running export to stop before its next article. */
export async function cancelExport(job: string): Promise<void> {
  await api()['export.cancel']({ job })
}

/** Poll an export until it ends, passing each answer on; resolves with the last one. */
export async function watchExport(
  job: string,
  onStatus: (status: ExportStatus) => void,
): Promise<ExportStatus> {
  let failures = 0
  for (;;) {
    let status: ExportStatus
    try {
      status = await api()['export.progress']({ job })
      failures = 0
    } catch (err) {
      // One lost answer is no reason to give up an export: the server may have been busy
      // (the first article loads the renderer) and dropped an idle connection meanwhile.
      if (++failures >= 3) throw err
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
      continue
    }
    onStatus(status)
    if (status.state !== 'running') return status
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/**
 * Collect a finished export and hand the file to the browser's (or the shell's) download: in
 * browser mode `GET /export?job=ID` (the page's cookie carries the token), in the desktop app
 * the `export.take` method (the shell turns the download into a save dialog).
 */
export async function downloadExport(job: string): Promise<string> {
  let blob: Blob
  let name: string
  if (window.desktop) {
    const file = await api()['export.take']({ job })
    const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0))
    blob = new Blob([bytes], { type: file.mime })
    name = file.name
  } else {
    const response = await fetch(`/export?job=${encodeURIComponent(job)}`, {
      credentials: 'same-origin',
    })
    if (!response.ok)
      throw new Error((await response.text()) || `Export failed (${response.status}).`)
    blob = await response.blob()
    name = dispositionName(response.headers.get('Content-Disposition')) ?? 'export'
  }
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  // The download has taken its copy once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return name
}
