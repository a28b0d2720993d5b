/**
 * `npm run bench -- feeds [--items 1000] [--feeds 200] [--feed-items 5]`: feeds from a local
 * HTTP server into fresh libraries, beside what a user would otherwise run in the same process:
 * - parsing a 1,000-item RSS feed: Broadsheet's `parseFeed` beside htmlparser2's own
 *   `parseFeed` (the generic feed reader of the library we build on);
 * - importing it (fetch, parse, convert, store as articles; images off) as items per second;
 * - converting its items' HTML to Markdown: `htmlToMarkdown` (clean + turndown + GFM) beside
 *   turndown + the GFM plugin alone on the same HTML;
 * - refreshing 200 feeds (first fetch, then again when nothing changed: 304s) beside plain
 *   `fetch()` of the same 200 URLs at the same concurrency (the network floor);
 * - the peak memory of the process.
 * Item bodies are the synthetic library corpus rendered to HTML by markdown-it.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { gfm } from '@joplin/turndown-plugin-gfm'
import { parseFeed as htmlparser2ParseFeed } from 'htmlparser2'
import MarkdownIt from 'markdown-it'
import TurndownService from 'turndown'
import { DEFAULT_CONCURRENCY, allFeedIds, refreshFeeds } from '../src/main/feeds/refresh'
import { parseFeed } from '../src/main/feeds/parse/parse-feed'
import { insertFeed } from '../src/main/feeds/store'
import { subscribe } from '../src/main/feeds/subscribe'
import { htmlToMarkdown } from '../src/shared/html/html-to-markdown'
import { sharedTempLibrary } from '../tests/helpers/temp-library'
import { type Figure, peakRssMb, saveResults } from './comparators'
import { updateReadmeSection } from './readme-section'
import { syntheticArticle } from './synthetic-corpus'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? Math.max(1, Number(args[i + 1])) : fallback
}
const ITEMS = option('items', 1000)
const FEEDS = option('feeds', 200)
const FEED_ITEMS = option('feed-items', 5)

const md = new MarkdownIt()
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Item `i` of a synthetic feed: a title and an HTML body from the synthetic corpus. */
function item(i: number, feed = 0): string {
  const doc = syntheticArticle(feed * 100_000 + i).markdown
  const title = /^title: (.*)$/m.exec(doc)?.[1]?.replace(/^"|"$/g, '') ?? `Item ${i}`
  const body = doc.replace(/^---\n[\s\S]*?\n---\n/, '')
  const date = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toUTCString()
  return `<item><guid isPermaLink="false">feed-${feed}-item-${i}</guid><title>${escape(title)}</title>
<link>https://bench.example/${feed}/${i}</link><pubDate>${date}</pubDate><category>bench</category>
<description><![CDATA[${md.render(body)}]]></description></item>`
}

function rss(count: number, feed = 0): string {
  const items: string[] = []
  for (let i = 0; i < count; i++) items.push(item(i, feed))
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench feed ${feed}</title>
<link>https://bench.example/${feed}/</link>${items.join('\n')}</channel></rss>`
}

const big = rss(ITEMS)
const small = Array.from({ length: FEEDS }, (_, f) => Buffer.from(rss(FEED_ITEMS, f + 1)))
const server = http.createServer((req, res) => {
  const path = req.url ?? '/'
  if (path === '/big.xml') {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' })
    return res.end(big)
  }
  const n = Number(/^\/feed-(\d+)\.xml$/.exec(path)?.[1] ?? NaN)
  const body = small[n]
  if (!body) {
    res.writeHead(404)
    return res.end()
  }
  const etag = `"f${n}"`
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ETag: etag })
    return res.end()
  }
  res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: etag })
  res.end(body)
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

function time<T>(fn: () => T): [T, number] {
  const start = performance.now()
  const value = fn()
  return [value, performance.now() - start]
}

/** Plain fetch() of every small feed at our concurrency: the network and server floor. */
async function plainFetchAll(): Promise<number> {
  const start = performance.now()
  let next = 0
  const worker = async () => {
    while (next < FEEDS) {
      const res = await fetch(`${base}/feed-${next++}.xml`)
      await res.arrayBuffer()
    }
  }
  await Promise.all(Array.from({ length: DEFAULT_CONCURRENCY }, worker))
  return performance.now() - start
}

