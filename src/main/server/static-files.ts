/**
 * Serving files from disk: the renderer bundle (resolved inside its folder only) and the
 * library's content-addressed assets.
 */
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sendText } from './security'

/** Content types of what a Vite build emits (and a few more, so nothing is served untyped). */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

/** The content type for a file name, by extension; unknown types are served as opaque bytes. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The built renderer's folder: `out/renderer` in the project. Found from this file whether it
 * runs from the sources (`src/main/server`, through tsx) or from the build (`out/main`).
 */
export function defaultStaticDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url))
  const candidates = [resolve(here, '../../../out/renderer'), resolve(here, '../renderer')]
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!
}

/**
 * The file under `root` that a URL path names, or null when it names nothing servable. The
 * path is percent-decoded first (so `%2e%2e%2f` is seen as `../`), then refused if it has a
 * `..` segment, a backslash or a NUL, or if it — or a symlink in it — leads outside `root`.
 * `/` is `index.html`; any other unknown path is null (a 404, not the page).
 */
export function resolveStatic(root: string, rawPath: string): string | null {
  let path: string
  try {
    path = decodeURIComponent(rawPath)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) return null
  if (path.split('/').some((segment) => segment === '..')) return null
  if (path === '/' || path === '') path = '/index.html'
  const base = resolve(root)
  const file = resolve(base, `.${path}`)
  if (!file.startsWith(base + sep)) return null
  try {
    const stat = statSync(file)
    if (!stat.isFile()) return null
    // A symlink inside the bundle must not lead out of it either.
    const real = realpathSync(file)
    const realBase = realpathSync(base)
    if (!real.startsWith(realBase + sep)) return null
    return real
  } catch {
    return null
  }
}

/** Extra headers for one file response. */
export interface FileHeaders {
  contentType: string
  cacheControl: string
  /** Replaces the page policy (an SVG asset gets `sandbox`). */
  csp?: string
}

/** Stream a file (headers only for HEAD). A file that vanished in between is a 404. */
export function sendFile(res: ServerResponse, file: string, headers: FileHeaders): void {
  let size: number
  try {
    size = statSync(file).size
  } catch {
    return sendText(res, 404, 'Not found.')
  }
  res.statusCode = 200
  res.setHeader('Content-Type', headers.contentType)
  res.setHeader('Content-Length', size)
  res.setHeader('Cache-Control', headers.cacheControl)
  if (headers.csp) res.setHeader('Content-Security-Policy', headers.csp)
  if (res.req.method === 'HEAD') {
    res.end()
    return
  }
  const stream = createReadStream(file)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}

/** The page shown at `/` when there is no renderer bundle to serve. */
export function sendNoBundlePage(res: ServerResponse): void {
  const body = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Broadsheet</title></head>',
    '<body><main><h1>Broadsheet</h1>',
    '<p>The app has not been built yet: run <code>npm run build</code> first, then start ',
    '<code>broadsheet serve</code> again.</p></main></body></html>',
    '',
  ].join('\n')
  res.statusCode = 200
  res.setHeader('Content-Type', 'text/html; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.setHeader('Cache-Control', 'no-store')
  res.end(res.req.method === 'HEAD' ? undefined : body)
}
