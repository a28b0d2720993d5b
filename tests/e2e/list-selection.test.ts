/**
 * Several articles selected in the list and acted on together, as in a mail client: Shift+click,
 * Ctrl+click, Shift+j/k and Ctrl+A select; s, a, Delete and Shift+R, the header's buttons and
 * the palette act on every selected article; the Export dialog offers "the N selected
 * articles" and the download holds N files. Chromium against browser mode over a real library.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getArticle } from '../../src/main/library/articles'
import { listTags } from '../../src/main/library/tags'
import {
  addFiller,
  type AppFixture,
  createArticle,
  poll,
  pressUntilShown,
  screenshot,
  startApp,
} from './app-fixture'

// Enough filler that the list is paged (Select all must fetch rows not loaded yet).
const FILLER = 700
let app: AppFixture
/** Ids of the "Harbour note NN" articles, by number; NN 09 is the newest, so the top row. */
const notes: string[] = []

beforeAll(async () => {
  app = await startApp((lib) => {
    addFiller(lib, FILLER)
    for (let i = 0; i < 10; i++) {
      const n = String(i).padStart(2, '0')
      notes.push(
        createArticle(lib, `---\ntitle: Harbour note ${n}\ntags: [harbour]\n---\nTide ${n}.\n`).id,
      )
    }
    // Two breakwater reports, and one whose front matter does not parse, so its fields
    // (tags) cannot be edited until someone fixes it: a bulk tag fails on it alone.
    createArticle(lib, '---\ntitle: Breakwater report east\n---\nBreakwater east.\n')
    createArticle(lib, '---\ntitle: Breakwater report west\n---\nBreakwater west.\n')
    createArticle(
      lib,
      '---\ntitle: [Breakwater report broken\n---\n# Breakwater report broken\n\nBreakwater.\n',
    )
  })
}, 180_000)

afterAll(async () => {
  await app?.close()
})

const list = (page: Page) => page.getByRole('listbox', { name: 'Articles' })
const options = (page: Page) => list(page).getByRole('option')
const row = (page: Page, title: string) =>
  list(page)
    .getByRole('option')
    .filter({ has: page.getByText(title, { exact: true }) })
const selectedTitles = (page: Page) =>
  list(page).locator('[role="option"][aria-selected="true"] .title').allTextContents()
const bar = (page: Page) => page.getByRole('toolbar', { name: 'Selection' })
const nav = (page: Page) => page.getByRole('navigation', { name: 'Library' })
const note = (n: number) => `Harbour note ${String(n).padStart(2, '0')}`
const noteId = (title: string) => notes[Number(title.slice(-2))]!

/**
 * Show the harbour tag: the ten notes, by last change (09 … 00 until a test below rewrites
 * some; tests after that find rows by title).
 */
async function harbour(page: Page): Promise<void> {
  await nav(page)
    .getByRole('button', { name: /^Tag harbour/ })
    .click()
  await poll(() => options(page).count()).toBe(10)
}

