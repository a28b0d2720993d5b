/**
 * Subscribing and refreshing against a real local HTTP server and real SQLite libraries:
 * conditional GET, body-hash fallback, redirects, compression, charsets, slow and failing
 * servers, identity rules and the user's edits.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getArticle, updateArticle } from '../../../src/main/library/articles'
import { listArticles } from '../../../src/main/library/list'
import type { Library } from '../../../src/main/library/open-library'
import { listRevisions } from '../../../src/main/library/revisions'
import { refreshFeed, refreshFeeds } from '../../../src/main/feeds/refresh'
import { getFeed, getFeedRow, listFeeds } from '../../../src/main/feeds/store'
import { addFeed } from '../../../src/main/feeds/service'
import { subscribe } from '../../../src/main/feeds/subscribe'
import { type LocalServer, type Route, startServer } from '../../helpers/local-http-server'
import {
  MINUTE,
  TestClock,
  openTracked,
  tempLibrary,
  useTempLibraries,
} from '../../helpers/temp-library'
import { CORPUS, CORPUS_FEEDS } from './corpus'

useTempLibraries()

let server: LocalServer
const routes: Record<string, Route> = {}
const hits = new Map<string, number>()

beforeAll(async () => {
  server = await startServer(routes)
})
afterAll(() => server.close())
beforeEach(() => {
  for (const k of Object.keys(routes)) delete routes[k]
  hits.clear()
})

function count(path: string) {
  hits.set(path, (hits.get(path) ?? 0) + 1)
}

/** A route that serves `body()` with the given headers. */
function serve(path: string, body: () => string | Buffer, headers: Record<string, string> = {}) {
  routes[path] = (_req: IncomingMessage, res: ServerResponse) => {
    count(path)
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ...headers })
    res.end(body())
  }
}

function rss(items: string, title = 'Local News'): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${title}</title>
    <link>https://local.example/</link>${items}</channel></rss>`
}

function item(guid: string | null, title: string, body: string, link?: string): string {
  return `<item>${guid ? `<guid isPermaLink="false">${guid}</guid>` : ''}<title>${title}</title>
    ${link ? `<link>${link}</link>` : ''}<description><![CDATA[${body}]]></description></item>`
}

function feedArticles(lib: Library, feedId: string) {
  return listArticles(lib, { filter: { feeds: [feedId] }, limit: 500 }).items
}

describe('subscribing', () => {
  it('imports a feed as unread articles with front matter', async () => {
    const lib = tempLibrary()
    serve('/feed.xml', () =>
      rss(
        item(
          'a',
          'First &amp; best',
          '<p>Hello <a href="/about">about</a></p>',
          'https://local.example/a',
        ),
      ),
    )
    const { feed, refresh } = await subscribe(lib, server.url('/feed.xml'), { folder: ['News'] })
    expect(feed.title).toBe('Local News')
    expect(feed.folder).toEqual(['News'])
    expect(refresh.added).toBe(1)
    const [summary] = feedArticles(lib, feed.id)
    expect(summary!.read).toBe(false)
    // News from a feed is published by its source, not one of the user's drafts.
    expect(summary!.status).toBe('published')
    expect(summary!.feedId).toBe(feed.id)
    const article = getArticle(lib, summary!.id)
    expect(article.title).toBe('First & best')
    expect(article.sourceName).toBe('Local News')
    expect(article.sourceUrl).toBe('https://local.example/a')
    // The relative link resolved against the item's link, not the feed server.
    expect(article.markdown).toContain('[about](https://local.example/about)')
    expect(getFeed(lib, Number(feed.id)).unreadCount).toBe(1)
  })

  it('finds the feed a site announces', async () => {
    const lib = tempLibrary()
    serve('/feed.xml', () => rss(item('a', 'A', 'x')))
    routes['/site'] = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end(
        `<html><head><title>Site</title><link rel="alternate" type="application/rss+xml" title="Comments" href="/comments.xml">
         <link rel="alternate" type="application/rss+xml" href="feed.xml"></head><body></body></html>`,
      )
    }
    const { feed } = await subscribe(lib, server.url('/site'))
    expect(feed.url).toBe(server.url('/feed.xml'))
  })

  it('explains a page without a feed and a feed already followed', async () => {
    const lib = tempLibrary()
    routes['/plain'] = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<html><head><title>Nothing</title></head><body>hi</body></html>')
    }
    await expect(subscribe(lib, server.url('/plain'))).rejects.toThrow(/announces no feed/)
    serve('/feed.xml', () => rss(''))
    await subscribe(lib, server.url('/feed.xml'))
    await expect(subscribe(lib, server.url('/feed.xml'))).rejects.toThrow(/already follow/)
  })
})

