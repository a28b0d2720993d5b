/**
 * clipUrl and importHtmlFile as a person meets them: a page saved with its images and
 * metadata, pages that are not articles and failed fetches leaving no article, hostile pages
 * leaving nothing executable, saved pages imported (alone and through a folder import).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clipUrl } from '../../../src/main/clip/clip-url'
import { importHtmlFile } from '../../../src/main/clip/import-html-file'
import { importPaths } from '../../../src/main/import/markdown-files'
import type { Library } from '../../../src/main/library/open-library'
import { renderMarkdown } from '../../../src/shared/markdown/render'
import { findDangers } from '../markdown/dom'
import { type LocalServer, startServer } from '../../helpers/local-http-server'
import { tempDir, tempLibrary, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 7)])

const PARAGRAPHS = Array.from(
  { length: 8 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of the report. The council met on Tuesday evening to discuss the new harbour plan, which would widen the quay, move the fish market and add a ferry berth for the islands, at a cost the treasurer called manageable.</p>`,
).join('\n')

function page(opts: { head?: string; body?: string; lang?: string } = {}): string {
  return `<!doctype html><html lang="${opts.lang ?? 'en'}"><head><meta charset="utf-8">
<title>Harbour plan approved | The Coast Gazette</title>
<meta property="og:title" content="Harbour plan approved">
<meta property="og:site_name" content="The Coast Gazette">
<meta property="og:image" content="/media/lead.jpg">
<meta property="article:published_time" content="2026-03-04T09:30:00Z">
<meta name="author" content="Ada Lovelace">
${opts.head ?? ''}</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour plan approved</h1><p class="byline">By Ada Lovelace</p>
${opts.body ?? ''}
${PARAGRAPHS}
<figure><img src="/media/quay.png" alt="The quay"><figcaption>The quay today</figcaption></figure>
</article><footer>© Gazette</footer></body></html>`
}

const HOSTILE_BODY = `
<script>alert('script')</script>
<p onclick="alert(1)">Clicking this <a href="javascript:alert(1)">link</a> or <a href="JaVaScRiPt:alert(2)">this</a> does nothing.</p>
<img src="x" onerror="alert(1)"><img src="javascript:alert(3)">
<iframe src="https://evil.example/"></iframe><object data="evil.swf"></object>
<form action="https://evil.example/"><input name="card"><button>Pay</button></form>
<p>Text that shows a tag: &lt;img src=x onerror=alert(1)&gt; and &lt;script&gt;</p>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>
<svg><script>alert(4)</script></svg><style>body{background:url(javascript:alert(5))}</style>`

const NOT_AN_ARTICLE = `<!doctype html><html><head><title>Gazette — front page</title></head><body>
<ul>${Array.from({ length: 40 }, (_, i) => `<li><a href="/story/${i}">Story number ${i}</a></li>`).join('')}</ul>
</body></html>`

const PAYWALL = `<!doctype html><html><head><title>Exclusive: the harbour deal</title></head><body>
<article><h1>Exclusive: the harbour deal</h1><p>The deal was signed at midnight after weeks of talks between the council and the port.</p>
<div class="paywall">Subscribe to read the rest.</div></article></body></html>`

// "Привет, мир" and more in windows-1251, declared only in a meta tag.
const CYRILLIC = Buffer.from(
  `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>T</title></head><body><article><h1>TITLE</h1>${'<p>BODY BODY BODY BODY BODY BODY BODY BODY BODY BODY BODY BODY BODY BODY BODY BODY BODY.</p>'.repeat(8)}</article></body></html>`,
  'latin1',
)
const cp1251 = (s: string) =>
  Buffer.from(
    Array.from(s, (c) => {
      const code = c.charCodeAt(0)
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0
      return code
    }),
  )

// Long enough to pass for an article, but the page says it is for subscribers only.
const SUBSCRIBERS = page({
  head: '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","isAccessibleForFree":"False","hasPart":{"@type":"WebPageElement","isAccessibleForFree":"False","cssSelector":".paywall"}}</script>',
})

let server: LocalServer

beforeAll(async () => {
  const html =
    (body: string | Buffer, type = 'text/html; charset=utf-8') =>
    (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'Content-Type': type })
      res.end(body)
    }
  const cyrillic = Buffer.from(
    CYRILLIC.toString('latin1')
      .replace('TITLE', cp1251('Новости города').toString('latin1'))
      .replaceAll('BODY', cp1251('Привет').toString('latin1')),
    'latin1',
  )
  server = await startServer({
    '/story': html(page()),
    '/moved': (_req, res) => {
      res.writeHead(301, { Location: '/story' })
      res.end()
    },
    '/hostile': html(page({ body: HOSTILE_BODY })),
    '/front': html(NOT_AN_ARTICLE),
    '/paywall': html(PAYWALL),
    '/subscribers': html(SUBSCRIBERS),
    '/report.pdf': html(Buffer.from('%PDF-1.4'), 'application/pdf'),
    '/cyrillic': html(cyrillic, 'text/html'),
    '/media/lead.jpg': html(JPEG, 'image/jpeg'),
    '/media/quay.png': html(PNG, 'image/png'),
  })
})
afterAll(() => server.close())

const count = (lib: Library) =>
  (lib.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n

describe('clipUrl', () => {
  it('saves a page as an unread article with its metadata and images', async () => {
    const lib = tempLibrary()
    const r = await clipUrl(lib, server.url('/story'))
    const a = r.article
    expect(r.existing).toBe(false)
    expect(a.title).toBe('Harbour plan approved')
    expect(a.author).toBe('Ada Lovelace')
    expect(a.sourceName).toBe('The Coast Gazette')
    expect(a.sourceUrl).toBe(server.url('/story'))
    expect(a.publishedAt).toBe('2026-03-04T09:30:00.000Z')
    expect(a.language).toBe('en')
    expect(a.read).toBe(false)
    // Someone else's article: it belongs in the archive, not among the user's drafts.
    expect(a.status).toBe('published')
    expect(a.markdown).toMatch(/^---\ntitle: Harbour plan approved\n/)
    expect(a.markdown).toContain('Paragraph 8 of the report.')
    expect(a.markdown).not.toContain('Home')
    // Both images are in the library: the lead image in the front matter, the figure inline.
    expect(r.imagesSaved).toBe(1)
    expect(r.imagesFailed).toEqual([])
    expect(a.featuredImage).toMatch(/^assets\/[0-9a-f]{64}\.jpg$/)
    expect(a.markdown).toMatch(/!\[The quay\]\(assets\/[0-9a-f]{64}\.png\)/)
  })

  it('keeps remote image links with --no-images', async () => {
    const lib = tempLibrary()
    const a = (await clipUrl(lib, server.url('/story'), { downloadImages: false })).article
    expect(a.markdown).toContain(`![The quay](${server.url('/media/quay.png')})`)
    expect(a.featuredImage).toBe(server.url('/media/lead.jpg'))
  })

  it('returns the article already saved from the same address instead of a second one', async () => {
    const lib = tempLibrary()
    const first = await clipUrl(lib, server.url('/story'), { downloadImages: false })
    const again = await clipUrl(lib, server.url('/moved'), { downloadImages: false })
    expect(again.existing).toBe(true)
    expect(again.article.id).toBe(first.article.id)
    expect(count(lib)).toBe(1)
  })

  it('leaves nothing executable from a hostile page', async () => {
    const lib = tempLibrary()
    const a = (await clipUrl(lib, server.url('/hostile'), { downloadImages: false })).article
    // Tags only as escaped text (\<img …), never as markup.
    expect(a.markdown).not.toMatch(/(^|[^\\])<(script|iframe|object|form|svg|style|img|a )/im)
    expect(a.markdown).not.toContain('onclick')
    expect(a.markdown.toLowerCase()).not.toMatch(/\]\((javascript|data:text)/)
    expect(a.markdown).toContain(
      'Text that shows a tag: \\<img src=x onerror=alert(1)> and \\<script>',
    )
    // Rendered without the sanitizer, the article's Markdown is already harmless.
    expect(findDangers(renderMarkdown(a.markdown).html)).toEqual([])
  })

  it('refuses a page that is not an article and stores nothing', async () => {
    const lib = tempLibrary()
    await expect(clipUrl(lib, server.url('/front'))).rejects.toThrow(
      /^This page does not look like an article: it is mostly links, like a front page .*Nothing was saved\.$/,
    )
    await expect(clipUrl(lib, server.url('/paywall'))).rejects.toThrow(
      /^This page does not look like an article: it has only \d+ characters of article text, so it may be behind a paywall or a login/,
    )
    await expect(clipUrl(lib, server.url('/subscribers'))).rejects.toThrow(
      /^This page does not look like an article: the page says it is for subscribers, and only \d+ characters/,
    )
    await expect(clipUrl(lib, server.url('/report.pdf'))).rejects.toThrow(
      'is not a web page but application/pdf',
    )
    expect(count(lib)).toBe(0)
  })

  it('saves a short page anyway when forced', async () => {
    const lib = tempLibrary()
    const a = (await clipUrl(lib, server.url('/paywall'), { force: true })).article
    expect(a.title).toBe('Exclusive: the harbour deal')
  })

  it('stores nothing when the fetch fails, and says why', async () => {
    const lib = tempLibrary()
    await expect(clipUrl(lib, server.url('/gone'))).rejects.toThrow(
      `The server at ${new URL(server.origin).host} returned 404 Not Found; check the address.`,
    )
    await expect(clipUrl(lib, 'ftp://example.com/x')).rejects.toThrow('Only http and https')
    expect(count(lib)).toBe(0)
  })

  it('decodes a page declared windows-1251 only in its meta tag', async () => {
    const lib = tempLibrary()
    const a = (await clipUrl(lib, server.url('/cyrillic'))).article
    expect(a.markdown).toContain('Привет Привет')
    expect(a.markdown).not.toContain('\uFFFD')
  })
})

describe('importHtmlFile and folder import', () => {
  function savedPage(dir: string, name: string, html: string) {
    mkdirSync(join(dir, 'story_files'), { recursive: true })
    writeFileSync(join(dir, 'story_files', 'quay.png'), PNG)
    writeFileSync(join(dir, name), html)
    return join(dir, name)
  }

  it('imports a saved page with its local images, links absolute against og:url', () => {
    const lib = tempLibrary()
    const dir = tempDir()
    const html = page({
      head: '<meta property="og:url" content="https://gazette.example/2026/harbour.html">',
      body: '<p>See <a href="/archive">the archive</a>.</p><img src="story_files/quay.png" alt="local">',
    })
    const a = importHtmlFile(lib, savedPage(dir, 'story.html', html))
    expect(a.title).toBe('Harbour plan approved')
    expect(a.sourceUrl).toBe('https://gazette.example/2026/harbour.html')
    expect(a.markdown).toContain('[the archive](https://gazette.example/archive)')
    expect(a.markdown).toMatch(/!\[local\]\(assets\/[0-9a-f]{64}\.png\)/)
  })

  it('uses <base href> for links', () => {
    const lib = tempLibrary()
    const dir = tempDir()
    const html = page({
      head: '<base href="https://mirror.example/news/">',
      body: '<p>Read <a href="more.html">more</a>.</p>',
    })
    const a = importHtmlFile(lib, savedPage(dir, 'page.htm', html))
    expect(a.markdown).toContain('[more](https://mirror.example/news/more.html)')
  })

  it('takes .html files in a folder import and skips non-articles with the reason', () => {
    const lib = tempLibrary()
    const dir = tempDir()
    savedPage(dir, 'story.html', page())
    writeFileSync(join(dir, 'index.html'), NOT_AN_ARTICLE)
    writeFileSync(join(dir, 'notes.md'), '# Notes\n\nPlain Markdown.\n')
    const report = importPaths(lib, [dir])
    expect(report.imported).toBe(2)
    expect(report.skipped).toHaveLength(1)
    expect(report.skipped[0]!.path).toContain('index.html')
    expect(report.skipped[0]!.reason).toMatch(/^This page does not look like an article/)
  })
})
