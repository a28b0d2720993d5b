/**
 * `broadsheet clip` and `broadsheet import page.html` as a person runs them: a real process,
 * a real library folder, pages from a real local HTTP server.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalServer, startServer } from '../../helpers/local-http-server'
import { tempDir } from '../../helpers/temp-library'

const BIN = join(import.meta.dirname, '../../../bin/broadsheet')
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const ARTICLE = `<!doctype html><html lang="en"><head><title>Tides turn | Gazette</title>
<meta property="og:title" content="Tides turn"><meta name="author" content="Grace Hopper"></head>
<body><article><h1>Tides turn</h1>${'<p>The tide tables for the spring were printed on Monday, and the harbour master warned that the highest tides of the decade would reach the old sea wall twice in April.</p>'.repeat(6)}
<img src="/tide.png" alt="Tide chart"></article></body></html>`
const FRONT = `<html><body><ul>${'<li><a href="/x">A story</a></li>'.repeat(30)}</ul></body></html>`

let server: LocalServer
let library: string

beforeAll(async () => {
  const send =
    (body: string | Buffer, type: string) =>
    (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'Content-Type': type })
      res.end(body)
    }
  server = await startServer({
    '/tides': send(ARTICLE, 'text/html'),
    '/front': send(FRONT, 'text/html'),
    '/tide.png': send(PNG, 'image/png'),
  })
  library = join(tempDir(), 'library')
})
afterAll(() => server.close())

/** Run the command without blocking this process (the server answers from it). */
function run(
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--library', library, ...args], {
      env: { ...process.env, BROADSHEET_LIBRARY: '' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

// Each run starts a process that compiles the CLI with tsx: seconds each on a busy machine.
describe('broadsheet clip', { timeout: 300_000 }, () => {
  it('saves a page with its image, and says so', async () => {
    const r = await run('clip', server.url('/tides'))
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(
      /^Saved "Tides turn" by Grace Hopper as [0-9a-z]{12} \(\d+ min read\)\.\n/,
    )
    expect(r.stdout).toContain('1 image stored in the library.')
    const id = /as ([0-9a-z]{12})/.exec(r.stdout)![1]!
    const shown = await run('show', id)
    expect(shown.stdout).toMatch(/^---\ntitle: Tides turn\nauthor: Grace Hopper\n/)
    expect(shown.stdout).toMatch(/!\[Tide chart\]\(assets\/[0-9a-f]{64}\.png\)/)
  })

  it('reports the copy already saved, as JSON', async () => {
    const r = await run('clip', server.url('/tides'), '--json', '--no-images')
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.existing).toBe(true)
    expect(out.article.title).toBe('Tides turn')
  })

  it('fails with a sentence and status 1 for a non-article or a missing page, 2 without a URL', async () => {
    const front = await run('clip', server.url('/front'))
    expect(front.status).toBe(1)
    expect(front.stderr).toMatch(
      /^broadsheet: This page does not look like an article: .* Save it anyway with --force\.\n$/,
    )
    const missing = await run('clip', server.url('/nowhere'))
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('returned 404 Not Found; check the address.')
    expect((await run('clip')).status).toBe(2)
    const list = await run('list', '--json')
    expect(JSON.parse(list.stdout).items ?? JSON.parse(list.stdout)).toHaveLength(1)
  })

  it('imports a saved page with broadsheet import', async () => {
    const file = join(tempDir(), 'saved.html')
    writeFileSync(
      file,
      ARTICLE.replace('Tides turn', 'Tides turn again').replace(
        '<title>Tides turn',
        '<title>Tides turn again',
      ),
    )
    const r = await run('import', file)
    expect(r.stdout).toContain('Imported 1 article.')
    expect(r.status).toBe(0)
  })
})
