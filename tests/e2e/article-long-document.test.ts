import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createArticle, getArticle } from '../../src/main/library/articles'
import { splitFrontMatter } from '../../src/shared/document/front-matter'
import { markdownToPlainText } from '../../src/shared/document/plain-text'
import { countWords } from '../../src/shared/document/reading-time'
import {
  type AppUnderTest,
  editorText,
  lastInView,
  openFromList,
  openPage,
  saveStatus,
  screenshot,
  startApp,
  toolbar,
} from './article-helpers'

// A long article in the editor, as a writer who keeps a big document open uses it: the word
// count (counted in a worker) follows typing, and nothing typed is lost when the writer moves
// on, whichever way they leave. The built app in Debian's Chromium over a real temp library.
let app: AppUnderTest

beforeAll(async () => {
  app = await startApp()
  createArticle(app.lib, '# Short aside\n\nA short article to switch to.\n')
}, 180_000)

afterAll(async () => {
  await app?.close()
})

/** A long article: `sections` of prose, lists, math and code (about 240 bytes each). */
function longArticle(title: string, sections: number): string {
  let text = `---\ntitle: ${title}\n---\n\n`
  for (let i = 1; i <= sections; i++) {
    text +=
      `## Part ${i}\n\nThe harbour council met on day ${i} and talked about the ferry, ` +
      `the bridge and the *winter* budget, with \`code ${i}\` and $x_${i}^2$.\n\n` +
      `- one point\n- another point\n\n> A quote from the minutes.\n\n` +
      '```js\nconst total = items.length\n```\n\n'
  }
  return text
}

/** The word count the status bar under the editor shows ("1,234 words"). */
const statusWords = (page: Page) => page.locator('footer.status-bar span').first().innerText()

/**
 * Open the article titled `title` in the editor: the short one first, switched to Edit, so
 * the long one opens straight in the editor (the reader view would render all of it first).
 */
async function openInEditor(page: Page, title: string): Promise<void> {
  await openFromList(page, 'Short aside')
  await toolbar(page).getByRole('button', { name: 'Edit', exact: true }).click()
  await openFromList(page, title)
  await page.getByLabel('Editor').getByText(`title: ${title}`).waitFor()
}

/** Open the article titled `title` in Split mode (editor and preview side by side). */
async function openInSplit(page: Page, title: string): Promise<void> {
  await openInEditor(page, title)
  // Entering Split renders the whole preview once before the page takes the next click.
  await toolbar(page)
    .getByRole('button', { name: 'Split', exact: true })
    .click({ timeout: 120_000 })
}

/** The URLs of every script, worker and request the page has loaded. */
const loadedResources = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))

/** Put the cursor at the end of the document (the editor must have focus). */
async function toDocumentEnd(page: Page): Promise<void> {
  await page.getByLabel('Editor').click()
  await page.keyboard.press('Control+End')
}

