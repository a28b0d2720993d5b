import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportToPath } from '../../../src/main/export/export-articles'
import { SCREENSHOTS, launchChromium } from '../../e2e/browser'
import { tempDir, tempLibrary, useTempLibraries } from '../../helpers/temp-library'
import { createArticle } from '../../../src/main/library/articles'
import { addAsset } from '../../../src/main/library/assets'
import { HOSTILE_SVG, seedLibrary } from './fixtures'

useTempLibraries()

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/** Open an exported file in Chromium with the network cut; report what it tried to load. */
async function openOffline(file: string, screenshot?: string) {
  const context = await browser.newContext()
  await context.setOffline(true)
  const page = await context.newPage()
  const requests: string[] = []
  const url = pathToFileURL(file).href
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue()
    requests.push(route.request().url())
    return route.abort()
  })
  await page.goto(url)
  await page.waitForLoadState('load')
  const state = await page.evaluate(() => ({
    images: Array.from(document.images).map((img) => ({
      complete: img.complete,
      width: img.naturalWidth,
    })),
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    title: document.title,
    lang: document.documentElement.lang,
    author: document.querySelector('meta[name=author]')?.getAttribute('content') ?? null,
    description: document.querySelector('meta[name=description]')?.getAttribute('content') ?? null,
    toc: Array.from(document.querySelectorAll('nav.collection-toc li a')).map((a) => ({
      text: a.textContent,
      target: document.getElementById(a.getAttribute('href')!.slice(1))?.tagName ?? null,
    })),
    articleTitles: Array.from(document.querySelectorAll('section.exported-article')).map(
      (s) => s.querySelector('.article-title, h1')?.textContent ?? null,
    ),
    mathFont: document.fonts.check('16px KaTeX_Main'),
    katex: document.querySelectorAll('.katex').length,
    background: getComputedStyle(document.querySelector('article.reader')!).maxWidth,
  }))
  if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true })
  await context.close()
  return { ...state, requests }
}

describe('HTML export', () => {
  it('makes one self-contained file per article that shows every image offline and runs no script', async () => {
    const lib = tempLibrary()
    const { ids } = seedLibrary(lib)
    const out = join(tempDir(), 'html')
    const r = await exportToPath(lib, { ids: [ids[0]!] }, 'html', join(out, 'kamera.html'))
    const file = r.documents[0]!
    const html = readFileSync(file, 'utf8')
    expect(html).not.toMatch(/<script|onerror|javascript:/i)
    expect(html).toContain('.reader') // the reader stylesheet is inlined
    const s = await openOffline(file, 'export-html-article.png')
    expect(s.requests).toEqual([])
    expect(s.images).toHaveLength(2) // featured image and the body's image
    for (const img of s.images) {
      expect(img.complete).toBe(true)
      expect(img.width).toBeGreaterThan(0)
    }
    expect(s.pwned).toBeNull()
    expect(s.title).toBe('Die Videokamera im Test')
    expect(s.lang).toBe('de')
    expect(s.author).toBe('Jana Berg')
    expect(s.description).toBe('A camera tested on the road.')
    expect(s.katex).toBe(1)
    expect(s.mathFont).toBe(true)
  })

  it('makes a collection with a table of contents that lists every article in order', async () => {
    const lib = tempLibrary()
    const { ids } = seedLibrary(lib)
    const order = [ids[2]!, ids[0]!, ids[1]!]
    const file = join(tempDir(), 'collection.html')
    await exportToPath(lib, { ids: order }, 'html', file, { combine: true, title: 'Mappe' })
    const s = await openOffline(file, 'export-html-collection.png')
    expect(s.requests).toEqual([])
    expect(s.title).toBe('Mappe')
    expect(s.toc).toEqual([
      { text: 'Plain words', target: 'SECTION' },
      { text: 'Die Videokamera im Test', target: 'SECTION' },
      { text: 'Ein zweiter Bericht', target: 'SECTION' },
    ])
    expect(s.articleTitles).toEqual([
      'Plain words',
      'Die Videokamera im Test',
      'Ein zweiter Bericht',
    ])
    expect(s.images).toHaveLength(4)
    for (const img of s.images) expect(img.width).toBeGreaterThan(0)
    expect(s.pwned).toBeNull()
  })

  it('embeds an SVG image without the script it carried', async () => {
    const lib = tempLibrary()
    const svg = addAsset(lib, Buffer.from(HOSTILE_SVG), 'image/svg+xml')
    const a = createArticle(lib, `# Drawing\n\n![chart](${svg})\n`)
    const file = join(tempDir(), 'drawing.html')
    await exportToPath(lib, { ids: [a.id] }, 'html', file)
    const html = readFileSync(file, 'utf8')
    const data = /src="data:image\/svg\+xml;base64,([^"]+)"/.exec(html)![1]!
    const image = Buffer.from(data, 'base64').toString('utf8')
    expect(image).toContain('<rect')
    expect(image).not.toMatch(/script|onload|foreignObject|pwned/i)
    const s = await openOffline(file)
    expect(s.images).toEqual([{ complete: true, width: 40 }])
    expect(s.pwned).toBeNull()
  })
})
