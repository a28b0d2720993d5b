import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { getArticle } from '../../../src/main/library/articles'
import { tempLibrary, useTempLibraries } from '../../helpers/temp-library'
import { bearer, call, raw, serve, useServers } from '../server/harness'
import { seedLibrary } from './fixtures'

useTempLibraries()
useServers()

/** GET a path and keep the body's bytes. */
async function download(origin: string, path: string, headers: Record<string, string>) {
  const res = await fetch(`${origin}${path}`, { headers })
  return { res, bytes: Buffer.from(await res.arrayBuffer()) }
}

describe('browser mode export', () => {
  it('downloads an export as an attachment, only with the token', async () => {
    const lib = tempLibrary()
    const { ids } = seedLibrary(lib)
    const { origin, port, token } = await serve(lib)
    const path = `/export?format=md&ids=${ids[0]}`

    const denied = await raw(port, path)
    expect(denied.status).toBe(401)

    const { res, bytes } = await download(origin, path, bearer(token))
    expect(res.status).toBe(200)
    // The document and its image are two files: they come as a zip.
    expect(res.headers.get('content-type')).toBe('application/zip')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="die-videokamera-im-test.zip"; filename*=UTF-8''die-videokamera-im-test.zip`,
    )
    const entries = unzipSync(bytes)
    expect(Buffer.from(entries['die-videokamera-im-test.md']!).toString('utf8')).toBe(
      getArticle(lib, ids[0]!).markdown,
    )

    const html = await download(origin, `/export?format=html&ids=${ids[2]}`, bearer(token))
    expect(html.res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(html.res.headers.get('content-disposition')).toContain('filename="plain-words.html"')
    expect(html.bytes.toString('utf8')).toContain('Nothing but text here.')
  })

  it('answers a bad request with a sentence, and the RPC method returns the same file', async () => {
    const lib = tempLibrary()
    const { ids } = seedLibrary(lib)
    const { origin, port, token } = await serve(lib)
    const bad = await raw(port, '/export?format=pages&all=1', { headers: bearer(token) })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatch(/^Bad export request \(format: /)
    const missing = await raw(port, '/export?format=md&ids=zzzzzzzz', { headers: bearer(token) })
    expect(missing.status).toBe(404)
    expect(missing.body).toMatch(/was not found/)

    const rpc = await call(origin, token, 'export.file', {
      scope: { ids: [ids[2]] },
      format: 'md',
    })
    expect(rpc.body).toMatchObject({
      ok: true,
      value: { name: 'plain-words.md', mime: 'text/markdown; charset=utf-8' },
    })
    const value = (rpc.body as unknown as { value: { dataBase64: string } }).value
    expect(Buffer.from(value.dataBase64, 'base64').toString('utf8')).toBe(
      getArticle(lib, ids[2]!).markdown,
    )
    const formats = await call(origin, token, 'export.formats', {})
    expect(formats.body).toMatchObject({ ok: true, value: { pdf: true } })
    expect((formats.body as unknown as { value: { formats: string[] } }).value.formats).toEqual([
      'md',
      'html',
      'pdf',
      'epub',
      'docx',
      'json',
      'odt',
      'rtf',
      'latex',
    ])
  })
})