describe('refreshing', () => {
  it('sends ETag and Last-Modified and handles 304 without duplicates', async () => {
    const lib = tempLibrary()
    routes['/cond.xml'] = (req, res) => {
      count('/cond.xml')
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304)
        res.end()
        return
      }
      res.writeHead(200, { ETag: '"v1"', 'Content-Type': 'application/rss+xml' })
      res.end(rss(item('a', 'A', 'x') + item('b', 'B', 'y')))
    }
    routes['/lm.xml'] = (req, res) => {
      if (req.headers['if-modified-since'] === 'Wed, 01 Jan 2025 00:00:00 GMT') {
        res.writeHead(304)
        res.end()
        return
      }
      res.writeHead(200, { 'Last-Modified': 'Wed, 01 Jan 2025 00:00:00 GMT' })
      res.end(rss(item('c', 'C', 'z')))
    }
    const a = await subscribe(lib, server.url('/cond.xml'))
    const b = await subscribe(lib, server.url('/lm.xml'))
    const results = await refreshFeeds(lib, [Number(a.feed.id), Number(b.feed.id)])
    expect(results.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged'])
    expect(feedArticles(lib, a.feed.id)).toHaveLength(2)
    expect(feedArticles(lib, b.feed.id)).toHaveLength(1)
  })

  it('falls back to a hash of the body when the server sends no validators', async () => {
    const lib = tempLibrary()
    let body = rss(item(null, 'No guid', '<p>same</p>', 'https://local.example/n'))
    serve('/plain.xml', () => body)
    const { feed } = await subscribe(lib, server.url('/plain.xml'))
    const again = await refreshFeed(lib, Number(feed.id))
    expect(again.outcome).toBe('unchanged')
    expect(feedArticles(lib, feed.id)).toHaveLength(1)
    body = rss(
      item(null, 'No guid', '<p>same</p>', 'https://local.example/n') +
        item(null, 'Second', '<p>new</p>', 'https://local.example/m'),
    )
    const changed = await refreshFeed(lib, Number(feed.id))
    expect(changed).toMatchObject({ outcome: 'ok', added: 1, updated: 0 })
    expect(feedArticles(lib, feed.id)).toHaveLength(2)
  })

  it('follows redirects and stores the new URL only when the move is permanent', async () => {
    const lib = tempLibrary()
    serve('/new.xml', () => rss(item('a', 'A', 'x')))
    serve('/other.xml', () => rss(item('b', 'B', 'x')))
    let status = 302
    routes['/old.xml'] = (_req, res) => {
      res.writeHead(status, { Location: '/new.xml' })
      res.end()
    }
    routes['/temp.xml'] = (_req, res) => {
      res.writeHead(302, { Location: '/other.xml' })
      res.end()
    }
    serve('/start.xml', () => rss(''))
    const { feed } = await subscribe(lib, server.url('/start.xml'))
    // Point the subscription at the redirecting address, as if the site moved later.
    lib.db
      .prepare('UPDATE feeds SET url = ? WHERE id = ?')
      .run(server.url('/old.xml'), Number(feed.id))
    await refreshFeed(lib, Number(feed.id))
    expect(getFeedRow(lib, Number(feed.id)).url).toBe(server.url('/old.xml'))
    status = 301
    await refreshFeed(lib, Number(feed.id))
    expect(getFeedRow(lib, Number(feed.id)).url).toBe(server.url('/new.xml'))
    expect(feedArticles(lib, feed.id)).toHaveLength(1)
  })

  it('reads gzip and feeds in windows-1251, KOI8-R and ISO-8859-1', async () => {
    const lib = tempLibrary()
    const file = (name: string) => readFileSync(join(CORPUS_FEEDS, name))
    serve('/gz.xml', () => gzipSync(rss(item('g', 'Gzipped ünïcode', 'x'))), {
      'Content-Encoding': 'gzip',
    })
    serve('/cp1251.xml', () => file('miniflux/encoding_WINDOWS-1251.xml'), {
      'Content-Type': 'text/xml',
    })
    // The HTTP header names the charset; the document's own prolog says nothing useful.
    serve('/koi8.xml', () => file('miniflux/koi8r.xml'), {
      'Content-Type': 'application/rss+xml; charset=KOI8-R',
    })
    serve('/latin1.xml', () => file('rss-parser/encoding.rss'), {
      'Content-Type': 'application/xml',
    })
    const gz = await subscribe(lib, server.url('/gz.xml'))
    expect(getArticle(lib, feedArticles(lib, gz.feed.id)[0]!.id).title).toBe('Gzipped ünïcode')
    const cp = await subscribe(lib, server.url('/cp1251.xml'))
    expect(feedArticles(lib, cp.feed.id).map((a) => a.title)).toContain('Цитата #17703')
    const koi = await subscribe(lib, server.url('/koi8.xml'))
    expect(koi.feed.title).toBe('Пример RSS ленты')
    const latin = await subscribe(lib, server.url('/latin1.xml'))
    expect(latin.feed.title).toBe('Jornal de Notícias - Últimas Notícias')
  })

  it('keeps the articles of a failing feed, says why, and backs off', async () => {
    const clock = new TestClock('2025-03-01T09:00:00.000Z')
    const lib = tempLibrary({ now: clock.now })
    let mode: 'ok' | 'error' | 'slow' | 'garbage' = 'ok'
    routes['/flaky.xml'] = (_req, res) => {
      if (mode === 'slow') return // never answers
      if (mode === 'error') {
        res.writeHead(500)
        res.end('oops')
        return
      }
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' })
      res.end(
        mode === 'garbage' ? '<html><body>Maintenance</body></html>' : rss(item('a', 'A', 'x')),
      )
    }
    const { feed } = await subscribe(lib, server.url('/flaky.xml'))
    const id = Number(feed.id)
    mode = 'error'
    const failed = await refreshFeed(lib, id)
    expect(failed.outcome).toBe('failed')
    expect(failed.error).toMatch(/returned 500/)
    let row = getFeed(lib, id)
    expect(row.error).toMatch(/returned 500/)
    expect(row.errorCount).toBe(1)
    expect(row.articleCount).toBe(1)
    const firstWait = Date.parse(row.nextFetchAt!) - clock.now().getTime()
    expect(firstWait).toBeGreaterThanOrEqual(54 * MINUTE)

    mode = 'slow'
    const slow = await refreshFeed(lib, id, { fetch: { timeoutMs: 300 } })
    expect(slow.error).toMatch(/time|answer/i)
    row = getFeed(lib, id)
    expect(row.errorCount).toBe(2)
    const secondWait = Date.parse(row.nextFetchAt!) - clock.now().getTime()
    expect(secondWait).toBeGreaterThan(firstWait * 1.5)

    mode = 'garbage'
    expect((await refreshFeed(lib, id)).error).toMatch(/web page, not a feed/)
    expect(getFeed(lib, id).articleCount).toBe(1)

    mode = 'ok'
    expect((await refreshFeed(lib, id, { force: true })).outcome).toBe('ok')
    row = getFeed(lib, id)
    expect(row.error).toBeNull()
    expect(row.errorCount).toBe(0)
  })
})

