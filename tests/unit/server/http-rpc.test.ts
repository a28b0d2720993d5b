import { describe, expect, it } from 'vitest'
import { createLocalClient } from '../../../src/main/rpc/local-client'
import { openTracked, tempLibrary, useTempLibraries } from '../../helpers/temp-library'
import { bearer, call, serve, useServers } from './harness'

// The contract over HTTP, and the live updates a page gets when the library changes.
useTempLibraries()
useServers()

describe('POST /rpc/<method>', () => {
  it('creates, reads and finds an article', async () => {
    const { origin, token } = await serve(tempLibrary())
    const created = await call(origin, token, 'articles.create', {
      markdown: '---\ntitle: Harbour lights\n---\n\nThe ferry leaves at dawn.\n',
    })
    expect(created.status).toBe(200)
    expect(created.headers.get('content-type')).toMatch(/^application\/json/)
    if (!created.body.ok) throw new Error('create failed')
    const id = created.body.value.id!
    const got = await call(origin, token, 'articles.get', { id })
    expect(got.body).toMatchObject({ ok: true, value: { id, title: 'Harbour lights' } })
    const found = await call(origin, token, 'search', { query: 'ferry' })
    expect(found.status).toBe(200)
    expect(found.body.ok && (found.body.value.items as { id: string }[]).map((h) => h.id)).toEqual([
      id,
    ])
  })

  it('maps error codes to statuses, with the RpcResult as the body', async () => {
    const { origin, token } = await serve(tempLibrary())
    const invalid = await call(origin, token, 'articles.create', { markdown: 42 })
    expect(invalid.status).toBe(400)
    expect(invalid.body).toMatchObject({ ok: false, error: { code: 'invalid_input' } })

    const unknown = await call(origin, token, 'articles.explode', {})
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({ ok: false, error: { code: 'invalid_input' } })

    const missing = await call(origin, token, 'articles.get', { id: 'zzzzzzzz' })
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ ok: false, error: { code: 'not_found' } })

    const created = await call(origin, token, 'articles.create', { markdown: 'one' })
    if (!created.body.ok) throw new Error('create failed')
    const { id, version } = created.body.value as { id: string; version: number }
    await call(origin, token, 'articles.update', { id, markdown: 'two', baseVersion: version })
    const stale = await call(origin, token, 'articles.update', {
      id,
      markdown: 'three',
      baseVersion: version,
    })
    expect(stale.status).toBe(409)
    expect(stale.body).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(!stale.body.ok && stale.body.error.current).toMatchObject({ id, markdown: 'two' })
  })

  it('treats an empty body as no input', async () => {
    const { origin, token } = await serve(tempLibrary())
    const res = await fetch(`${origin}/rpc/tags.list`, {
      method: 'POST',
      headers: { ...bearer(token), 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, value: [] })
  })
})

/** Read a server-sent event stream until `until` matches the text so far, or time runs out. */
async function readEvents(
  res: Response,
  until: (text: string) => boolean,
  timeoutMs = 5000,
): Promise<string> {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const deadline = Date.now() + timeoutMs
  try {
    while (!until(text)) {
      const left = deadline - Date.now()
      if (left <= 0) break
      const next = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), left)),
      ])
      if (!next || next.done) break
      text += decoder.decode(next.value, { stream: true })
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
  return text
}

const dataLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => JSON.parse(l.slice(6)) as { type: string; ids?: string[] })

describe('GET /events', () => {
  it('needs the token', async () => {
    const { origin } = await serve(tempLibrary())
    expect((await fetch(`${origin}/events`)).status).toBe(401)
  })

  it('reports an article changed by another process (a second connection, like the CLI)', async () => {
    const lib = tempLibrary()
    const { origin, token } = await serve(lib)
    const res = await fetch(`${origin}/events`, { headers: bearer(token) })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = readEvents(res, (t) => t.includes('"changed"'))
    // Let the stream's first poll take its baseline before the other connection writes.
    await new Promise((r) => setTimeout(r, 100))
    const cli = createLocalClient(openTracked(lib.dir))
    const article = await cli['articles.create']({ markdown: '# From the CLI\n' })
    const received = dataLines(await events)
    expect(received[0]?.type).toBe('changed')
    expect(received[0]?.ids).toEqual([article.id])
  })

  it('reports a change made through this server to every open page', async () => {
    const { origin, token } = await serve(tempLibrary())
    const res = await fetch(`${origin}/events?token=${token}`)
    const events = readEvents(res, (t) => t.includes('"changed"'))
    await new Promise((r) => setTimeout(r, 50))
    const created = await call(origin, token, 'articles.create', { markdown: 'hello' })
    const received = dataLines(await events)
    expect(created.body.ok && received[0]).toEqual({
      type: 'changed',
      ids: [created.body.ok && created.body.value.id],
    })
  })

  it('ends open streams when the server closes, and close() does not hang', async () => {
    const { origin, token, server } = await serve(tempLibrary())
    const res = await fetch(`${origin}/events`, { headers: bearer(token) })
    const events = readEvents(res, () => false, 10_000)
    // A keep-alive connection from an earlier request must not hold close() open either.
    await call(origin, token, 'tags.list', {})
    const started = Date.now()
    await server.close()
    await events
    expect(Date.now() - started).toBeLessThan(2000)
    await expect(fetch(`${origin}/events`, { headers: bearer(token) })).rejects.toThrow()
  })
})
