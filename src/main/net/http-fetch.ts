/**
 * Fetching one resource over http(s) for feeds and saved pages: redirects followed by hand (so
 * a permanent move can be recorded and every hop's scheme checked), conditional GET, gzip /
 * deflate / brotli decoded here with the size limit applied to the decoded bytes (a small
 * compressed "bomb" stops at the limit), and one timeout for the whole exchange.
 */
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import { Transform } from 'node:stream'
import zlib from 'node:zlib'
import { BroadsheetError } from '../../shared/errors'
import { USER_AGENT } from './user-agent'

/** Options for `fetchResource`; every one has a default. */
export interface FetchOptions {
  /** Time allowed for the whole exchange, redirects and body included. Default 20 s. */
  timeoutMs?: number
  /** Largest body accepted, counted after decompression. Default 20 MiB. */
  maxBytes?: number
  /** ETag from the last fetch: sent as If-None-Match, so an unchanged resource gives 304. */
  etag?: string | null
  /** Last-Modified from the last fetch: sent as If-Modified-Since. */
  lastModified?: string | null
  /** The Accept header. Default: anything, HTML and feeds preferred. */
  accept?: string
  /** Redirects followed at most. Default 10. */
  maxRedirects?: number
}

/** What a successful fetch returns. */
export interface FetchedResource {
  /** 200 (or another 2xx) with a body, or 304 (not modified) with an empty one. */
  status: number
  /** The URL finally answered, after redirects. */
  url: string
  /** The final URL when every redirect on the way was permanent (301/308), else null. */
  permanentRedirect: string | null
  contentType: string | null
  etag: string | null
  lastModified: string | null
  /** The decoded body (content-encoding removed); empty on 304. */
  body: Uint8Array
}

/** Why a fetch failed, for programs (feed error states, backoff). */
export type FetchFailure =
  | 'bad_url'
  | 'timeout'
  | 'http_status'
  | 'too_large'
  | 'too_many_redirects'
  | 'network'
  | 'bad_encoding'

/** A failed fetch: a sentence for the person, plus what failed and the HTTP status if any. */
export class FetchError extends BroadsheetError {
  constructor(
    readonly failure: FetchFailure,
    message: string,
    readonly status: number | null = null,
  ) {
    super(failure === 'bad_url' ? 'invalid_input' : 'io_error', message)
  }
}

/** Default total time allowed for one fetch. */
export const DEFAULT_TIMEOUT_MS = 20_000
/** Default largest decoded body. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024
/** Default redirects followed. */
export const DEFAULT_MAX_REDIRECTS = 10

const DEFAULT_ACCEPT =
  'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.8'

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/**
 * Fetch `url` (http or https only). Resolves with the body on 2xx and with an empty body on
 * 304; rejects with a `FetchError` whose message a person understands for everything else
 * (bad address, no answer in time, an error status, too large, too many redirects).
 */
export async function fetchResource(
  url: string,
  options: FetchOptions = {},
): Promise<FetchedResource> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS
  let current = parseHttpUrl(url)
  let allPermanent = true
  let hops = 0

  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const deadline = { controller, timeoutMs }
  try {
    for (;;) {
      const res = await request(current, options, deadline)
      const status = res.statusCode ?? 0
      if (REDIRECTS.has(status) && res.headers.location) {
        res.resume()
        if (++hops > maxRedirects) {
          throw new FetchError(
            'too_many_redirects',
            `The server at ${current.host} redirected more than ${maxRedirects} times; open the address in a browser to see where it leads.`,
          )
        }
        if (status !== 301 && status !== 308) allPermanent = false
        let next: URL
        try {
          next = new URL(res.headers.location, current)
        } catch {
          throw new FetchError(
            'bad_url',
            `The server at ${current.host} redirected to an address that is not valid ("${res.headers.location}").`,
          )
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new FetchError(
            'bad_url',
            `The server at ${current.host} redirected to a ${next.protocol.replace(':', '')} address, which Broadsheet does not follow.`,
          )
        }
        next.hash = ''
        current = next
        continue
      }
      const headers = {
        contentType: header(res, 'content-type'),
        etag: header(res, 'etag'),
        lastModified: header(res, 'last-modified'),
      }
      const final = {
        url: current.href,
        permanentRedirect: hops > 0 && allPermanent ? current.href : null,
      }
      if (status === 304) {
        res.resume()
        return {
          status,
          ...final,
          ...headers,
          // A 304 may leave out the validators; the ones we sent still hold.
          etag: headers.etag ?? options.etag ?? null,
          lastModified: headers.lastModified ?? options.lastModified ?? null,
          body: new Uint8Array(0),
        }
      }
      if (status < 200 || status > 299) {
        res.resume()
        const text = http.STATUS_CODES[status]
        throw new FetchError(
          'http_status',
          `The server at ${current.host} returned ${status}${text ? ` ${text}` : ''}${statusAdvice(status)}`,
          status,
        )
      }
      const body = await readBody(res, current, maxBytes, deadline)
      return { status, ...final, ...headers, body }
    }
  } finally {
    clearTimeout(timer)
  }
}

