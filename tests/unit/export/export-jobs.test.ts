import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { insertArticle } from '../../../src/main/library/articles'
import type { Library } from '../../../src/main/library/open-library'
import { tempLibrary, useTempLibraries } from '../../helpers/temp-library'
import { bearer, call, raw, serve, useServers } from '../server/harness'

// Exports started with `export.start` over browser mode's real server: progress read while the
// export runs, a cancel that stops it, and the file collected once.
useTempLibraries()
useServers()

/** `count` articles with enough text that rendering each takes a moment. */
function fill(lib: Library, count: number): void {
  const body = Array.from(
    { length: 40 },
    (_, i) =>
      `Paragraph ${i} with **bold**, _italic_, \`code\` and a [link](https://example.com/${i}).`,
  ).join('\n\n')
  lib.transaction(() => {
    for (let i = 0; i < count; i++) {
      const n = String(i).padStart(4, '0')
      insertArticle(lib, `---\ntitle: Report ${n}\ntags: [pile]\n---\n## Part one\n\n${body}\n`)
    }
  })
}

type Status = {
  state: string
  done: number
  total: number
  current: string | null
  name: string | null
  error: string | null
  warnings: string[]
}

async function rpc<T>(origin: string, token: string, method: string, input: unknown): Promise<T> {
  // The first article loads the renderer (seconds on a busy machine) without a turn of the
  // event loop; a kept-alive socket can time out meanwhile and be closed under the next request
  // ("other side closed"). Asking again is what the app's poll does too (export-request.ts).
  for (let attempt = 0; ; attempt++) {
    try {
      const { body } = await call(origin, token, method, input)
      if (!body.ok) throw new Error(`${method}: ${body.error.message}`)
      return body.value as T
    } catch (err) {
      if (attempt === 2 || !(err instanceof TypeError)) throw err
    }
  }
}

describe('export jobs', { timeout: 120_000 }, () => {
  it('reports progress while a long export runs, then hands over the file once', async () => {
    const lib = tempLibrary()
    fill(lib, 80)
    const { origin, port, token } = await serve(lib)
    const started = await rpc<{ job: string; total: number }>(origin, token, 'export.start', {
      scope: { tag: 'pile' },
      format: 'html',
      options: { combine: false },
    })
    expect(started.total).toBe(80)
    expect(started.job).toMatch(/^[0-9a-f]{32}$/)

    const seen: Status[] = []
    for (;;) {
      const status = await rpc<Status>(origin, token, 'export.progress', { job: started.job })
      seen.push(status)
      if (status.state !== 'running') break
      await new Promise((r) => setTimeout(r, 10))
    }
    const last = seen.at(-1)!
    expect(last).toMatchObject({ state: 'done', done: 80, total: 80, error: null })
    expect(last.name).toBe('pile.zip')
    // The server answered while the export ran: some answers fall between start and end, each
    // naming the article under way, and the count never goes back.
    const middle = seen.filter((s) => s.state === 'running' && s.done > 0 && s.done < 80)
    expect(middle.length).toBeGreaterThan(0)
    for (const s of middle) expect(s.current).toMatch(/^Report \d{4}$/)
    const counts = seen.map((s) => s.done)
    expect(counts).toEqual([...counts].sort((a, b) => a - b))

    // Nobody else may collect it: the token is checked first.
    expect((await raw(port, `/export?job=${started.job}`)).status).toBe(401)
    const res = await fetch(`${origin}/export?job=${started.job}`, { headers: bearer(token) })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/zip')
    expect(res.headers.get('content-disposition')).toContain('filename="pile.zip"')
    const files = Object.keys(unzipSync(Buffer.from(await res.arrayBuffer())))
    expect(files).toHaveLength(80)
    expect(files).toContain('report-0000.html')
    expect(files).toContain('report-0079.html')
    // Handed over once.
    const again = await raw(port, `/export?job=${started.job}`, { headers: bearer(token) })
    expect(again.status).toBe(404)
    expect(again.body).toMatch(/not known/)
    const status = await call(origin, token, 'export.progress', { job: started.job })
    expect(status.status).toBe(404)
  })

  it('stops a cancelled export between two articles and leaves no file', async () => {
    const lib = tempLibrary()
    fill(lib, 200)
    const { origin, port, token } = await serve(lib)
    const { job } = await rpc<{ job: string }>(origin, token, 'export.start', {
      scope: { all: true },
      format: 'epub',
      options: { combine: true },
    })
    // Let it get going, then cancel.
    for (;;) {
      const s = await rpc<Status>(origin, token, 'export.progress', { job })
      if (s.done > 0) break
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(await rpc(origin, token, 'export.cancel', { job })).toEqual({ cancelled: true })
    let end: Status
    for (;;) {
      end = await rpc<Status>(origin, token, 'export.progress', { job })
      if (end.state !== 'running') break
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(end.state).toBe('cancelled')
    expect(end.done).toBeLessThan(200)
    expect(end.name).toBeNull()
    // Too late to cancel again, and there is nothing to collect.
    expect(await rpc(origin, token, 'export.cancel', { job })).toEqual({ cancelled: false })
    const take = await call(origin, token, 'export.take', { job })
    expect(take.body).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect((take.body as { error: { message: string } }).error.message).toMatch(/cancelled/)
    const download = await raw(port, `/export?job=${job}`, { headers: bearer(token) })
    expect(download.status).toBe(400)
  })

  it('refuses a bad start at once, reports a failed export, and hands a file over by RPC', async () => {
    const lib = tempLibrary()
    fill(lib, 3)
    const { origin, token } = await serve(lib)
    const missing = await call(origin, token, 'export.start', {
      scope: { ids: ['zzzzzzzz'] },
      format: 'md',
    })
    expect(missing.status).toBe(404)
    const badJob = await call(origin, token, 'export.progress', { job: '../../etc' })
    expect(badJob.status).toBe(400)

    // Markdown cannot be combined: the writer fails, and the job says why.
    const { job } = await rpc<{ job: string }>(origin, token, 'export.start', {
      scope: { all: true },
      format: 'md',
      options: { combine: true },
    })
    let status: Status
    do status = await rpc<Status>(origin, token, 'export.progress', { job })
    while (status.state === 'running')
    expect(status.state).toBe('failed')
    expect(status.error).toMatch(/one file per article/)

    const ok = await rpc<{ job: string }>(origin, token, 'export.start', {
      scope: { all: true },
      format: 'md',
    })
    do status = await rpc<Status>(origin, token, 'export.progress', { job: ok.job })
    while (status.state === 'running')
    const file = await rpc<{ name: string; mime: string; dataBase64: string; warnings: string[] }>(
      origin,
      token,
      'export.take',
      { job: ok.job },
    )
    expect(file.name).toBe('broadsheet-export.zip')
    expect(file.mime).toBe('application/zip')
    expect(file.warnings).toEqual([])
    const names = Object.keys(unzipSync(Buffer.from(file.dataBase64, 'base64'))).sort()
    expect(names).toEqual(['report-0000.md', 'report-0001.md', 'report-0002.md'])
  })
})
