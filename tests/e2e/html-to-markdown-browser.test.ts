import { build } from 'esbuild'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { htmlToMarkdown } from '../../src/shared/html/html-to-markdown'
import { launchChromium } from './browser'

// htmlToMarkdown as the renderer runs it (pasting HTML into the editor): bundled for the
// browser (turndown's browser build, the page's DOMParser) and run in Chromium, it gives the
// very same Markdown as under Node, hostile input included.
let browser: Browser
let bundle: string

const INPUTS = [
  '<h2>Title</h2><p>Some <strong>bold</strong>, <em>italic</em> and <del>struck</del> text.</p>',
  '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
  '<pre><code class="language-python">print("hi")</code></pre>',
  '<ul><li><input type="checkbox" checked> done</li><li>plain</li></ul>',
  '<p><a href="/rel">relative</a> <img src="pic.png" alt="pic"></p>',
  '<img src=x onerror=alert(1)><script>alert(1)</script><iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a>',
  '<p>&lt;img src=x onerror=alert(1)&gt;</p>',
  '<table><tr><td><ul><li>in a cell</li></ul></td></tr></table>',
]

beforeAll(async () => {
  const out = await build({
    entryPoints: [join(import.meta.dirname, '../../src/shared/html/html-to-markdown.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'broadsheetHtml',
    platform: 'browser',
  })
  bundle = out.outputFiles[0]!.text
  browser = await launchChromium()
}, 180_000)

afterAll(async () => {
  await browser?.close()
})

describe('htmlToMarkdown in the browser', () => {
  it('bundles without Node parts and gives the same Markdown as under Node', async () => {
    // Neither Node parser is bundled (esbuild marks each bundled file with its path); the
    // Node-only loader in parse-html.ts names domino only as a string it never reaches here.
    expect(bundle).toMatch(/\/\/ node_modules\/turndown\//)
    expect(bundle).not.toMatch(/\/\/ node_modules\/(jsdom|@mixmark-io\/domino)\//)
    const page = await browser.newPage()
    try {
      await page.setContent('<!doctype html><title>t</title>')
      await page.addScriptTag({ content: bundle })
      const base = 'https://news.example/a/b.html'
      const inBrowser = await page.evaluate(
        ({ inputs, baseUrl }) =>
          inputs.map((html) =>
            (
              globalThis as unknown as {
                broadsheetHtml: { htmlToMarkdown: (h: string, o: object) => string }
              }
            ).broadsheetHtml.htmlToMarkdown(html, { baseUrl }),
          ),
        { inputs: INPUTS, baseUrl: base },
      )
      const inNode = INPUTS.map((html) => htmlToMarkdown(html, { baseUrl: base }))
      expect(inBrowser).toEqual(inNode)
      // The image stays (its handler does not), the script is gone, the frame is a link.
      expect(inBrowser[5]).toBe(
        '![](https://news.example/a/x)\n\n[Embedded content: evil.example](https://evil.example/)\n',
      )
      expect(inBrowser[6]).toBe('js data\n')
      // Nothing ran: the page's title is untouched and no dialog opened.
      expect(await page.title()).toBe('t')
    } finally {
      await page.close()
    }
  })
})