describe('concurrent refreshes', () => {
  it('imports once when the scheduler and the user refresh the same feed together', async () => {
    const lib = tempLibrary()
    let body = rss('')
    serve('/both.xml', () => body)
    const { feed } = await subscribe(lib, server.url('/both.xml'))
    body = rss(item('1', 'One', 'x') + item('2', 'Two', 'y'))
    // The scheduler writes through a connection of its own.
    const other = openTracked(lib.dir)
    const before = hits.get('/both.xml') ?? 0
    const results = await Promise.all([
      refreshFeed(lib, Number(feed.id)),
      refreshFeed(other, Number(feed.id)),
    ])
    expect(results.map((r) => r.added)).toEqual([2, 2])
    expect((hits.get('/both.xml') ?? 0) - before).toBe(1)
    expect(feedArticles(lib, feed.id)).toHaveLength(2)
  })
})

describe('items and articles', () => {
  it('never lets script, handlers or javascript: URLs into an article', async () => {
    const lib = tempLibrary()
    serve('/evil.xml', () =>
      rss(
        item(
          'e',
          'Evil &lt;script&gt;alert(1)&lt;/script&gt;',
          `<p onclick="alert(1)">Hi</p><script>alert(2)</script><img src="x.png" onerror="alert(3)">
           <a href="javascript:alert(4)">click</a><iframe src="https://evil.example"></iframe>
           <svg onload="alert(5)"></svg><a href="JaVaScRiPt:alert(6)">x</a><style>body{}</style>`,
          'https://local.example/e',
        ),
      ),
    )
    const { feed } = await subscribe(lib, server.url('/evil.xml'))
    const article = getArticle(lib, feedArticles(lib, feed.id)[0]!.id)
    expect(article.markdown).not.toMatch(
      /<script|onclick|onerror|onload|javascript:|<iframe|alert\(2\)/i,
    )
    expect(article.markdown).toContain('Hi')
  })

  it('applies the identity rules: guid, then link, then a hash of title and content', async () => {
    const lib = tempLibrary()
    let items =
      item('g1', 'Guid item', 'one') +
      item('g1', 'Guid item listed twice', 'one again') +
      item(null, 'Link item', 'two', 'https://local.example/two') +
      item(null, 'Bare item', 'three')
    serve('/ids.xml', () => rss(items))
    const { feed } = await subscribe(lib, server.url('/ids.xml'))
    expect(feedArticles(lib, feed.id)).toHaveLength(3)
    // The same guid with a new title is the same item updated, not a new one; a bare item with
    // new text is a new item (nothing else identifies it).
    items =
      item('g1', 'Guid item, corrected', 'one') +
      item(null, 'Link item', 'two', 'https://local.example/two') +
      item(null, 'Bare item', 'three') +
      item(null, 'Bare item', 'three, edited at the source')
    const r = await refreshFeed(lib, Number(feed.id))
    expect(r).toMatchObject({ added: 1, updated: 1 })
    const titles = feedArticles(lib, feed.id).map((a) => a.title)
    expect(titles.sort()).toEqual(['Bare item', 'Bare item', 'Guid item, corrected', 'Link item'])
  })

  it("updates an unedited article but never overwrites the user's edit", async () => {
    const lib = tempLibrary()
    let version = 1
    serve('/upd.xml', () =>
      rss(
        item('keep', `Keep v${version}`, `<p>text ${version}</p>`) +
          item('mine', `Mine v${version}`, `<p>text ${version}</p>`),
      ),
    )
    const { feed } = await subscribe(lib, server.url('/upd.xml'))
    const byTitle = (t: string) => feedArticles(lib, feed.id).find((a) => a.title.startsWith(t))!
    const mine = getArticle(lib, byTitle('Mine').id)
    const edited = mine.markdown.replace('text 1', 'text 1 with my own notes')
    updateArticle(lib, mine.id, edited, mine.version)

    version = 2
    const r = await refreshFeed(lib, Number(feed.id))
    expect(r).toMatchObject({ outcome: 'ok', added: 0, updated: 1, keptEdits: 1 })
    const keep = getArticle(lib, byTitle('Keep').id)
    expect(keep.title).toBe('Keep v2')
    expect(keep.markdown).toContain('text 2')
    expect(listRevisions(lib, keep.id).map((rev) => rev.reason)).toContain('import')
    expect(getArticle(lib, mine.id).markdown).toBe(edited)

    // Unchanged since: nothing more to do, and the edit is still there.
    version = 2
    const again = await refreshFeed(lib, Number(feed.id), { force: true })
    expect(again).toMatchObject({ added: 0, updated: 0, keptEdits: 0 })
    expect(getArticle(lib, mine.id).markdown).toBe(edited)
  })
})

