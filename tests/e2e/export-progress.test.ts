/**
 * A long export in the app (Chromium against browser mode over a real library of 150 long
 * articles): the Export dialog shows how many articles are done, which one is under way and a
 * progress bar while it runs, can cancel it, and downloads the file when it ends.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertArticle } from '../../src/main/library/articles'
import { type AppFixture, pressUntilShown, screenshot, startApp } from './app-fixture'

const COUNT = 150

let app: AppFixture

beforeAll(async () => {
  const body = Array.from(
    { length: 60 },
    (_, i) =>
      `Paragraph ${i}: the council met on **Tuesday**, _again_, about \`budget-${i}\` and [the plan](https://example.com/${i}).`,
  ).join('\n\n')
  app = await startApp((lib) => {
    for (let i = 0; i < COUNT; i++) {
      const n = String(i).padStart(3, '0')
      insertArticle(lib, `---\ntitle: Council report ${n}\n---\n## Minutes\n\n${body}\n`)
    }
  })
}, 600_000)

afterAll(async () => {
  await app?.close()
})

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Export' })

/** Open the dialog with every article as HTML, one file per article. */
async function prepare(page: Page): Promise<void> {
  await page.keyboard.press('Escape')
  await pressUntilShown(page, 'Control+Shift+E', dialog(page))
  await dialog(page).getByLabel('Every article in the library').check()
  await dialog(page).getByLabel('Format').selectOption('html')
  await dialog(page)
    .getByLabel(/One document with a table of contents/)
    .uncheck()
}

describe('a long export in the dialog', { timeout: 180_000 }, () => {
  it('shows articles done, the one under way and a progress bar, then downloads', async () => {
    const page = await app.open()
    await prepare(page)
    const downloading = page.waitForEvent('download', { timeout: 170_000 })
    await dialog(page).getByRole('button', { name: 'Export', exact: true }).click()

    const bar = dialog(page).getByRole('progressbar', { name: 'Export progress' })
    await bar.waitFor()
    expect(await bar.getAttribute('max')).toBe(String(COUNT))
    await expect(dialog(page).getByRole('status').textContent()).resolves.toMatch(
      `Exporting ${COUNT} articles…`,
    )
    // Part way: the count and the title under way, and the bar agreeing with the count.
    const count = dialog(page).getByText(/of 150 articles done/)
    await expect
      .poll(async () => Number((await count.textContent())?.match(/(\d+) of/)?.[1] ?? 0), {
        timeout: 60_000,
        interval: 50,
      })
      .toBeGreaterThan(0)
    const text = (await count.textContent()) ?? ''
    expect(text).toMatch(/^\s*\d+ of 150\s+articles done: Council report \d{3}\s*$/)
    expect(Number(await bar.getAttribute('value'))).toBeGreaterThan(0)
    await screenshot(page, 'export-progress')

    const download = await downloading
    expect(download.suggestedFilename()).toBe('broadsheet-export.zip')
    const files = Object.keys(unzipSync(readFileSync((await download.path())!)))
    expect(files).toHaveLength(COUNT)
    expect(files).toContain('council-report-149.html')
    await expect
      .poll(() => dialog(page).getByRole('status').textContent())
      .toBe('Exported as broadsheet-export.zip.')
    await expect(bar.count()).resolves.toBe(0)
  })

  it('cancels a running export: no download, and the dialog says so', async () => {
    const page = await app.open()
    await prepare(page)
    let downloads = 0
    page.on('download', () => downloads++)
    await dialog(page).getByRole('button', { name: 'Export', exact: true }).click()
    const count = dialog(page).getByText(/of 150 articles done/)
    await count.waitFor()
    await dialog(page).getByRole('button', { name: 'Cancel export' }).click()
    await expect
      .poll(() => dialog(page).getByRole('status').textContent(), { timeout: 60_000 })
      .toBe('Export cancelled.')
    await expect(dialog(page).getByRole('progressbar').count()).resolves.toBe(0)
    // A moment for a download that should not come.
    await page.waitForTimeout(500)
    expect(downloads).toBe(0)
    // The dialog is ready for another go.
    await expect(
      dialog(page).getByRole('button', { name: 'Export', exact: true }).isEnabled(),
    ).resolves.toBe(true)
  })
})
