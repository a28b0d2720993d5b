import { describe, expect, it } from 'vitest'
import { tempLibrary, useTempLibraries } from '../../helpers/temp-library'
import { MAX_MARKDOWN_CHARS } from '../../../src/shared/contract'
import { MAX_RPC_BODY } from '../../../src/main/server/http-server'
import { bearer, raw, serve, useServers } from './harness'

// The gate in front of everything browser mode serves: token, Host, no CORS, body rules.
useTempLibraries()
useServers()

const JSON_TYPE = { 'Content-Type': 'application/json' }

describe('the access token', () => {
  it('is required: none or a wrong one gets 401 and a short text body', async () => {
    const { port, token } = await serve(tempLibrary())
    for (const headers of [{}, bearer('wrong'), bearer(`${token}x`), { Authorization: token }]) {
      const r = await raw(port, '/rpc/articles.list', {
        method: 'POST',
        headers: { ...JSON_TYPE, ...headers },
        body: '{}',
      })
      expect(r.status).toBe(401)
      expect(r.headers['content-type']).toMatch(/^text\/plain/)
      expect(r.body.length).toBeLessThan(80)
      expect(r.body).not.toContain(token)
    }
    expect((await raw(port, '/?token=nope')).status).toBe(401)
    const wrongCookie = { Cookie: `broadsheet_token_${port}=nope` }
    expect((await raw(port, '/', { headers: wrongCookie })).status).toBe(401)
  })

  it('is a fresh 32-byte base64url value per run, and is in the printed URL', async () => {
    const lib = tempLibrary()
    const a = await serve(lib)
    const b = await serve(lib)
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a.token).not.toBe(b.token)
    expect(a.server.url).toBe(`http://127.0.0.1:${a.port}/?token=${a.token}`)
  })

  it('works as a header, a query parameter and a cookie', async () => {
    const { port, token } = await serve(tempLibrary())
    const post = { method: 'POST', body: '{}' }
    const viaHeader = await raw(port, '/rpc/tags.list', {
      ...post,
      headers: { ...JSON_TYPE, ...bearer(token) },
    })
    expect(viaHeader.status).toBe(200)
    const viaQuery = await raw(port, `/rpc/tags.list?token=${token}`, {
      ...post,
      headers: JSON_TYPE,
    })
    expect(viaQuery.status).toBe(200)
    const viaCookie = await raw(port, '/rpc/tags.list', {
      ...post,
      headers: { ...JSON_TYPE, Cookie: `other=1; broadsheet_token_${port}=${token}` },
    })
    expect(viaCookie.status).toBe(200)
  })

  it('sets the HttpOnly, SameSite=Strict cookie when the page is opened with ?token=', async () => {
    const { port, token } = await serve(tempLibrary())
    const page = await raw(port, `/?token=${token}`)
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.body).toContain('npm run build')
    const cookie = String(page.headers['set-cookie'])
    expect(cookie).toContain(`broadsheet_token_${port}=${token}`)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    expect(cookie).toContain('Path=/')
    // Requests authenticated otherwise do not hand out the cookie.
    expect((await raw(port, '/', { headers: bearer(token) })).headers['set-cookie']).toBeUndefined()
  })
})

describe('two servers on one host', () => {
  it('each has its own cookie, so opening the second does not lock out the first', async () => {
    const a = await serve(tempLibrary())
    const b = await serve(tempLibrary())
    const cookieA = String((await raw(a.port, `/?token=${a.token}`)).headers['set-cookie'])
    const cookieB = String((await raw(b.port, `/?token=${b.token}`)).headers['set-cookie'])
    // A browser sends every cookie of the host to every port: both at once, as it would.
    const jar = [cookieA, cookieB].map((c) => c.split(';')[0]).join('; ')
    const post = { method: 'POST', body: '{}', headers: { ...JSON_TYPE, Cookie: jar } }
    expect((await raw(a.port, '/rpc/tags.list', post)).status).toBe(200)
    expect((await raw(b.port, '/rpc/tags.list', post)).status).toBe(200)
    // The other server's cookie alone is not a key to this one.
    const onlyB = { ...post, headers: { ...JSON_TYPE, Cookie: cookieB.split(';')[0]! } }
    expect((await raw(a.port, '/rpc/tags.list', onlyB)).status).toBe(401)
  })
})

describe('the Host check', () => {
  it('refuses a foreign Host even with the right token (DNS rebinding)', async () => {
    const { port, token } = await serve(tempLibrary())
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
    ]) {
      const r = await raw(port, `/?token=${token}`, { headers: { Host: host } })
      expect([403, 421]).toContain(r.status)
      expect(r.headers['set-cookie']).toBeUndefined()
    }
  })

  it('accepts the loopback names with the port', async () => {
    const { port, token } = await serve(tempLibrary())
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const r = await raw(port, '/', { headers: { Host: host, ...bearer(token) } })
      expect(r.status).toBe(200)
    }
  })
})