const figures: Record<string, unknown> = {}
try {
  // Parsing, warm: each parser once before timing.
  parseFeed(big, `${base}/big.xml`)
  htmlparser2ParseFeed(big, { xmlMode: true })
  const [doc, parseMs] = time(() => parseFeed(big, `${base}/big.xml`))
  const [, aloneParseMs] = time(() => htmlparser2ParseFeed(big, { xmlMode: true }))
  figures.feed = `${ITEMS} items, ${Math.round(Buffer.byteLength(big) / 1024)} KB`
  figures.parseMs = {
    value: parseMs,
    unit: 'ms',
    compared: { with: 'htmlparser2 parseFeed alone', value: aloneParseMs },
  } satisfies Figure

  // Conversion of every item's HTML, ours beside turndown alone.
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' })
  turndown.use(gfm)
  const htmls = doc.items.map((i) => i.contentHtml ?? '')
  htmlToMarkdown(htmls[0]!)
  turndown.turndown(htmls[0]!)
  const [, oursMs] = time(() => htmls.forEach((h) => htmlToMarkdown(h, { baseUrl: base })))
  const [, aloneMs] = time(() => htmls.forEach((h) => turndown.turndown(h)))
  figures.conversionMs = {
    value: oursMs,
    unit: 'ms',
    compared: { with: 'turndown + GFM plugin alone', value: aloneMs },
  } satisfies Figure

  // Import: subscribe = fetch + parse + convert + store, images off.
  const one = sharedTempLibrary()
  try {
    const start = performance.now()
    const sub = await subscribe(one.lib, `${base}/big.xml`)
    const ms = performance.now() - start
    figures.importItemsPerSecond = {
      value: (sub.refresh.added / ms) * 1000,
      unit: 'items/s',
    } satisfies Figure
    figures.importMs = { value: ms, unit: 'ms' } satisfies Figure
  } finally {
    one.dispose()
  }

  // Refresh many feeds: first fetch (everything new), then unchanged (304 each).
  const many = sharedTempLibrary()
  try {
    many.lib.transaction(() => {
      for (let f = 0; f < FEEDS; f++)
        insertFeed(many.lib, { url: `${base}/feed-${f}.xml`, title: `Feed ${f}` })
    })
    const ids = allFeedIds(many.lib)
    const floorMs = await plainFetchAll()
    let start = performance.now()
    const first = await refreshFeeds(many.lib, ids)
    const firstMs = performance.now() - start
    start = performance.now()
    const second = await refreshFeeds(many.lib, ids)
    const secondMs = performance.now() - start
    const failed = [...first, ...second].filter((r) => r.outcome === 'failed')
    // Reported, not thrown: a refresh that times out under load is a finding too.
    for (const r of failed.slice(0, 3)) console.error(`refresh of ${r.title} failed: ${r.error}`)
    figures.failedRefreshes = failed.length
    figures.refresh = `${FEEDS} feeds × ${FEED_ITEMS} items, ${DEFAULT_CONCURRENCY} at a time`
    figures.refreshFirstMs = {
      value: firstMs,
      unit: 'ms',
      compared: { with: 'plain fetch() of the same feeds', value: floorMs },
    } satisfies Figure
    figures.refreshUnchangedMs = {
      value: secondMs,
      unit: 'ms',
      compared: { with: 'plain fetch() of the same feeds', value: floorMs },
    } satisfies Figure
    figures.articlesAfterTwoRefreshes =
      first.reduce((n, r) => n + r.added, 0) + second.reduce((n, r) => n + r.added, 0)
  } finally {
    many.dispose()
  }
  figures.peakRssMb = { value: peakRssMb(), unit: 'MB' } satisfies Figure
} finally {
  server.close()
}

saveResults('feeds', figures)

const f = (key: string) => figures[key] as Figure
const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1))
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`
const row = (label: string, key: string, alone: string) => {
  const fig = f(key)
  const c = fig.compared
  return `| ${label} | ${fmt(fig.value)} ${fig.unit} | ${c ? `${alone}: ${fmt(c.value)} ${fig.unit}` : ''} | ${c ? ratio(fig.value, c.value) : ''} |`
}
await updateReadmeSection(
  'feeds',
  [
    `| figure (${figures.feed as string}; ${figures.refresh as string}; ${new Date().toISOString().slice(0, 10)}) | Broadsheet | alone in the same run | ratio |`,
    '| --- | --- | --- | --- |',
    row('parse the feed', 'parseMs', 'htmlparser2 parseFeed'),
    row('convert every item to Markdown', 'conversionMs', 'turndown + GFM'),
    row('import the feed (fetch, parse, convert, store)', 'importItemsPerSecond', ''),
    row(`refresh ${FEEDS} feeds, all new`, 'refreshFirstMs', 'plain fetch()'),
    row(`refresh ${FEEDS} feeds, unchanged (304)`, 'refreshUnchangedMs', 'plain fetch()'),
    row('peak memory of the bench process', 'peakRssMb', ''),
    '',
  ].join('\n'),
)
