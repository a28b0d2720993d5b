/**
 * Browser mode's HTTP server: the renderer bundle, the contract over `POST /rpc/<method>`, the
 * library's assets and a stream of change events, all behind a per-run token. Plain node:http,
 * so what it does is all here to read.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync } from 'node:fs'
import { MAX_MARKDOWN_CHARS, type RpcResult } from '../../shared/contract'
import type { ErrorCode } from '../../shared/errors'
import { ASSET_NAME, assetFile, mimeForExtension } from '../library/assets'
import type { Library } from '../library/open-library'
import { createRouter } from '../rpc/router'
import { createChangeHub } from './change-events'
import { EXPORT_PATH, serveExport } from './export-route'
import {
  allowedHosts,
  authenticate,
  isLoopback,
  isWildcard,
  newToken,
  sendText,
  setSecurityHeaders,
  tokenCookie,
} from './security'
import {
  contentTypeFor,
  defaultStaticDir,
  resolveStatic,
  sendFile,
  sendNoBundlePage,
} from './static-files'

/** Options for `startServer`. */
export interface ServerOptions {
  /** Interface to bind; default 127.0.0.1. Anything else exposes the library to the network. */
  host?: string
  /** Port; default 0 (a free one). */
  port?: number
  /** The built renderer; default `out/renderer` in the project. null serves no bundle. */
  staticDir?: string | null
}

/** A running server. */
export interface RunningServer {
  /** The address to open, token included: `http://127.0.0.1:PORT/?token=TOKEN`. */
  url: string
  token: string
  /** Stop accepting, end every open stream and connection, and resolve when all are gone. */
  close(): Promise<void>
}

/**
 * Largest request body for every method but `assets.add`. The contract allows documents of
 * MAX_MARKDOWN_CHARS UTF-16 code units, and JSON spends up to 6 bytes on one (`\u0001`, a lone
 * surrogate; CJK takes 3), so any document the contract accepts fits, plus 1 MiB for the rest.
 */
export const MAX_RPC_BODY = 6 * MAX_MARKDOWN_CHARS + 1024 * 1024
/** Largest `assets.add` body: a 100 MB file in base64 with room for the JSON around it. */
export const MAX_ASSET_BODY = 140 * 1024 * 1024

/** Methods that only read; any other successful call is announced to every open page. */
const READ_ONLY = new Set([
  'articles.get',
  'articles.summary',
  'articles.list',
  'search',
  'tags.list',
  'revisions.list',
  'revisions.get',
  'settings.get',
  'feeds.list',
  'feeds.exportOpml',
  'export.formats',
  'export.file',
  'export.start',
  'export.progress',
  'export.cancel',
  'export.take',
])

/** HTTP status for a failed call; the body is the RpcResult either way. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
}

/** Long-lived library caches; served under content-hash names, so they never change. */
const IMMUTABLE = 'private, max-age=31536000, immutable'

