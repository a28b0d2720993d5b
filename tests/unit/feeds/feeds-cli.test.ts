/**
 * `broadsheet feeds …` as a person runs it: a real process, a real library folder and a real
 * local server to follow feeds from.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Feed, FeedRefreshResult } from '../../../src/shared/model'
import { type LocalServer, startServer } from '../../helpers/local-http-server'

const BIN = join(import.meta.dirname, '../../../bin/broadsheet')

let root: string
let library: string
let server: LocalServer
let items = 2

function rss(n: number): string {
  let out = ''
  for (let i = 1; i <= n; i++) {
    out += `<item><guid>item-${i}</guid><title>Story ${i}</title><link>https://cli.example/${i}</link><description>&lt;p&gt;Body ${i}&lt;/p&gt;</description></item>`
  }
  return `<rss version="2.0"><channel><title>CLI Daily</title><link>https://cli.example/</link>${out}</channel></rss>`
}

/** Run the command without blocking this process (the local server must keep answering). */
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

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'broadsheet-feeds-cli-'))
  library = join(root, 'library')
  server = await startServer({
    '/daily.xml': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' })
      res.end(rss(items))
    },
    '/broken.xml': (_req, res) => {
      res.writeHead(503)
      res.end()
    },
  })
})

afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})

describe('broadsheet feeds', () => {
  it('adds, lists, refreshes, exports, removes and imports feeds', async () => {
    const add = await run(
      'feeds',
      'add',
      server.url('/daily.xml'),
      '--folder',
      'News/Daily',
      '--no-images',
    )
    expect(add.stderr).toBe('')
    expect(add.status).toBe(0)
    expect(add.stdout).toMatch(/Following "CLI Daily" \(feed 1\): 2 new articles\./)

    const feeds = JSON.parse((await run('feeds', 'list', '--json')).stdout) as Feed[]
    expect(feeds).toMatchObject([
      { id: '1', title: 'CLI Daily', folder: ['News', 'Daily'], unreadCount: 2 },
    ])

    items = 3
    const refreshed = await run('feeds', 'refresh', '1', '--no-images', '--json')
    expect(refreshed.status).toBe(0)
    expect(JSON.parse(refreshed.stdout) as FeedRefreshResult[]).toMatchObject([
      { outcome: 'ok', added: 1 },
    ])

    const opml = join(root, 'subs.opml')
    expect((await run('feeds', 'export-opml', opml)).status).toBe(0)
    expect(readFileSync(opml, 'utf8')).toContain(`xmlUrl="${server.url('/daily.xml')}"`)

    const removed = await run('feeds', 'remove', '1')
    expect(removed.stdout).toContain('its articles stay in the library')

    const imported = await run('feeds', 'import-opml', opml)
    expect(imported.stdout).toContain('Following 1 new feed')
    // Following the feed again takes its kept articles back instead of importing copies.
    const all = await run('feeds', 'refresh', '--all', '--no-images', '--json')
    expect(all.status).toBe(0)
    expect(JSON.parse(all.stdout) as FeedRefreshResult[]).toMatchObject([
      { outcome: 'ok', added: 0 },
    ])
    const listed = await run('feeds', 'list')
    expect(listed.stdout).toMatch(/3\/3 +CLI Daily {2}\[News\/Daily\]/)
    const articles = JSON.parse((await run('list', '--json')).stdout) as { title: string }[]
    expect(articles.map((a) => a.title).sort()).toEqual(['Story 1', 'Story 2', 'Story 3'])
  }, 180_000)

  it('exits 1 with the reason when a refresh fails, and 2 when used wrongly', async () => {
    const opml = join(root, 'broken.opml')
    writeFileSync(
      opml,
      `<opml version="2.0"><body><outline text="B" xmlUrl="${server.url('/broken.xml')}"/></body></opml>`,
    )
    await run('feeds', 'import-opml', opml)
    const r = await run('feeds', 'refresh', server.url('/broken.xml'), '--no-images')
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/returned 503/)
    expect((await run('feeds', 'list')).stdout).toMatch(/! The server at .* returned 503/)
    expect((await run('feeds', 'refresh')).status).toBe(2)
    const missing = await run('feeds', 'remove', '999')
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/Feed 999 was not found/)
  }, 180_000)
})