describe('selecting several articles', () => {
  it('selects with Shift+click, Ctrl+click and Shift+j/k, shows the count, and Esc clears it', async () => {
    const page = await app.open()
    await harbour(page)
    await poll(() => options(page).locator('.title').allTextContents()).toEqual(
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map(note),
    )
    expect(await list(page).getAttribute('aria-multiselectable')).toBe('true')

    // A click selects one and opens it, as before.
    await row(page, note(9)).click()
    expect(await selectedTitles(page)).toEqual([note(9)])
    const article = page.getByRole('main', { name: 'Article' })
    await poll(() => article.getByRole('heading', { name: note(9) }).count()).toBeGreaterThan(0)

    // Shift+click: the range 09 … 06.
    await row(page, note(6)).click({ modifiers: ['Shift'] })
    expect(await selectedTitles(page)).toEqual([note(9), note(8), note(7), note(6)])
    await poll(() => bar(page).getByText('4 selected').count()).toBe(1)
    // A Shift+click selects rows, not the text between the clicks.
    expect(await page.evaluate(() => String(window.getSelection()))).toBe('')

    // Ctrl+click takes one out and adds another.
    await row(page, note(8)).click({ modifiers: ['Control'] })
    await row(page, note(3)).click({ modifiers: ['Control'] })
    expect(await selectedTitles(page)).toEqual([note(9), note(7), note(6), note(3)])
    await poll(() => bar(page).getByText('4 selected').count()).toBe(1)
    // The article opened by the first click stays open; Ctrl+click opens nothing.
    expect(await article.getByRole('heading', { name: note(9) }).count()).toBeGreaterThan(0)

    // Esc clears the selection, leaving the row the keyboard is on (03).
    await page.keyboard.press('Escape')
    expect(await selectedTitles(page)).toEqual([note(3)])
    expect(await bar(page).count()).toBe(0)

    // Shift+j twice, Shift+k once, then Shift+ArrowDown: from the anchor (03) down.
    await page.keyboard.press('Shift+J')
    await page.keyboard.press('Shift+J')
    expect(await selectedTitles(page)).toEqual([note(3), note(2), note(1)])
    await page.keyboard.press('Shift+K')
    expect(await selectedTitles(page)).toEqual([note(3), note(2)])
    await page.keyboard.press('Shift+ArrowDown')
    await page.keyboard.press('Shift+ArrowDown')
    expect(await selectedTitles(page)).toEqual([note(3), note(2), note(1), note(0)])
    // Every selected row says so to assistive technology; the rest say they are not.
    expect(await list(page).locator('[aria-selected="true"]').count()).toBe(4)
    expect(await list(page).locator('[aria-selected="false"]').count()).toBe(6)
    // Plain j moves on with a single selection again.
    await page.keyboard.press('k')
    expect(await selectedTitles(page)).toEqual([note(1)])
  })

  it('stars and archives several with the keys and the header, and trashes and restores them', async () => {
    const page = await app.open()
    await harbour(page)
    const { lib } = app
    await row(page, note(9)).click()
    await page.keyboard.press('Escape') // close the article: the list's keys alone
    await row(page, note(7)).click({ modifiers: ['Shift'] })
    const three = [note(9), note(8), note(7)]
    expect(await selectedTitles(page)).toEqual(three)
    // With several selected, s stars them all, even though one article was just open.
    await page.keyboard.press('s')
    await poll(() => three.map((t) => getArticle(lib, noteId(t)).starred)).toEqual([
      true,
      true,
      true,
    ])
    await poll(() => list(page).locator('[aria-selected="true"] .star').count()).toBe(3)
    expect(getArticle(lib, noteId(note(6))).starred).toBe(false)
    await poll(() =>
      page.getByRole('status').filter({ hasText: 'Starred 3 articles' }).count(),
    ).toBe(1)
    // All starred: the header's button now unstars, and s again unstars them all.
    await poll(() => bar(page).getByRole('button', { name: 'Unstar' }).count()).toBe(1)
    await page.keyboard.press('s')
    await poll(() => three.map((t) => getArticle(lib, noteId(t)).starred)).toEqual([
      false,
      false,
      false,
    ])
    await bar(page).getByRole('button', { name: 'Star' }).click()
    await poll(() => three.map((t) => getArticle(lib, noteId(t)).starred)).toEqual([
      true,
      true,
      true,
    ])

    // Archive the three with a: a tag's list shows archived articles too, marked so.
    await list(page).focus()
    await page.keyboard.press('a')
    await poll(() => three.map((t) => getArticle(lib, noteId(t)).archived)).toEqual([
      true,
      true,
      true,
    ])
    await poll(() =>
      list(page).locator('[aria-selected="true"]', { hasText: 'archived' }).count(),
    ).toBe(3)
    await page.keyboard.press('a')
    await poll(() => three.map((t) => getArticle(lib, noteId(t)).archived)).toEqual([
      false,
      false,
      false,
    ])

    // Mark read and add a tag from the header.
    await bar(page).getByRole('button', { name: 'Mark read' }).click()
    await poll(() => three.map((t) => getArticle(lib, noteId(t)).read)).toEqual([true, true, true])
    await bar(page).getByRole('button', { name: 'Tag…' }).click()
    await page.getByRole('textbox', { name: 'Tag to add to the selected articles' }).fill('tides')
    await page.getByRole('button', { name: 'Add tag' }).click()
    await poll(() => three.map((t) => getArticle(lib, noteId(t)).tags.includes('tides'))).toEqual([
      true,
      true,
      true,
    ])
    expect(getArticle(lib, noteId(note(6))).tags).toEqual(['harbour'])
    await screenshot(page, 'list-multi-selection')

    // Delete moves all three to the Trash; the row that followed them is selected.
    await list(page).focus()
    await page.keyboard.press('Delete')
    await poll(() => three.map((t) => getArticle(lib, noteId(t)).trashedAt !== null)).toEqual([
      true,
      true,
      true,
    ])
    await poll(() => options(page).count()).toBe(7)
    expect(await selectedTitles(page)).toEqual([note(6)])

    // In the Trash: select the three with Ctrl+A and restore them with Shift+R.
    await page.keyboard.press('g')
    await page.keyboard.press('t')
    await poll(() => options(page).count()).toBe(3)
    await list(page).focus()
    await page.keyboard.press('Control+a')
    // Adding the tag rewrote their documents, so their order by last change may differ.
    await poll(async () => (await selectedTitles(page)).sort()).toEqual([...three].sort())
    await poll(() => bar(page).getByText('3 selected').count()).toBe(1)
    await page.keyboard.press('Shift+R')
    await poll(() => three.map((t) => getArticle(lib, noteId(t)).trashedAt)).toEqual([
      null,
      null,
      null,
    ])
    await poll(() => options(page).count()).toBe(0)
  })

  it('lists the bulk actions in the palette and runs them from there', async () => {
    const page = await app.open()
    await harbour(page)
    await row(page, note(5)).click()
    await page.keyboard.press('Escape')
    await row(page, note(4)).click({ modifiers: ['Control'] })
    const palette = page.getByRole('dialog', { name: 'Command palette' })
    await pressUntilShown(page, 'Control+k', palette)
    await page.keyboard.type('selected')
    const shown = await palette.getByRole('option').allInnerTexts()
    for (const title of [
      'Star or unstar selected articles',
      'Archive or unarchive selected articles',
      'Mark selected articles read',
      'Mark selected articles unread',
      'Add a tag to selected articles…',
      'Move selected articles to the Trash',
      'Export selected articles…',
    ]) {
      expect(shown.some((s) => s.includes(title))).toBe(true)
    }
    await page.keyboard.type(' unread')
    await palette.getByRole('option', { name: /Mark selected articles unread/ }).click()
    const { lib } = app
    // Clicking 05 opened it, which marked it read; both are unread afterwards.
    await poll(() => [getArticle(lib, notes[5]!).read, getArticle(lib, notes[4]!).read]).toEqual([
      false,
      false,
    ])
  })

  it('selects every article of a paged list with Ctrl+A, fetching the rows not loaded yet', async () => {
    const page = await app.open()
    const total = FILLER + 13
    await list(page).focus()
    await page.keyboard.press('j')
    const loadedBefore = await list(page).evaluate(
      (el) => el.querySelector('.spacer')!.getBoundingClientRect().height,
    )
    await page.keyboard.press('Control+a')
    await poll(() =>
      bar(page)
        .getByText(/selected$/)
        .textContent(),
    ).toBe(`${total.toLocaleString('en-US')} selected`)
    // Every row is loaded now, and the last one (never scrolled to) is selected.
    expect(
      await list(page).evaluate(
        (el) => el.querySelector('.spacer')!.getBoundingClientRect().height,
      ),
    ).toBeGreaterThan(loadedBefore)
    await list(page).evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await poll(() => options(page).last().locator('.title').textContent()).toBe(
      'Filler article 00000',
    )
    expect(await options(page).last().getAttribute('aria-selected')).toBe('true')
    expect(await list(page).locator('[aria-selected="false"]').count()).toBe(0)
    await page.keyboard.press('Escape')
    expect(await bar(page).count()).toBe(0)
  })
})