describe('a long article in the editor', () => {
  it('shows the word count of a 250 KB article and follows typing', async () => {
    const text = longArticle('Long minutes', 1050)
    // Past the pane's long-document mark (200,000 characters).
    expect(text.length).toBeGreaterThan(250_000)
    const created = createArticle(app.lib, text)
    // What the status bar counts: the body's readable words.
    const expected = countWords(markdownToPlainText(splitFrontMatter(text).body)).words
    const { context, page, problems } = await openPage(app)
    try {
      await openInEditor(page, 'Long minutes')
      await expect
        .poll(() => statusWords(page), { timeout: 20_000 })
        .toBe(`${expected.toLocaleString('en')} words`)
      // Counted off the page's main thread, by the counting worker.
      const scripts = await loadedResources(page)
      expect(scripts.some((name) => /word-count\.worker/.test(name))).toBe(true)
      await toDocumentEnd(page)
      const calls: string[] = []
      page.on('request', (request) => calls.push(new URL(request.url()).pathname))
      await page.keyboard.type('\nThree more words.')
      await expect
        .poll(() => statusWords(page), { timeout: 20_000 })
        .toBe(`${(expected + 3).toLocaleString('en')} words`)
      await expect.poll(() => saveStatus(page), { timeout: 20_000 }).toBe('Saved')
      expect(getArticle(app.lib, created.id).markdown).toBe(`${text}\nThree more words.`)
      // The page hears of its own save as a change to the library, and checks the version
      // alone: fetching the whole document back would hold up the keys typed meanwhile.
      await expect.poll(() => calls, { timeout: 10_000 }).toContain('/rpc/articles.summary')
      expect(calls).not.toContain('/rpc/articles.get')
      // Sent by the worker that keeps long saves off the page's main thread.
      const loaded = await loadedResources(page)
      expect(loaded.some((name) => /rpc-worker/.test(name))).toBe(true)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('saves what was typed into a long article when another article is opened at once', async () => {
    const text = longArticle('Long agenda', 1050)
    const created = createArticle(app.lib, text)
    const { context, page, problems } = await openPage(app)
    try {
      await openInSplit(page, 'Long agenda')
      await toDocumentEnd(page)
      await page.keyboard.type('\nTyped just before leaving.')
      // Straight to another article, well before the autosave's quiet second is up.
      await openFromList(page, 'Short aside')
      await expect
        .poll(() => getArticle(app.lib, created.id).markdown, { timeout: 10_000 })
        .toBe(`${text}\nTyped just before leaving.`)
      await expect.poll(() => editorText(page)).toContain('A short article to switch to.')
      await screenshot(page, 'article-long-switched')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('saves when the editor loses focus, and after a reload the long text is all there', async () => {
    const text = longArticle('Long ledger', 1050)
    const created = createArticle(app.lib, text)
    const { context, page, problems } = await openPage(app)
    try {
      await openInEditor(page, 'Long ledger')
      await toDocumentEnd(page)
      await page.keyboard.type('\nLast line before the search.')
      await page.getByRole('searchbox', { name: 'Search' }).click()
      await expect
        .poll(() => getArticle(app.lib, created.id).markdown, { timeout: 10_000 })
        .toBe(`${text}\nLast line before the search.`)
      await page.reload()
      await openInEditor(page, 'Long ledger')
      await expect.poll(() => editorText(page)).toBe(`${text}\nLast line before the search.`)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('highlights a 1 MB article to its end (front matter, headings, code) and saves it', async () => {
    let text = longArticle('Huge report', 4400).replace(
      '---\ntitle: Huge report\n',
      '---\ntitle: Huge report\nauthor: Ada Writer\ntags: [news]\n',
    )
    expect(text.length).toBeGreaterThan(1024 * 1024)
    const created = createArticle(app.lib, text)
    const { context, page, problems } = await openPage(app)
    try {
      await openInEditor(page, 'Huge report')
      /** Styles of the innermost editor element showing exactly `text` (the last one). */
      const styleOf = (shown: string) =>
        page.evaluate((wanted) => {
          const all = [...document.querySelectorAll('.cm-content span')]
          const found = all.filter((el) => el.textContent === wanted).at(-1)
          if (!found) return null
          const style = getComputedStyle(found)
          return { color: style.color, weight: style.fontWeight }
        }, shown)
      /** The colour a palette variable stands for in the editor. */
      const colour = (variable: string) =>
        page.evaluate((name) => {
          const probe = document.createElement('span')
          probe.style.color = `var(${name})`
          document.querySelector('.cm-content')!.append(probe)
          const value = getComputedStyle(probe).color
          probe.remove()
          return value
        }, variable)
      const plain = await page.evaluate(
        () => getComputedStyle(document.querySelector('.cm-line')!).color,
      )
      const meta = await colour('--reader-hl-meta')
      const keyword = await colour('--reader-hl-keyword')
      expect(meta).not.toBe(plain)
      // The front matter as YAML: its keys in the property colour.
      await expect.poll(() => styleOf('author'), { timeout: 20_000 }).toMatchObject({ color: meta })
      await expect.poll(() => styleOf(' Part 1')).toMatchObject({ weight: '700' })
      await expect.poll(() => styleOf('const')).toMatchObject({ color: keyword })
      // At the far end too: the whole megabyte was parsed.
      await toDocumentEnd(page)
      await expect
        .poll(() => styleOf(' Part 4400'), { timeout: 30_000 })
        .toMatchObject({ weight: '700' })
      await expect
        .poll(() => styleOf('const'), { timeout: 30_000 })
        .toMatchObject({ color: keyword })
      await screenshot(page, 'article-huge-highlighted')
      await page.keyboard.type('\nThe end of the report.')
      text += '\nThe end of the report.'
      await expect
        .poll(() => getArticle(app.lib, created.id).markdown, { timeout: 20_000 })
        .toBe(text)
      await expect.poll(() => saveStatus(page), { timeout: 20_000 }).toBe('Saved')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  }, 120_000)

  it('renders a long preview in a worker, and it follows typing in Split mode', async () => {
    const text = longArticle('Worker minutes', 1000)
    expect(text.length).toBeGreaterThan(200_000)
    createArticle(app.lib, text)
    const { context, page, problems } = await openPage(app)
    try {
      await openInSplit(page, 'Worker minutes')
      const previewHas = (words: string) =>
        page.evaluate(
          (w) =>
            document.querySelector('[aria-label="Preview"] .reader')?.textContent?.includes(w) ??
            false,
          words,
        )
      // Its first part is built and shown; its last only once the view comes near it.
      await expect.poll(() => previewHas('Part 1\n'), { timeout: 60_000 }).toBe(true)
      expect(await previewHas('Part 1000')).toBe(false)
      await toDocumentEnd(page)
      await page.keyboard.type('\n\nZanzibar quartet closes the **minutes**.')
      await expect
        .poll(() => previewHas('Zanzibar quartet closes the minutes.'), { timeout: 30_000 })
        .toBe(true)
      const bold = await page.evaluate(
        () =>
          [...document.querySelectorAll('[aria-label="Preview"] .reader strong')].at(-1)
            ?.textContent,
      )
      expect(bold).toBe('minutes')
      expect(await previewHas('Part 1000')).toBe(true)
      // Both sides stay on the text just typed, at the end: the preview building and laying
      // out its last blocks must not pull the editor (and then itself) away from it.
      await expect
        .poll(() => lastInView(page, '[aria-label="Preview"]', '.reader strong'))
        .toBe(true)
      await page.waitForTimeout(1000)
      expect(await lastInView(page, '[aria-label="Preview"]', '.reader strong')).toBe(true)
      expect(await lastInView(page, '.cm-scroller', '.cm-line:last-child')).toBe(true)
      // Rendered by the preview's worker, off the page's main thread.
      const scripts = await loadedResources(page)
      expect(scripts.some((name) => /preview-render\.worker/.test(name))).toBe(true)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  }, 180_000)

  it('paints the part of a long preview in view, wherever either side is scrolled', async () => {
    const text = longArticle('Long chronicle', 1050).replace(
      '---\n\n',
      '---\n\n[Skip to part 1000](#h-part-1000)\n\n',
    )
    createArticle(app.lib, text)
    const { context, page, problems } = await openPage(app)
    try {
      await openInSplit(page, 'Long chronicle')
      /**
       * The preview's top-level blocks in its view, whether they are built and their insides
       * painted, and how many blocks are still empty stand-ins (built when the view nears).
       */
      const inView = () =>
        page.evaluate(() => {
          const scroller = document.querySelector('[aria-label="Preview"]')!
          const view = scroller.getBoundingClientRect()
          const blocks = [...scroller.querySelectorAll('.reader > *')]
          const shown = blocks.filter((block) => {
            const box = block.getBoundingClientRect()
            return box.bottom > view.top && box.top < view.bottom
          })
          const line = (block: Element) => Number((block as HTMLElement).dataset.line)
          return {
            total: blocks.length,
            lines: shown.map(line).filter(Number.isFinite),
            lastLine: Math.max(...blocks.map(line).filter(Number.isFinite)),
            unbuilt: shown.filter((block) => block.classList.contains('pending-block')).length,
            unpainted: shown.filter(
              (block) =>
                block.firstElementChild &&
                !block.firstElementChild.checkVisibility({ contentVisibilityAuto: true }),
            ).length,
            standIns: blocks.filter((block) => block.classList.contains('pending-block')).length,
            // A block far below the view is neither built nor painted.
            farPainted:
              blocks.length > 2000 &&
              !!blocks[blocks.length - 1]!.firstElementChild?.checkVisibility({
                contentVisibilityAuto: true,
              }),
          }
        })
      await expect
        .poll(async () => (await inView()).total, { timeout: 60_000 })
        .toBeGreaterThan(5000)
      const top = await inView()
      expect(top.lines.length).toBeGreaterThan(0)
      expect(top.unbuilt).toBe(0)
      expect(top.unpainted).toBe(0)
      expect(top.farPainted).toBe(false)
      // Only the blocks near the view are built: most of the article waits.
      expect(top.standIns).toBeGreaterThan(top.total * 0.8)
      // The editor at the end: the preview follows to its last part, painted there too.
      await toDocumentEnd(page)
      await expect
        .poll(
          async () => {
            const end = await inView()
            return (
              end.unbuilt === 0 &&
              end.unpainted === 0 &&
              Math.max(...end.lines) > end.lastLine * 0.9
            )
          },
          { timeout: 20_000 },
        )
        .toBe(true)
      // The preview scrolled by hand to its middle.
      await page
        .locator('[aria-label="Preview"]')
        .evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
      await expect
        .poll(async () => {
          const middle = await inView()
          return middle.lines.length > 0 && middle.unbuilt === 0 && middle.unpainted === 0
        })
        .toBe(true)
      await screenshot(page, 'article-long-preview-middle')
      // A link to a heading that is not built yet: it is built, and shown.
      await page.locator('[aria-label="Preview"]').evaluate((el) => (el.scrollTop = 0))
      await page.getByRole('region', { name: 'Preview' }).getByText('Skip to part 1000').click()
      const headingInView = () =>
        page.locator('[aria-label="Preview"] h2#h-part-1000').evaluate((h) => {
          const view = h.closest('[aria-label="Preview"]')!.getBoundingClientRect()
          const box = h.getBoundingClientRect()
          return box.top >= view.top - 1 && box.bottom <= view.bottom
        })
      await expect.poll(headingInView).toBe(true)
      // And it stays there once the blocks around it have taken their size.
      await page.waitForTimeout(500)
      expect(await headingInView()).toBe(true)
      // The person moved the preview (a click): the editor follows it there.
      await expect
        .poll(() => page.getByLabel('Editor').getByText('## Part 1000').isVisible())
        .toBe(true)
      // A mouse wheel on the preview, far up: the editor follows to the same part, not to
      // one some sections off (the blocks come into view and take their size as it goes).
      const box = (await page.locator('[aria-label="Preview"]').boundingBox())!
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      for (let i = 0; i < 12; i++) {
        await page.mouse.wheel(0, -2500)
        await page.waitForTimeout(80)
      }
      await page.waitForTimeout(1500)
      /** The number of the first part heading wholly in view on each side. */
      const firstPart = (scroller: string, headings: string) =>
        page.evaluate(
          ([scroller, headings]) => {
            const top = document.querySelector(scroller!)!.getBoundingClientRect().top
            const heading = [...document.querySelectorAll(`${scroller} ${headings}`)].find(
              (h) => h.getBoundingClientRect().top >= top && /Part \d+/.test(h.textContent!),
            )
            return Number(/Part (\d+)/.exec(heading?.textContent ?? '')?.[1])
          },
          [scroller, headings],
        )
      const previewPart = await firstPart('[aria-label="Preview"]', 'h2')
      const editorPart = await firstPart('.cm-scroller', '.cm-line')
      expect(previewPart).toBeLessThan(990)
      expect(Math.abs(editorPart - previewPart)).toBeLessThanOrEqual(1)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  }, 180_000)
})
