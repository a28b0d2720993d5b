/**
 * The export dialog's choices as the contract's export request, and the download that
 * follows: in browser mode `GET /export` (the page's cookie carries the token), in the
 * desktop app the `export.file` method (the shell turns the download into a save dialog).
 */
import type { MethodInput } from '../../../shared/contract'
import { api } from '../api'

/** An export request (see EXPORT_REQUEST in contract.ts). */
export type ExportRequest = MethodInput<'export.file'>

/** The query string of `GET /export` for a request. */
export function exportQuery(request: ExportRequest): string {
  const params = new URLSearchParams({ format: request.format })
  const { scope, options = {} } = request
  if (scope.ids?.length) params.set('ids', scope.ids.join(','))
  if (scope.tag) params.set('tag', scope.tag)
  if (scope.query) params.set('query', scope.query)
  if (scope.all) params.set('all', '1')
  if (options.combine !== undefined) params.set('combine', options.combine ? '1' : '0')
  if (options.pageSize) params.set('pageSize', options.pageSize)
  if (options.frontMatter !== undefined) params.set('frontMatter', options.frontMatter ? '1' : '0')
  if (options.title) params.set('title', options.title)
  return params.toString()
}

/** The file name in a `Content-Disposition` header (its UTF-8 form when given). */
export function dispositionName(header: string | null): string | null {
  if (!header) return null
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (utf8) return decodeURIComponent(utf8[1]!)
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null
}

/** Run the export and hand the file to the browser's (or the shell's) download. */
export async function runExport(request: ExportRequest): Promise<string> {
  let blob: Blob
  let name: string
  if (window.desktop) {
    const file = await api()['export.file'](request)
    const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0))
    blob = new Blob([bytes], { type: file.mime })
    name = file.name
  } else {
    const response = await fetch(`/export?${exportQuery(request)}`, { credentials: 'same-origin' })
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