describe('full text', () => {
  it('fetches the article from the page for a summary-only feed, keeping the summary otherwise', async () => {
    const lib = tempLibrary()
    const paragraph = (n: number) =>
      `<p>Paragraph ${n} of the full story tells what the summary only hinted at: the council met late, argued about the budget line by line, and finally agreed to keep the night buses running through the winter months.</p>`
    routes['/pages/full.html'] = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(
        `<html><head><title>Night buses stay</title></head><body><nav><a href="/">Home</a></nav>
         <article><h1>Night buses stay</h1>${[1, 2, 3, 4, 5, 6].map(paragraph).join('')}
         <script>alert(1)</script></article></body></html>`,
      )
    }
    serve('/summary.xml', () =>
      rss(
        item(
          'full',
          'Night buses stay',
          '<p>Council keeps night buses.</p>',
          server.url('/pages/full.html'),
        ) +
          item(
            'gone',
            'Vanished page',
            '<p>Only this summary is left.</p>',
            server.url('/pages/404.html'),
          ),
      ),
    )
    const { feed } = await subscribe(lib, server.url('/summary.xml'), { fullText: true })
    expect(feed.fullText).toBe(true)
    const byTitle = (t: string) =>
      getArticle(lib, feedArticles(lib, feed.id).find((a) => a.title === t)!.id)
    const full = byTitle('Night buses stay')
    expect(full.markdown).toContain('Paragraph 6 of the full story')
    expect(full.markdown).not.toMatch(/alert\(1\)|Home\]/)
    expect(full.summary).toBe('Council keeps night buses.')
    expect(byTitle('Vanished page').markdown).toContain('Only this summary is left.')
  })
})

