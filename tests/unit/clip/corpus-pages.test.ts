/**
 * Every real page in the shared corpus (mozilla/readability's test pages), served by a local
 * HTTP server and saved with clipUrl into a real library, gives the title and byline in its
 * expected-metadata.json, keeps its text and images, and carries nothing executable.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readability } from '@mozilla/readability'
import { JSDOM, VirtualConsole } from 'jsdom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clipUrl } from '../../../src/main/clip/clip-url'
import { renderMarkdown } from '../../../src/shared/markdown/render'
import { findDangers } from '../markdown/dom'
import { corpusDir } from '../../helpers/corpus'
import { type LocalServer, startServer } from '../../helpers/local-http-server'
import { sharedTempLibrary } from '../../helpers/temp-library'

const PAGES = join(corpusDir(), 'pages')
const names = readdirSync(PAGES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)

interface Expected {
  title: string
  byline: string | null
  readerable: boolean
}

let server: LocalServer
const library = sharedTempLibrary()

beforeAll(async () => {
  const routes: Parameters<typeof startServer>[0] = {}
  for (const name of names) {
    routes[`/${name}/page.html`] = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end(readFileSync(join(PAGES, name, 'source.html')))
    }
  }
  server = await startServer(routes)
})
afterAll(async () => {
  await server.close()
  library.dispose()
})

/** Words in a text (letters and digits runs), for comparing how much text was kept. */
const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0

/** Readability alone on the same page: its text and image sources, for comparison. */
function readabilityAlone(html: string, url: string) {
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() })
  const parsed = new Readability(dom.window.document).parse()!
  const images = Array.from(JSDOM.fragment(parsed.content ?? '').querySelectorAll('img'))
    .map((img) => img.getAttribute('src') ?? '')
    .filter((src) => /^https?:/.test(src))
  return { words: words(parsed.textContent ?? ''), images }
}

describe('clipping the corpus pages', () => {
  it('found the corpus', () => {
    expect(names.length).toBeGreaterThanOrEqual(20)
  })

  // Big pages parse slowly in jsdom on a busy machine: a generous timeout, not a speed test.
  it.each(names)(
    '%s',
    async (name) => {
      const expected = JSON.parse(
        readFileSync(join(PAGES, name, 'expected-metadata.json'), 'utf8'),
      ) as Expected
      const url = server.url(`/${name}/page.html`)
      // Pages that Readability itself calls not readerable are saved only when forced.
      const result = await clipUrl(library.lib, url, {
        downloadImages: false,
        force: !expected.readerable,
      })
      const a = result.article
      const squash = (s: string) => s.replace(/\s+/g, ' ').trim()
      expect(a.title).toBe(squash(expected.title))
      // Bylines are stored without the "By " of news sites.
      expect(a.author).toBe(expected.byline ? squash(expected.byline).replace(/^By /i, '') : null)
      expect(a.sourceUrl).not.toBeNull()
      expect(a.read).toBe(false)

      const html = readFileSync(join(PAGES, name, 'source.html'), 'utf8')
      const alone = readabilityAlone(html, url)
      const rendered = renderMarkdown(a.markdown).html
      const text = JSDOM.fragment(rendered).textContent ?? ''
      // The article keeps (nearly) all the words Readability found, and every image.
      expect(words(text)).toBeGreaterThanOrEqual(Math.floor(alone.words * 0.9))
      for (const src of alone.images) {
        if (src.length < 2000) expect(a.markdown, src).toContain(src.replace(/[()]/g, '\\$&'))
      }
      // Nothing executable: the Markdown rendered WITHOUT the sanitizer is already clean.
      expect(findDangers(rendered)).toEqual([])
    },
    120_000,
  )

  it('refuses the pages Readability calls not readerable unless forced, storing nothing', async () => {
    const notReaderable = names.filter((n) => {
      const m = JSON.parse(readFileSync(join(PAGES, n, 'expected-metadata.json'), 'utf8'))
      return m.readerable === false
    })
    expect(notReaderable.length).toBeGreaterThan(0)
    const { lib, dispose } = sharedTempLibrary()
    try {
      for (const name of notReaderable) {
        await expect(
          clipUrl(lib, server.url(`/${name}/page.html`), { downloadImages: false }),
        ).rejects.toThrow(/^This page does not look like an article/)
      }
      expect(lib.db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 0 })
    } finally {
      dispose()
    }
  })
})