interface Deadline {
  controller: AbortController
  timeoutMs: number
}

function parseHttpUrl(url: string): URL {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    throw new FetchError(
      'bad_url',
      `"${url}" is not a web address; give a full address such as https://example.com/page.`,
    )
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError(
      'bad_url',
      `Only http and https addresses can be fetched, and "${url}" is neither.`,
    )
  }
  parsed.hash = ''
  return parsed
}

function statusAdvice(status: number): string {
  if (status === 404 || status === 410) return '; check the address.'
  if (status === 401 || status === 403) return '; the page may need a login or a subscription.'
  if (status === 429) return '; the site asks to be fetched less often, so try again later.'
  if (status >= 500) return '; the site has a problem, so try again later.'
  return '.'
}

function header(res: IncomingMessage, name: string): string | null {
  const value = res.headers[name]
  if (Array.isArray(value)) return value[0] ?? null
  return value ?? null
}

function timeoutError(url: URL, d: Deadline): FetchError {
  const seconds = Math.round(d.timeoutMs / 100) / 10
  return new FetchError(
    'timeout',
    `The server at ${url.host} did not answer within ${seconds} second${seconds === 1 ? '' : 's'}.`,
  )
}

/**
 * Send one GET and resolve with the response head (body not read yet). A kept-alive socket
 * that the server closed just as it was reused fails with ECONNRESET before any answer: that
 * request is sent once more on a fresh connection, as Node's documentation advises.
 */
function request(
  url: URL,
  options: FetchOptions,
  d: Deadline,
  retry = true,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (d.controller.signal.aborted) return reject(timeoutError(url, d))
    const headers: Record<string, string> = {
      'User-Agent': USER_AGENT,
      Accept: options.accept ?? DEFAULT_ACCEPT,
      'Accept-Encoding': 'gzip, deflate, br',
    }
    if (options.etag) headers['If-None-Match'] = options.etag
    if (options.lastModified) headers['If-Modified-Since'] = options.lastModified
    const transport = url.protocol === 'https:' ? https : http
    const req = transport.request(url, { method: 'GET', headers })
    const onAbort = () => req.destroy(timeoutError(url, d))
    d.controller.signal.addEventListener('abort', onAbort, { once: true })
    req.on('response', (res) => {
      d.controller.signal.removeEventListener('abort', onAbort)
      resolve(res)
    })
    req.on('error', (err) => {
      d.controller.signal.removeEventListener('abort', onAbort)
      const code = (err as NodeJS.ErrnoException).code
      if (retry && req.reusedSocket && code === 'ECONNRESET') {
        resolve(request(url, options, d, false))
        return
      }
      reject(err instanceof FetchError ? err : networkError(url, err))
    })
    req.end()
  })
}

function networkError(url: URL, err: Error): FetchError {
  const code = (err as NodeJS.ErrnoException).code ?? ''
  const host = url.host
  let message: string
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    message = `The server at ${host} could not be found; check the address and your connection.`
  } else if (code === 'ECONNREFUSED') {
    message = `The server at ${host} refused the connection; check the address or try again later.`
  } else if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    message = `The server at ${host} closed the connection before answering; try again later.`
  } else if (code.startsWith('CERT_') || code.includes('CERT') || code.includes('SSL')) {
    message = `The server at ${host} has a certificate that cannot be trusted (${code}); the page was not fetched.`
  } else {
    message = `The server at ${host} could not be reached (${code || err.message}).`
  }
  return new FetchError('network', message)
}