describe('every response', () => {
  it('carries the security headers and never a CORS header', async () => {
    const { port, token } = await serve(tempLibrary())
    const origin = { Origin: 'https://evil.example' }
    const responses = await Promise.all([
      raw(port, '/', { headers: origin }),
      raw(port, '/', { headers: { ...origin, ...bearer(token) } }),
      raw(port, '/missing', { headers: { ...origin, ...bearer(token) } }),
      raw(port, '/rpc/tags.list', {
        method: 'POST',
        headers: { ...origin, ...JSON_TYPE, ...bearer(token) },
        body: '{}',
      }),
      raw(port, '/rpc/tags.list', {
        method: 'OPTIONS',
        headers: {
          ...origin,
          ...bearer(token),
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      }),
      raw(port, '/', { headers: { Host: 'evil.example' } }),
    ])
    for (const r of responses) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
      expect(r.headers['content-security-policy']).toContain("default-src 'self'")
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'")
      expect(r.headers['x-content-type-options']).toBe('nosniff')
      expect(r.headers['referrer-policy']).toBe('no-referrer')
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin')
      expect(r.headers['cross-origin-resource-policy']).toBe('same-origin')
    }
  })

  it('refuses OPTIONS (so a CORS preflight fails) and other methods', async () => {
    const { port, token } = await serve(tempLibrary())
    for (const method of ['OPTIONS', 'PUT', 'DELETE']) {
      const r = await raw(port, '/rpc/tags.list', { method, headers: bearer(token) })
      expect(r.status).toBe(405)
    }
  })
})

describe('request bodies', () => {
  it('must be application/json (a form post cannot reach a method)', async () => {
    const { port, token } = await serve(tempLibrary())
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const r = await raw(port, '/rpc/articles.create', {
        method: 'POST',
        headers: { 'Content-Type': type, ...bearer(token) },
        body: JSON.stringify({ markdown: '# x' }),
      })
      expect(r.status).toBe(415)
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    }
    const charset = await raw(port, '/rpc/tags.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...bearer(token) },
      body: '{}',
    })
    expect(charset.status).toBe(200)
  })

  it('answers 413 to a declared oversize body without waiting for it', async () => {
    const { port, token } = await serve(tempLibrary())
    const r = await raw(port, '/rpc/articles.create', {
      method: 'POST',
      headers: { ...JSON_TYPE, ...bearer(token), 'Content-Length': MAX_RPC_BODY + 1 },
      bodyless: true,
    })
    expect(r.status).toBe(413)
    expect(JSON.parse(r.body)).toMatchObject({ ok: false })
    // assets.add has its own, larger limit, and a limit too.
    const asset = await raw(port, '/rpc/assets.add', {
      method: 'POST',
      headers: { ...JSON_TYPE, ...bearer(token), 'Content-Length': 141 * 1024 * 1024 },
      bodyless: true,
    })
    expect(asset.status).toBe(413)
  })

  it('answers 413 to a chunked body once it passes the limit', async () => {
    const { port, token } = await serve(tempLibrary())
    const body = Buffer.alloc(MAX_RPC_BODY + 1024 * 1024, 0x20)
    const r = await raw(port, '/rpc/articles.create', {
      method: 'POST',
      headers: { ...JSON_TYPE, ...bearer(token), 'Transfer-Encoding': 'chunked' },
      body,
    })
    expect(r.status).toBe(413)
  })

  it('reads any document the contract allows: the byte limit fits 20 Mi characters', async () => {
    const { port, token } = await serve(tempLibrary())
    // 8 Mi CJK characters: within the contract's 20 Mi, but 24 MiB of UTF-8.
    const markdown = '新'.repeat(8 * 1024 * 1024)
    const r = await raw(port, '/rpc/articles.update', {
      method: 'POST',
      headers: { ...JSON_TYPE, ...bearer(token) },
      body: JSON.stringify({ id: 'nope', markdown, baseVersion: 1 }),
    })
    // Read, parsed and validated: the answer is about the article, not the size.
    expect(r.status).toBe(404)
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(MAX_RPC_BODY).toBeGreaterThanOrEqual(6 * MAX_MARKDOWN_CHARS)
  })

  it('answers 400 with an RpcResult to a body that is not JSON', async () => {
    const { port, token } = await serve(tempLibrary())
    const r = await raw(port, '/rpc/articles.create', {
      method: 'POST',
      headers: { ...JSON_TYPE, ...bearer(token) },
      body: '{"markdown": ',
    })
    expect(r.status).toBe(400)
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})
