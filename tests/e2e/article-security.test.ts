import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createArticle } from '../../src/main/library/articles'
import { type AppUnderTest, openFromList, openPage, screenshot, startApp } from './article-helpers'

// An article made of the XSS history of Markdown apps (raw HTML, script URLs, SVG, MathML,
// code-fence info strings, math, front-matter fields), opened in the reader view and in the
// live preview of the built app. Every payload would set `window.__pwned`; none may.
let app: AppUnderTest

beforeAll(async () => {
  app = await startApp()
}, 180_000)

afterAll(async () => {
  await app?.close()
})

// No '=', no quotes, no spaces: valid as an unquoted attribute value and inside a link
// destination, so each vector reaches the sanitizer as real markup, not as text.
const RUN = 'Object.assign(window,{__pwned:1})'

const FRONT_MATTER = [
  '---',
  `title: "Hostile <img src=x onerror=${RUN}><script>${RUN}</script>"`,
  `author: "<svg onload=${RUN}>"`,
  'date: 2024-01-01',
  `tags: ["<b onmouseover=${RUN}>tag</b>", ai-generated]`,
  `image: "javascript:${RUN}"`,
  `source: "javascript:${RUN}"`,
  `url: "javascript:${RUN}"`,
  '---',
].join('\n')

const BODY = [
  `<script>${RUN}</script>`,
  `<img src=x onerror=${RUN}>`,
  `<svg><script>${RUN}</script></svg>`,
  `<details open ontoggle=${RUN}><summary>x</summary></details>`,
  `<input autofocus onfocus=${RUN}>`,
  `<video><source onerror=${RUN}></video>`,
  `<noscript><p title="</noscript><img src=x onerror=${RUN}>"></noscript>`,
  `<!--><img src=x onerror=${RUN}>-->`,
  `[md link](javascript:${RUN})`,
  `[entity link](&#106;avascript:${RUN})`,
  `<a href="jav&#x09;ascript:${RUN}">tab link</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+">data link</a>`,
  `![img](javascript:${RUN})`,
  '![svg data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3B3bmVkPTEiLz4=)',
  `<iframe srcdoc="<script>Object.assign(parent,{__pwned:1})</script>"></iframe>`,
  `<object data="javascript:${RUN}"></object>`,
  `<embed src="javascript:${RUN}">`,
  `<base href="javascript:${RUN}//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`,
  `<svg><a xlink:href="javascript:${RUN}"><text x="0" y="15">svg link</text></a></svg>`,
  `<svg><animate attributeName=href values=javascript:${RUN} /></svg>`,
  `<svg><foreignObject><iframe srcdoc="<script>Object.assign(parent,{__pwned:1})</script>"></iframe></foreignObject></svg>`,
  `<div style="background:url(javascript:${RUN})">styled</div>`,
  `<marquee onstart=${RUN}>x</marquee>`,
  `\`\`\`"><img src=x onerror=${RUN}>\ncode\n\`\`\``,
  `\`\`\`js" onmouseover="${RUN}\ncode\n\`\`\``,
  `\`\`\`mermaid\ngraph TD; A-->B[<img src=x onerror=${RUN}>]\n\`\`\``,
  `$\\href{javascript:${RUN}}{math link}$`,
  `$$\\htmlClass{x}{\\text{<img src=x onerror=${RUN}>}}$$`,
  `<math href="javascript:${RUN}"><mi>x</mi></math>`,
  'The marker line.',
  // Last: these leave elements open, which swallow whatever follows them.
  `<svg onload=${RUN}>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${RUN}>`,
].join('\n\n')

/** Every way the page could have been made to run a payload, checked in the DOM. */
async function dangersIn(region: Locator): Promise<string[]> {
  return region.evaluate((root) => {
    const found: string[] = []
    for (const el of root.querySelectorAll('*')) {
      const tag = el.localName
      if (['script', 'iframe', 'object', 'embed', 'base', 'meta', 'form', 'style'].includes(tag)) {
        found.push(`<${tag}>`)
      }
      for (const { name, value } of Array.from(el.attributes)) {
        if (name.startsWith('on')) found.push(`${tag}[${name}]`)
        if (/^\s*(?:javascript|vbscript|data:text)/i.test(value))
          found.push(`${tag}[${name}=${value}]`)
        if (name === 'style' && !el.closest('.katex, .katex-error')) found.push(`${tag}[style]`)
      }
    }
    return found
  })
}

/** Hover, focus and toggle everything, the way a reader's pointer and keyboard would. */
async function touchEverything(region: Locator): Promise<void> {
  await region.evaluate((root) => {
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))
      el.focus?.()
    }
  })
}

const pwned = (page: Page) => page.evaluate(() => (window as { __pwned?: number }).__pwned)

describe('an article full of hostile HTML', () => {
  it('runs nothing in the reader view or the live preview', async () => {
    createArticle(app.lib, `${FRONT_MATTER}\n${BODY}\n`)
    const { context, page, problems } = await openPage(app)
    const address = page.url()
    try {
      await openFromList(page, 'Hostile')
      const reader = page.getByRole('region', { name: 'Reader' })
      await expect.poll(() => reader.getByText('The marker line.').count()).toBe(1)
      // The title is shown as text, tags too.
      expect(await reader.locator('.article-title').textContent()).toContain('<script>')
      expect(await reader.locator('.badge-ai').count()).toBe(1)
      expect(await dangersIn(reader)).toEqual([])
      await touchEverything(reader)
      // Focusing everything scrolled the header away: show it, the title as text, to whoever looks.
      await reader.locator('.article-title').scrollIntoViewIfNeeded()
      await screenshot(page, 'article-hostile-read')

      await page
        .getByRole('toolbar', { name: 'Article' })
        .getByRole('button', { name: 'Split' })
        .click()
      const preview = page.getByRole('region', { name: 'Preview' })
      await expect.poll(() => preview.getByText('The marker line.').count()).toBe(1)
      expect(await dangersIn(preview)).toEqual([])
      await touchEverything(preview)

      // Typing makes the preview patch itself again: still nothing runs. (The marker line is
      // near the end of the text; the editor shows only the lines near its view.)
      await page.getByLabel('Editor').click()
      await page.keyboard.press('Control+End')
      await page.getByLabel('Editor').getByText('The marker line.').click()
      await page.keyboard.press('End')
      await page.keyboard.type(`\n\n<img src=y onerror=${RUN}> typed`)
      await expect.poll(() => preview.getByText('typed').count()).toBe(1)
      expect(await dangersIn(preview)).toEqual([])

      await page.waitForTimeout(1000)
      expect(await pwned(page)).toBeUndefined()
      expect(problems).toEqual([])
      // Nothing navigated the window away.
      expect(page.url()).toBe(address)
    } finally {
      await context.close()
    }
  })
})