describe('a long bulk action', () => {
  it('shows its progress, updates rows as answers arrive, and stops when asked', async () => {
    const page = await app.open()
    await nav(page)
      .getByRole('button', { name: /^Tag filler/ })
      .click()
    await poll(() => options(page).first().locator('.title').textContent()).toMatch(/^Filler/)
    await list(page).focus()
    await page.keyboard.press('Control+a')
    await poll(() =>
      bar(page)
        .getByText(/selected$/)
        .textContent(),
    ).toBe(`${FILLER} selected`)
    // u marks them all read (none is yet), one request each, top to bottom.
    await page.keyboard.press('u')
    const progress = page.getByRole('status').filter({ hasText: /Marking read… \d+ of 700/ })
    await poll(async () =>
      Number((await progress.textContent().catch(() => ''))?.match(/(\d+) of/)?.[1] ?? 0),
    ).toBeGreaterThan(30)
    // The top rows show as read before the run ends.
    expect(await options(page).first().getAttribute('class')).not.toContain('unread')
    await progress.getByRole('button', { name: 'Stop' }).click()
    const done = page.getByRole('status').filter({ hasText: 'Marked read:' })
    await poll(() => done.count()).toBe(1)
    const message = await done.innerText()
    const changed = Number(message.match(/Marked read: (\d+) articles/)![1])
    expect(message).toContain(`Stopped after ${changed} of ${FILLER}.`)
    expect(changed).toBeGreaterThan(30)
    expect(changed).toBeLessThan(FILLER)
    const read = app.lib.db
      .prepare(
        "SELECT count(*) AS n FROM articles a JOIN article_tags t ON t.article_id = a.id WHERE t.tag = 'filler' AND a.read = 1",
      )
      .get() as { n: number }
    expect(read.n).toBe(changed)
  })
})

