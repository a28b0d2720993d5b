/**
 * Browser mode's download: `GET /export?format=pdf&ids=a,b&tag=…&query=…&all=1&combine=1
 * &pageSize=A4&frontMatter=0&title=…` answers with the exported file as an attachment (a
 * `.zip` when the export makes several files). `GET /export?job=ID` hands over the file of an
 * export started with `export.start` (the app's dialog, which shows its progress meanwhile).
 * The server has checked Host and the token before this runs; the input is checked against
 * the contract's `EXPORT_REQUEST` and `EXPORT_JOB` schemas.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EXPORT_JOB, EXPORT_REQUEST } from '../../shared/contract'
import { BroadsheetError } from '../../shared/errors'
import { exportFile } from '../export/export-articles'
import { takeExportJob } from '../export/export-jobs'
import { exportMime } from '../export/export-methods'
import type { Library } from '../library/open-library'

/** The path this route answers. */
export const EXPORT_PATH = '/export'

const STATUS: Record<string, number> = { invalid_input: 400, not_found: 404, conflict: 409 }

/** The export request in a query string (`ids` comma-separated, flags as `1`/`0`). */
export function exportRequestFromQuery(params: URLSearchParams): unknown {
  const flag = (name: string) => {
    const value = params.get(name)
    return value === null ? undefined : value === '1' || value === 'true'
  }
  const text = (name: string) => params.get(name) ?? undefined
  const ids = params.get('ids')
  return {
    scope: {
      ids: ids ? ids.split(',').filter(Boolean) : undefined,
      tag: text('tag'),
      query: text('query'),
      all: flag('all'),
    },
    format: params.get('format'),
    options: {
      combine: flag('combine'),
      pageSize: text('pageSize'),
      frontMatter: flag('frontMatter'),
      title: text('title'),
    },
  }
}

/** A `Content-Disposition` that survives any file name (ASCII fallback plus RFC 5987 form). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

function fail(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.end(message)
}

/** Answer `GET /export`. */
export async function serveExport(
  lib: Library,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (url.searchParams.has('job')) return serveJob(lib, req, res, url)
  const parsed = EXPORT_REQUEST.safeParse(exportRequestFromQuery(url.searchParams))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return fail(res, 400, `Bad export request (${issue.path.join('.')}: ${issue.message}).`)
  }
  let file: { name: string; data: Uint8Array }
  try {
    const { scope, format, options } = parsed.data
    file = await exportFile(lib, scope, format, options ?? {})
  } catch (err) {
    if (err instanceof BroadsheetError) return fail(res, STATUS[err.code] ?? 500, err.message)
    throw err
  }
  send(req, res, file)
}

/** Hand over a finished export job's file (once: the job is forgotten after). */
function serveJob(lib: Library, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const parsed = EXPORT_JOB.safeParse({ job: url.searchParams.get('job') })
  if (!parsed.success) return fail(res, 400, 'Bad export request (job: not an export job id).')
  // A HEAD must not use up the one download.
  if (req.method === 'HEAD') return fail(res, 405, 'Collect an export job with GET.')
  let file: { name: string; data: Uint8Array }
  try {
    file = takeExportJob(lib, parsed.data.job)
  } catch (err) {
    if (err instanceof BroadsheetError) return fail(res, STATUS[err.code] ?? 500, err.message)
    throw err
  }
  send(req, res, file)
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  file: { name: string; data: Uint8Array },
): void {
  res.statusCode = 200
  res.setHeader('Content-Type', exportMime(file.name))
  res.setHeader('Content-Disposition', attachment(file.name))
  res.setHeader('Content-Length', file.data.byteLength)
  res.setHeader('Cache-Control', 'no-store')
  res.end(req.method === 'HEAD' ? undefined : Buffer.from(file.data))
}
