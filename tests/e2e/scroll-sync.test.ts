import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createArticle } from '../../src/main/library/articles'
import {
  type AppUnderTest,
  lastInView,
  openFromList,
  openPage,
  startApp,
  toolbar,
} from './article-helpers'

// Split mode's scroll sync, as a writer at the end of an article sees it: whatever they type
// last shows in the preview too, even where the preview's blocks are much taller than their
// source lines. The built app in Debian's Chromium over a real temp library.
let app: AppUnderTest

beforeAll(async () => {
  app = await startApp()
}, 180_000)

afterAll(async () => {
  await app?.close()
})

describe('scroll sync in Split mode', () => {
  it('shows the end of the preview while the writer types at the end of the text', async () => {
    // One-line headings, each three times as tall in the preview as in the editor: following
    // the editor's top line alone would leave the preview's last forty headings below its fold.
    let text = '# Headings all the way down\n\n'
    for (let i = 1; i <= 300; i++) text += `## Heading number ${i}\n`
    createArticle(app.lib, text)
    const { context, page, problems } = await openPage(app)
    try {
      await openFromList(page, 'Headings all the way down')
      await toolbar(page).getByRole('button', { name: 'Split', exact: true }).click()
      await page.getByLabel('Editor').click()
      await page.keyboard.press('Control+End')
      await page.keyboard.type('\nThe closing words of the piece.')
      const preview = '[aria-label="Preview"]'
      await expect
        .poll(() => page.locator(`${preview} p`).last().textContent(), { timeout: 10_000 })
        .toBe('The closing words of the piece.')
      await expect.poll(() => lastInView(page, '.cm-scroller', '.cm-line')).toBe(true)
      await expect.poll(() => lastInView(page, preview, '.reader p')).toBe(true)
      expect(await lastInView(page, preview, '.reader h2')).toBe(true)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('goes by the lines the renderer wrote, not a data-line written in the article', async () => {
    // HTML pasted from another Markdown preview carries that preview's line marks. Taken for
    // the renderer's, the one near the top (line 9,999) kept every block after it out of the
    // sync, and the preview stayed at the top whatever the editor showed.
    let text = '# Pasted marks\n\n<div data-line="9999">From another preview.</div>\n\n'
    for (let i = 1; i <= 200; i++) text += `## Heading number ${i}\n\nUnder heading ${i}.\n\n`
    createArticle(app.lib, text)
    const { context, page, problems } = await openPage(app)
    try {
      await openFromList(page, 'Pasted marks')
      await toolbar(page).getByRole('button', { name: 'Split', exact: true }).click()
      const preview = '[aria-label="Preview"]'
      await page.locator(`${preview} h2`).first().waitFor()
      expect(await page.locator(`${preview} [data-line="9999"]`).count()).toBe(0)
      // Halfway down the editor, as a person scrolling it would.
      await page.locator('.cm-scroller').evaluate((e) => (e.scrollTop = e.scrollHeight / 2))
      const firstHeading = (side: string, selector: string) =>
        page.evaluate(
          ([side, selector]) => {
            const top = document.querySelector(side!)!.getBoundingClientRect().top
            const heading = [...document.querySelectorAll(`${side} ${selector}`)].find(
              (e) =>
                /Heading number/.test(e.textContent ?? '') &&
                e.getBoundingClientRect().bottom > top + 2,
            )
            return Number(/Heading number (\d+)/.exec(heading?.textContent ?? '')?.[1] ?? 0)
          },
          [side, selector],
        )
      await expect.poll(() => firstHeading('.cm-scroller', '.cm-line')).toBeGreaterThan(50)
      const inEditor = await firstHeading('.cm-scroller', '.cm-line')
      await expect
        .poll(async () => Math.abs((await firstHeading(preview, 'h2')) - inEditor))
        .toBeLessThanOrEqual(1)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})