describe('a bulk action that fails on one article', () => {
  it('changes the others and says which one failed and why', async () => {
    const page = await app.open()
    await page.getByRole('searchbox', { name: 'Search' }).fill('breakwater')
    await poll(() => options(page).count()).toBe(3)
    await list(page).focus()
    await page.keyboard.press('Control+a')
    await poll(() => bar(page).getByText('3 selected').count()).toBe(1)
    await bar(page).getByRole('button', { name: 'Tag…' }).click()
    await page.getByRole('textbox', { name: 'Tag to add to the selected articles' }).fill('pier')
    await page.keyboard.press('Enter')
    const status = page.getByRole('status').filter({ hasText: 'Could not tag #pier' })
    await poll(() => status.count()).toBe(1)
    const message = await status.innerText()
    expect(message).toContain('Could not tag #pier 1 of 3 articles')
    expect(message).toContain('The front matter must be fixed')
    expect(message).toContain('Tagged #pier: 2 articles.')
    await screenshot(page, 'list-bulk-failure')
    expect(listTags(app.lib).find((t) => t.tag === 'pier')?.count).toBe(2)
  })
})

describe('exporting the selection', () => {
  it('offers the N selected articles and downloads N files', async () => {
    const page = await app.open()
    await harbour(page)
    await row(page, note(9)).click()
    await page.keyboard.press('Escape')
    await row(page, note(8)).click({ modifiers: ['Control'] })
    await row(page, note(5)).click({ modifiers: ['Control'] })
    await row(page, note(2)).click({ modifiers: ['Control'] })
    await poll(() => bar(page).getByText('4 selected').count()).toBe(1)

    const dialog = page.getByRole('dialog', { name: 'Export' })
    await bar(page).getByRole('button', { name: 'Export…' }).click()
    await dialog.waitFor()
    const scope = dialog.getByLabel('The 4 selected articles')
    expect(await scope.isChecked()).toBe(true)
    await dialog.getByLabel('Format').selectOption('md')
    const downloading = page.waitForEvent('download', { timeout: 120_000 })
    await dialog.getByRole('button', { name: 'Export', exact: true }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/\.zip$/)
    const files = Object.keys(unzipSync(readFileSync((await download.path())!))).filter((f) =>
      f.endsWith('.md'),
    )
    expect(files.sort()).toEqual([
      'harbour-note-02.md',
      'harbour-note-05.md',
      'harbour-note-08.md',
      'harbour-note-09.md',
    ])
  })
})
