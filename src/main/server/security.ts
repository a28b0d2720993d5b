/**
 * The browser-mode server's gatekeeping: the per-run token, the Host check and the headers
 * every response carries. Kept apart from the routing so each rule can be read (and tested) on
 * its own.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { networkInterfaces } from 'node:os'

/**
 * The name of the cookie that carries the token for requests that cannot set a header (`<img>`,
 * EventSource): `broadsheet_token_<port>`. Cookies are shared by every port of a host, so two
 * servers on one machine (two libraries, or the app and a test) would otherwise overwrite each
 * other's cookie and lock the first page out.
 */
export function tokenCookieName(port: number): string {
  return `broadsheet_token_${port}`
}

/** The page's policy: only our own bundle runs; images may come from anywhere (articles embed them). */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https: http:",
  // KaTeX's stylesheet embeds its fonts as data: URLs.
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')

/** A fresh per-run access token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Whether `given` is the token, in constant time. Both sides are hashed first so the
 * comparison does not leak the token's length either.
 */
export function tokenMatches(token: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false
  const a = createHash('sha256').update(token).digest()
  const b = createHash('sha256').update(given).digest()
  return timingSafeEqual(a, b)
}

/** How a request presented a valid token, or null when it did not. */
export type TokenSource = 'header' | 'query' | 'cookie'

/**
 * Check the three places a token may be: the Authorization header, `?token=`, and the cookie
 * of this server's port.
 */
export function authenticate(
  req: IncomingMessage,
  url: URL,
  token: string,
  port: number,
): TokenSource | null {
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ') && tokenMatches(token, auth.slice(7).trim())) return 'header'
  if (tokenMatches(token, url.searchParams.get('token'))) return 'query'
  const cookie = readCookie(req.headers.cookie, tokenCookieName(port))
  if (tokenMatches(token, cookie)) return 'cookie'
  return null
}

/** One cookie's value from a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return null
}

/** The Set-Cookie value that lets the page's later requests (images, events) carry the token. */
export function tokenCookie(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`
}

/** Whether a host name or address is this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h)
}

/** Whether a host means "every interface". */
export function isWildcard(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '')
  return h === '0.0.0.0' || h === '::'
}

/** `host:port` as a Host header spells it (IPv6 in brackets), lower case. */
function hostPort(host: string, port: number): string {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h.includes(':') ? `[${h}]:${port}` : `${h}:${port}`
}

/**
 * The Host header values the server answers to. Checking Host defeats DNS rebinding: a page
 * on evil.example whose name is re-pointed at 127.0.0.1 still sends `Host: evil.example`.
 * Loopback names always; the bound host when it is not loopback; and for a wildcard bind,
 * this machine's own addresses (how another device reaches it).
 */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const hosts = new Set(['127.0.0.1', 'localhost', '::1'].map((h) => hostPort(h, port)))
  if (isWildcard(boundHost)) {
    for (const list of Object.values(networkInterfaces())) {
      for (const info of list ?? []) hosts.add(hostPort(info.address.split('%')[0]!, port))
    }
  } else if (!isLoopback(boundHost)) {
    hosts.add(hostPort(boundHost, port))
  }
  return hosts
}

/** Headers on every response, whatever it is. No CORS header is ever sent. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

/** A short plain-text answer (401, 404, 405 …): nothing else is revealed. */
export function sendText(res: ServerResponse, status: number, text: string): void {
  const body = `${text}\n`
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.setHeader('Cache-Control', 'no-store')
  res.end(res.req.method === 'HEAD' ? undefined : body)
}
