import { readFileSync } from 'node:fs'
import { unzipSync } from 'fflate'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AppFixture,
  createArticle,
  pressUntilShown,
  screenshot,
  startApp,
} from '../../e2e/app-fixture'

// The Export dialog in Chromium against browser mode over a real library: the command and
// its shortcut, the scopes, and the file arriving as a download.
let app: AppFixture

beforeAll(async () => {
  app = await startApp((lib) => {
    createArticle(
      lib,
      '---\ntitle: Erster Bericht\ndate: 2024-01-01\ntags: [mappe]\n---\nText eins.\n',
    )
    createArticle(
      lib,
      '---\ntitle: Zweiter Bericht\ndate: 2024-02-01\ntags: [mappe]\n---\nText zwei.\n',
    )
    createArticle(lib, '---\ntitle: Dritter Bericht\ntags: [andere]\n---\nText drei, Wetter.\n')
  })
}, 300_000)

afterAll(async () => {
  await app?.close()
})

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Export' })

describe('the Export dialog', { timeout: 120_000 }, () => {
  it('exports every article as one HTML file that downloads', async () => {
    const page = await app.open()
    await pressUntilShown(page, 'Control+Shift+E', dialog(page))
    await expect.poll(() => dialog(page).getByRole('radio').count()).toBeGreaterThan(0)
    await dialog(page).getByLabel('Every article in the library').check()
    await dialog(page).getByLabel('Format').selectOption('html')
    await dialog(page)
      .getByLabel(/One document with a table of contents/)
      .check()
    await screenshot(page, 'export-dialog')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog(page).getByRole('button', { name: 'Export' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('broadsheet-export.html')
    const html = readFileSync((await download.path())!, 'utf8')
    expect(html).toMatch(/Erster Bericht[\s\S]*Zweiter Bericht/)
    await expect
      .poll(() => dialog(page).getByRole('status').textContent())
      .toContain('Exported as broadsheet-export.html.')
  })

  it('exports the open article as Markdown with its front matter', async () => {
    const page = await app.open()
    await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').first().click()
    await pressUntilShown(page, 'Control+Shift+E', dialog(page))
    await expect(dialog(page).getByLabel('The open article').isChecked()).resolves.toBe(true)
    await dialog(page).getByLabel('Format').selectOption('md')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog(page).getByRole('button', { name: 'Export' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^(erster|zweiter|dritter)-bericht\.md$/)
    expect(readFileSync((await download.path())!, 'utf8')).toMatch(/^---\ntitle: /)
  })

  it('exports the tag being shown as an EPUB book', async () => {
    const page = await app.open()
    await page.getByRole('button', { name: 'Tag mappe, 2 articles' }).click()
    await pressUntilShown(page, 'Control+Shift+E', dialog(page))
    await dialog(page).getByLabel('Every article tagged "mappe"').check()
    await dialog(page).getByLabel('Format').selectOption('epub')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog(page).getByRole('button', { name: 'Export' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('mappe.epub')
    const book = unzipSync(readFileSync((await download.path())!))
    const nav = Buffer.from(book['OEBPS/nav.xhtml']!).toString('utf8')
    expect(nav).toMatch(/Erster Bericht|Zweiter Bericht/)
    expect(nav).not.toContain('Dritter Bericht')
  })

  it('exports a search result as JSON, only the articles it found', async () => {
    const page = await app.open()
    await page.getByRole('searchbox', { name: 'Search' }).fill('Wetter')
    await expect
      .poll(() => page.getByRole('listbox', { name: 'Articles' }).getByRole('option').count())
      .toBe(1)
    await pressUntilShown(page, 'Control+Shift+E', dialog(page))
    await dialog(page).getByLabel('The search "Wetter"').check()
    await dialog(page).getByLabel('Format').selectOption('json')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog(page).getByRole('button', { name: 'Export' }).click(),
    ])
    const backup = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      articles: { markdown: string }[]
    }
    expect(backup.articles.map((a) => a.markdown)).toEqual([
      expect.stringContaining('title: Dritter Bericht'),
    ])
  })
})