describe('images', () => {
  it('keeps item images and the featured image in the library for offline reading', async () => {
    const lib = tempLibrary()
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    )
    routes['/pic.png'] = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/png' })
      res.end(png)
    }
    serve(
      '/img.xml',
      () =>
        `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Pics</title>
        <item><guid>p</guid><title>Picture</title><link>${server.url('/posts/p')}</link>
        <media:content url="${server.url('/pic.png')}" medium="image"/>
        <description><![CDATA[<p><img src="/pic.png" alt="a pixel"></p>]]></description></item></channel></rss>`,
    )
    const { feed } = await addFeed(lib, server.url('/img.xml'))
    const article = getArticle(lib, feedArticles(lib, feed.id)[0]!.id)
    expect(article.markdown).toMatch(/!\[a pixel\]\(assets\/[0-9a-f]{64}\.png\)/)
    expect(article.featuredImage).toMatch(/^assets\/[0-9a-f]{64}\.png$/)
  })
})

describe('the real-world corpus over HTTP', () => {
  it('imports every corpus feed with the right number of articles', async () => {
    const lib = tempLibrary()
    for (const c of CORPUS)
      serve(`/corpus/${c.file}`, () => readFileSync(join(CORPUS_FEEDS, c.file)), {
        'Content-Type': 'application/xml',
      })
    for (const c of CORPUS) await subscribe(lib, server.url(`/corpus/${c.file}`))
    const feeds = listFeeds(lib)
    expect(feeds).toHaveLength(CORPUS.length)
    for (const c of CORPUS) {
      const feed = feeds.find((f) => f.url === server.url(`/corpus/${c.file}`))!
      expect({ file: c.file, articles: feed.articleCount }).toEqual({
        file: c.file,
        articles: c.distinct ?? c.items,
      })
    }
    const unchanged = await refreshFeeds(
      lib,
      feeds.map((f) => Number(f.id)),
    )
    expect(unchanged.every((r) => r.outcome === 'unchanged')).toBe(true)
  }, 120_000)
})