/** The decoders for a Content-Encoding header, outermost coding last (as the header lists them). */
function decoders(url: URL, encoding: string | null): Transform[] {
  if (!encoding) return []
  const codings = encoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity')
  return codings.reverse().map((coding) => {
    if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip()
    if (coding === 'br') return zlib.createBrotliDecompress()
    if (coding === 'deflate') return createDeflateDecoder()
    throw new FetchError(
      'bad_encoding',
      `The server at ${url.host} sent its answer compressed as "${coding}", which Broadsheet cannot read.`,
    )
  })
}

/**
 * "deflate" should be zlib-wrapped, but some servers send raw deflate: choose by the first
 * byte (a zlib stream's low nibble is 8, the deflate method), as browsers do.
 */
function createDeflateDecoder(): Transform {
  let inner: Transform | null = null
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!inner) {
        inner = (chunk[0]! & 0x0f) === 8 ? zlib.createInflate() : zlib.createInflateRaw()
        inner.on('data', (d: Buffer) => this.push(d))
        inner.on('error', (e) => this.destroy(e))
      }
      inner.write(chunk, () => done())
    },
    flush(done) {
      if (!inner) return done()
      inner.once('end', () => done())
      inner.end()
    },
  })
}

/** Read and decode the body, stopping as soon as the decoded size passes `maxBytes`. */
function readBody(
  res: IncomingMessage,
  url: URL,
  maxBytes: number,
  d: Deadline,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new FetchError(
        'too_large',
        `The answer from ${url.host} is larger than ${formatMb(maxBytes)}; stopped.`,
      )
    const declared = Number(header(res, 'content-length'))
    const encoding = header(res, 'content-encoding')
    if (!encoding && Number.isFinite(declared) && declared > maxBytes) {
      res.destroy()
      return reject(tooLarge())
    }
    let chain: Transform[]
    try {
      chain = decoders(url, encoding)
    } catch (err) {
      res.destroy()
      return reject(err)
    }
    const chunks: Buffer[] = []
    let size = 0
    let rawSize = 0
    let settled = false
    const stages: NodeJS.ReadableStream[] = [res, ...chain]
    const finish = (err: Error | null) => {
      if (settled) return
      settled = true
      d.controller.signal.removeEventListener('abort', onAbort)
      if (err) {
        for (const s of [res, ...chain]) s.destroy()
        reject(err)
      } else {
        resolve(new Uint8Array(Buffer.concat(chunks, size)))
      }
    }
    const onAbort = () => finish(timeoutError(url, d))
    if (d.controller.signal.aborted) return onAbort()
    d.controller.signal.addEventListener('abort', onAbort, { once: true })

    res.on('data', (chunk: Buffer) => {
      rawSize += chunk.length
      if (rawSize > maxBytes) finish(tooLarge())
    })
    res.on('aborted', () =>
      finish(networkError(url, Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))),
    )
    res.on('error', (err) => finish(err instanceof FetchError ? err : networkError(url, err)))
    for (let i = 0; i < chain.length; i++) {
      ;(stages[i] as NodeJS.ReadableStream).pipe(chain[i]!)
      chain[i]!.on('error', (err: Error) =>
        finish(
          err instanceof FetchError
            ? err
            : new FetchError(
                'bad_encoding',
                `The answer from ${url.host} is damaged: it could not be decompressed (${err.message}).`,
              ),
        ),
      )
    }
    const last = stages[stages.length - 1]!
    last.on('data', (chunk: Buffer) => {
      if (settled) return
      size += chunk.length
      if (size > maxBytes) return finish(tooLarge())
      chunks.push(chunk)
    })
    last.on('end', () => finish(null))
  })
}

function formatMb(bytes: number): string {
  const mb = bytes / 1048576
  if (mb >= 1) return `${Math.round(mb * 10) / 10} MB`
  const kb = bytes / 1024
  return kb >= 1 ? `${Math.round(kb)} KB` : `${bytes} bytes`
}