/** Start serving `lib`. Resolves once listening. */
export async function startServer(
  lib: Library,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const staticDir = options.staticDir === undefined ? defaultStaticDir() : options.staticDir
  const token = newToken()
  const dispatch = createRouter(lib)
  const hub = createChangeHub(lib)
  let hosts = new Set<string>()
  let port = 0

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res)
    // Host before anything else: a rebound name never reaches the token check.
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
      return sendText(res, 421, 'Unknown host.')
    }
    const url = new URL(req.url ?? '/', 'http://localhost')
    const rawPath = (req.url ?? '/').split('?')[0]!
    const source = authenticate(req, url, token, port)
    if (!source) return sendText(res, 401, 'Missing or wrong access token.')
    // OPTIONS (a CORS preflight) and everything else unused is refused, without CORS headers.
    const method = req.method ?? ''
    if (method === 'POST' && rawPath.startsWith('/rpc/')) return rpc(req, res, rawPath.slice(5))
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, POST')
      return sendText(res, 405, 'Method not allowed.')
    }
    if (rawPath === '/events') return hub.attach(res)
    if (rawPath === EXPORT_PATH) return serveExport(lib, req, res, url)
    if (rawPath.startsWith('/assets/')) {
      const name = rawPath.slice('/assets/'.length)
      // Content-hash names are the library's; anything else under /assets/ is the bundle's.
      if (ASSET_NAME.test(name)) return serveAsset(res, name)
    }
    return serveStatic(res, rawPath, source === 'query')
  }

  async function rpc(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
    // Only JSON: a cross-site form can post text/plain or form data without a preflight.
    if (type !== 'application/json') {
      return sendJson(res, 415, failure('invalid_input', 'Send the input as application/json.'))
    }
    const limit = name === 'assets.add' ? MAX_ASSET_BODY : MAX_RPC_BODY
    const body = await readBody(req, limit)
    if (body === 'too_large') {
      res.setHeader('Connection', 'close')
      sendJson(
        res,
        413,
        failure(
          'invalid_input',
          `The request is larger than ${Math.round(limit / 1048576)} MB; send a smaller document or image.`,
        ),
      )
      // Read no more (readBody read what it would): drop the connection once the answer is out.
      res.on('finish', () => req.socket.destroy())
      return
    }
    if (body === 'aborted') return
    let input: unknown
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : undefined
    } catch {
      return sendJson(res, 400, failure('invalid_input', 'The request body is not valid JSON.'))
    }
    const result = await dispatch(name, input)
    if (result.ok && !READ_ONLY.has(name)) {
      const id = (result.value as { id?: unknown } | null)?.id
      hub.notify(typeof id === 'string' ? { type: 'changed', ids: [id] } : { type: 'changed' })
    }
    sendJson(res, result.ok ? 200 : (STATUS[result.error.code] ?? 500), result)
  }

  function serveAsset(res: ServerResponse, name: string): void {
    const file = assetFile(lib, name)
    if (!file) return sendText(res, 404, 'Not found.')
    const ext = name.slice(name.lastIndexOf('.') + 1)
    const mime = mimeForExtension(ext)
    sendFile(res, file, {
      contentType: mime,
      cacheControl: IMMUTABLE,
      // An SVG opened on its own is a document: it must not run script or reach anything.
      csp:
        mime === 'image/svg+xml'
          ? "sandbox; default-src 'none'; style-src 'unsafe-inline'"
          : undefined,
    })
  }

  function serveStatic(res: ServerResponse, rawPath: string, setCookie: boolean): void {
    const isRoot = rawPath === '/' || rawPath === '/index.html'
    if (!staticDir || !existsSync(staticDir)) {
      if (rawPath === '/') return withCookie(res, setCookie, () => sendNoBundlePage(res))
      return sendText(res, 404, 'Not found.')
    }
    const file = resolveStatic(staticDir, rawPath)
    if (!file) return sendText(res, 404, 'Not found.')
    withCookie(res, setCookie && isRoot, () =>
      sendFile(res, file, {
        contentType: contentTypeFor(file),
        // The page is small and must pick up a new build; Vite's hashed files could be cached
        // long, but a local server gains little from it.
        cacheControl: 'no-cache',
      }),
    )
  }

  function withCookie(res: ServerResponse, set: boolean, send: () => void): void {
    // The page was opened from the printed link: let its images and event stream, which cannot
    // send a header, carry the token as a cookie.
    if (set) res.setHeader('Set-Cookie', tokenCookie(token, port))
    send()
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error.')
      else res.destroy()
    })
  })
  // Drop clients that open a connection and never finish their headers.
  server.headersTimeout = 20_000
  server.requestTimeout = 0

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  hosts = allowedHosts(host, port)
  const urlHost = isLoopback(host) || isWildcard(host) ? '127.0.0.1' : host
  const shown = urlHost.includes(':') ? `[${urlHost}]` : urlHost

  let closing: Promise<void> | null = null
  return {
    url: `http://${shown}:${port}/?token=${token}`,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        hub.close()
        server.close(() => resolve())
        // Keep-alive sockets of finished requests would hold close() open for seconds.
        server.closeAllConnections()
      })
      return closing
    },
  }
}

function failure(code: ErrorCode, message: string): RpcResult {
  return { ok: false, error: { code, message } }
}

function sendJson(res: ServerResponse, status: number, value: RpcResult): void {
  const body = JSON.stringify(value)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.setHeader('Cache-Control', 'no-store')
  res.end(body)
}

/**
 * How much of a body sent without a Content-Length is still read (and dropped) once it has
 * passed its limit, and for how long, before the answer goes out. A client still sending
 * when the server closes gets a reset, and may lose the 413 that explains why (Node's own
 * client does); reading a little more first lets it finish and read the answer, as nginx's
 * lingering close does. Past these bounds the answer goes out at once.
 */
const DRAIN_BYTES = 16 * 1024 * 1024
const DRAIN_MS = 5000

/**
 * The whole body, or 'too_large' (by Content-Length before a byte is read; by counting, once
 * the client has finished sending or `DRAIN_BYTES` / `DRAIN_MS` more have passed), or
 * 'aborted' when the client went away.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large' | 'aborted'> {
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too_large')
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let drainTimer: NodeJS.Timeout | undefined
    const tooLarge = () => {
      clearTimeout(drainTimer)
      req.off('data', onData)
      req.pause()
      resolve('too_large')
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      if (!drainTimer) {
        chunks.length = 0
        drainTimer = setTimeout(tooLarge, DRAIN_MS)
      }
      if (size > limit + DRAIN_BYTES) tooLarge()
    }
    req.on('data', onData)
    req.on('end', () => (size > limit ? tooLarge() : resolve(Buffer.concat(chunks))))
    req.on('error', () => resolve('aborted'))
    req.on('close', () => {
      clearTimeout(drainTimer)
      if (!req.complete) resolve('aborted')
    })
  })
}
