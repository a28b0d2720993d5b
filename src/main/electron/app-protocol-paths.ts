// Pure half of the app:// protocol: which file (or library asset) a request URL names. No
// Electron here, so the path-traversal checks are tested under plain Node.
import { isAbsolute, relative, resolve } from 'node:path'

/** The custom scheme app content is served from (never file://). */
export const APP_SCHEME = 'app'
/** The only host the scheme answers for. */
export const APP_HOST = 'broadsheet'
/** The URL the window loads. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`

/**
 * The Content-Security-Policy sent with every app response (with the page's own meta CSP, the
 * stricter of the two wins). Keep it in step with `src/renderer/index.html`.
 */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'"

/** The CSP for library assets (images, including SVG): nothing in them may run or load. */
export const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

/** What a request names: a file of the renderer bundle, or a library asset to look up. */
export type AppPath = { kind: 'file'; path: string } | { kind: 'asset'; name: string }

/** A library asset: the hex SHA-256 of its bytes and an extension (see library/assets.ts). */
const ASSET_PATH = /^assets\/([0-9a-f]{64}\.[a-z0-9]{1,5})$/
/** The path part of an app URL, taken from the raw string before any normalization. */
const RAW_APP_URL = /^app:\/\/broadsheet(\/[^?#]*)?(?:[?#][^]*)?$/i
/** Encoded dots, slashes, backslashes and NULs: a sign of traversal, never needed by the bundle. */
const ENCODED_HOSTILE = /%(?:2e|2f|5c|00)/i
/** Characters no bundle file name contains (besides control characters). */
const HOSTILE_CHARS = /[\\:%]/
const MAX_URL_LENGTH = 2048

/**
 * Map an `app://broadsheet/…` request URL to what it serves: `/` is `index.html`,
 * `/assets/<64 hex>.<ext>` a library asset (the caller resolves it with `assetFile`), any other
 * path a file inside `rendererDir`. Returns null for another scheme or host, credentials or a
 * port, `.` or `..` segments (plain or percent-encoded), encoded slashes or backslashes,
 * backslashes, NULs and control characters, empty segments, absolute or drive paths, and
 * anything that would resolve outside `rendererDir`.
 */
export function resolveAppPath(rendererDir: string, requestUrl: string): AppPath | null {
  if (typeof rendererDir !== 'string' || rendererDir === '') return null
  if (typeof requestUrl !== 'string' || requestUrl.length > MAX_URL_LENGTH) return null
  if (requestUrl.includes('\\') || hasControlChar(requestUrl)) return null

  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return null
  if (url.port !== '' || url.username !== '' || url.password !== '') return null

  // Check the raw path: URL parsing would silently resolve `..` and `%2e%2e` first.
  const match = RAW_APP_URL.exec(requestUrl)
  if (!match) return null
  const raw = match[1] ?? '/'
  if (ENCODED_HOSTILE.test(raw)) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return null
  }
  if (decoded === '/') decoded = '/index.html'
  if (HOSTILE_CHARS.test(decoded) || hasControlChar(decoded)) return null

  const segments = decoded.slice(1).split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null
  const rel = segments.join('/')
  if (isAbsolute(rel)) return null

  const asset = ASSET_PATH.exec(rel)
  if (asset?.[1]) return { kind: 'asset', name: asset[1] }

  const root = resolve(rendererDir)
  const path = resolve(root, rel)
  const inside = relative(root, path)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null
  return { kind: 'file', path }
}

/** Whether `text` holds a C0 control character (NUL, newline, …) or DEL. */
export function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}
