/**
 * fetchResource against a real local HTTP server: redirects, compression, limits, timeouts,
 * error statuses and conditional GET, each as a person or a feed refresh would meet them.
 */
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FetchError, fetchResource } from '../../../src/main/net/http-fetch'
import { type LocalServer, startServer } from '../../helpers/local-http-server'

const PAGE = '<html><body><p>Hello from the local server.</p></body></html>'
// 64 MiB of zeros compress to about 64 KiB: a "bomb" well past the 20 MiB default limit.
const BOMB = gzipSync(Buffer.alloc(64 * 1024 * 1024))

let server: LocalServer

function redirect(status: number, to: string) {
  return (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(status, { Location: to })
    res.end()
  }
}

beforeAll(async () => {
  server = await startServer({
    '/page': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(PAGE)
    },
    '/moved-1': redirect(301, '/moved-2'),
    '/moved-2': redirect(308, '/page'),
    '/mixed-1': redirect(301, '/mixed-2'),
    '/mixed-2': redirect(302, '/page'),
    '/temporary': redirect(307, '/page'),
    '/loop': redirect(302, '/loop'),
    '/to-ftp': redirect(301, 'ftp://example.com/file'),
    '/to-javascript': redirect(302, 'javascript:alert(1)'),
    '/gzip': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' })
      res.end(gzipSync(PAGE))
    },
    '/brotli': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Encoding': 'br' })
      res.end(brotliCompressSync(PAGE))
    },
    '/deflate': (_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'deflate' })
      res.end(deflateSync(PAGE))
    },
    '/raw-deflate': (_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'deflate' })
      res.end(deflateRawSync(PAGE))
    },
    '/bad-gzip': (_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' })
      res.end(Buffer.from('this is not gzip at all'))
    },
    '/unknown-encoding': (_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'zstd' })
      res.end('??')
    },
    '/bomb': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Encoding': 'gzip' })
      res.end(BOMB)
    },
    '/big': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      res.end(Buffer.alloc(3 * 1024 * 1024, 'a'))
    },
    '/big-no-length': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      // Chunked, so the size is only known by counting.
      for (let i = 0; i < 48; i++) res.write(Buffer.alloc(65536, 'b'))
      res.end()
    },
    '/silent': () => {
      // Accepts the connection and never answers.
    },
    '/trickle': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      const timer = setInterval(() => res.write('.'), 50)
      res.on('close', () => clearInterval(timer))
    },
    '/missing': (_req, res) => {
      res.writeHead(404)
      res.end('no')
    },
    '/broken': (_req, res) => {
      res.writeHead(500)
      res.end('oops')
    },
    '/cached': (req, res) => {
      const etag = '"v1"'
      const modified = 'Wed, 21 Oct 2026 07:28:00 GMT'
      if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === modified) {
        res.writeHead(304, { ETag: etag })
        res.end()
        return
      }
      res.writeHead(200, { ETag: etag, 'Last-Modified': modified, 'Content-Type': 'text/xml' })
      res.end('<rss/>')
    },
  })
})

afterAll(() => server.close())

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError)
    return err as FetchError
  }
  throw new Error('expected the fetch to fail')
}

const text = (body: Uint8Array) => Buffer.from(body).toString('utf8')

describe('fetchResource', () => {
  it('returns the body, the content type and names Broadsheet in the User-Agent', async () => {
    const r = await fetchResource(server.url('/page'))
    expect(r.status).toBe(200)
    expect(text(r.body)).toBe(PAGE)
    expect(r.contentType).toBe('text/html; charset=utf-8')
    expect(r.url).toBe(server.url('/page'))
    expect(r.permanentRedirect).toBeNull()
    const sent = server.requests.filter((q) => q.path === '/page').at(-1)!
    expect(sent.headers['user-agent']).toMatch(/^Broadsheet\/\d+\.\d+\.\d+ \(\+https:\/\//)
    expect(sent.headers['accept-encoding']).toContain('br')
  })

  it('follows a chain of permanent redirects and reports where it ended', async () => {
    const r = await fetchResource(server.url('/moved-1'))
    expect(text(r.body)).toBe(PAGE)
    expect(r.url).toBe(server.url('/page'))
    expect(r.permanentRedirect).toBe(server.url('/page'))
  })

  it('does not report a move when any hop was temporary', async () => {
    const mixed = await fetchResource(server.url('/mixed-1'))
    expect(mixed.url).toBe(server.url('/page'))
    expect(mixed.permanentRedirect).toBeNull()
    const temporary = await fetchResource(server.url('/temporary'))
    expect(temporary.permanentRedirect).toBeNull()
  })

  it('stops a redirect loop with a message', async () => {
    const err = await failure(fetchResource(server.url('/loop'), { maxRedirects: 5 }))
    expect(err.failure).toBe('too_many_redirects')
    expect(err.message).toContain('redirected more than 5 times')
  })

  it('refuses redirects and addresses that are not http(s)', async () => {
    expect((await failure(fetchResource(server.url('/to-ftp')))).message).toContain(
      'redirected to a ftp address',
    )
    expect((await failure(fetchResource(server.url('/to-javascript')))).failure).toBe('bad_url')
    const file = await failure(fetchResource('file:///etc/passwd'))
    expect(file.message).toBe(
      'Only http and https addresses can be fetched, and "file:///etc/passwd" is neither.',
    )
    expect(file.code).toBe('invalid_input')
    expect((await failure(fetchResource('not a url'))).message).toContain('is not a web address')
  })

  it('decodes gzip, brotli and both kinds of deflate', async () => {
    for (const path of ['/gzip', '/brotli', '/deflate', '/raw-deflate']) {
      expect(text((await fetchResource(server.url(path))).body), path).toBe(PAGE)
    }
  })

  it('says so when a compressed body is damaged or compressed in an unknown way', async () => {
    const bad = await failure(fetchResource(server.url('/bad-gzip')))
    expect(bad.message).toContain('could not be decompressed')
    const unknown = await failure(fetchResource(server.url('/unknown-encoding')))
    expect(unknown.message).toContain('"zstd"')
  })

  it('stops a gzip bomb at the decoded size limit', async () => {
    const before = process.memoryUsage().rss
    const err = await failure(fetchResource(server.url('/bomb')))
    expect(err.failure).toBe('too_large')
    expect(err.message).toBe(
      `The answer from ${new URL(server.origin).host} is larger than 20 MB; stopped.`,
    )
    // It stopped near the limit rather than inflating all 64 MiB.
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * 1024 * 1024)
    const small = await failure(fetchResource(server.url('/bomb'), { maxBytes: 1024 * 1024 }))
    expect(small.message).toContain('larger than 1 MB; stopped.')
  })

  it('stops plain bodies over the limit, with or without a Content-Length', async () => {
    const limit = { maxBytes: 2 * 1024 * 1024 }
    expect((await failure(fetchResource(server.url('/big'), limit))).failure).toBe('too_large')
    expect((await failure(fetchResource(server.url('/big-no-length'), limit))).message).toContain(
      'larger than 2 MB',
    )
    expect((await fetchResource(server.url('/big-no-length'))).body.byteLength).toBe(48 * 65536)
  })

  it('times out a server that never answers, and one that never finishes', async () => {
    const host = new URL(server.origin).host
    const silent = await failure(fetchResource(server.url('/silent'), { timeoutMs: 300 }))
    expect(silent.failure).toBe('timeout')
    expect(silent.message).toBe(`The server at ${host} did not answer within 0.3 seconds.`)
    const started = Date.now()
    const trickle = await failure(fetchResource(server.url('/trickle'), { timeoutMs: 400 }))
    expect(trickle.failure).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('reports error statuses in words', async () => {
    const host = new URL(server.origin).host
    const missing = await failure(fetchResource(server.url('/missing')))
    expect(missing.message).toBe(`The server at ${host} returned 404 Not Found; check the address.`)
    expect(missing.status).toBe(404)
    const broken = await failure(fetchResource(server.url('/broken')))
    expect(broken.message).toBe(
      `The server at ${host} returned 500 Internal Server Error; the site has a problem, so try again later.`,
    )
  })

  it('reports a refused connection', async () => {
    const closed = await startServer({})
    const url = closed.url('/x')
    await closed.close()
    const err = await failure(fetchResource(url))
    expect(err.failure).toBe('network')
    expect(err.message).toContain('refused the connection')
  })

  it('answers 304 with an empty body when the ETag or Last-Modified still matches', async () => {
    const first = await fetchResource(server.url('/cached'))
    expect(first.status).toBe(200)
    expect(first.etag).toBe('"v1"')
    expect(first.lastModified).toBe('Wed, 21 Oct 2026 07:28:00 GMT')
    const byEtag = await fetchResource(server.url('/cached'), { etag: first.etag })
    expect(byEtag.status).toBe(304)
    expect(byEtag.body.byteLength).toBe(0)
    expect(byEtag.etag).toBe('"v1"')
    const byDate = await fetchResource(server.url('/cached'), { lastModified: first.lastModified })
    expect(byDate.status).toBe(304)
    expect(byDate.lastModified).toBe('Wed, 21 Oct 2026 07:28:00 GMT')
    const changed = await fetchResource(server.url('/cached'), { etag: '"v0"' })
    expect(changed.status).toBe(200)
    expect(text(changed.body)).toBe('<rss/>')
  })
})
