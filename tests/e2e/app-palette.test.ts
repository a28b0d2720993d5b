import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getArticle } from '../../src/main/library/articles'
import { listArticles } from '../../src/main/library/list'
import { getSettings } from '../../src/main/library/settings'
import {
  addFiller,
  type AppFixture,
  cli,
  createArticle,
  markdownFile,
  poll,
  screenshot,
  startApp,
} from './app-fixture'

// The palette, settings that persist in the library, new articles, drag-and-drop import and
// live updates from the CLI, in Chromium against browser mode over a real library.
let app: AppFixture

beforeAll(async () => {
  app = await startApp((lib) => addFiller(lib, 60))
  createArticle(app.lib, '---\ntitle: A starred essay\n---\nKept.\n', { state: { starred: true } })
}, 180_000)

afterAll(async () => {
  await app?.close()
})

const list = (page: Page) => page.getByRole('listbox', { name: 'Articles' })
const titles = (page: Page) => list(page).locator('[role="option"] .title').allTextContents()
const selectedTitle = (page: Page) =>
  list(page).locator('[role="option"][aria-selected="true"] .title').textContent()
const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' })

describe('the command palette', () => {
  it('is driven by the keyboard alone: open, filter, move, run, close', async () => {
    const page = await app.open()
    await page.keyboard.press('Control+K')
    await palette(page).waitFor()
    const input = palette(page).getByRole('combobox')
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true)
    // Every command is listed, with its shortcut.
    const commands = palette(page).getByRole('listbox', { name: 'Commands' }).getByRole('option')
    expect(await commands.count()).toBeGreaterThan(15)
    expect(await commands.filter({ hasText: 'New article' }).innerText()).toContain('Ctrl+N')
    await screenshot(page, 'app-palette')

    await page.keyboard.type('go to')
    const first = await palette(page).locator('[aria-selected="true"]').innerText()
    await page.keyboard.press('ArrowDown')
    const second = await palette(page).locator('[aria-selected="true"]').innerText()
    expect(second).not.toBe(first)
    // The filter narrows to one command; Enter runs it and the palette closes.
    await input.fill('starred')
    await poll(() => commands.count()).toBe(1)
    await page.keyboard.press('Enter')
    await poll(() => palette(page).count()).toBe(0)
    const nav = page.getByRole('navigation', { name: 'Library' })
    await poll(() =>
      nav.getByRole('button', { name: 'Starred', exact: true }).getAttribute('aria-current'),
    ).toBe('page')
    await poll(() => titles(page)).toEqual(['A starred essay'])

    // Esc closes without running anything; the shortcut help opens with ?.
    await page.keyboard.press('Control+K')
    await palette(page).waitFor()
    await page.keyboard.press('Escape')
    await poll(() => palette(page).count()).toBe(0)
    await page.keyboard.press('Shift+?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await help.waitFor()
    expect(await help.innerText()).toContain('G then S')
    await page.keyboard.press('Escape')
    await poll(() => help.count()).toBe(0)
  })
})

describe('settings', () => {
  it('changes the theme and text size, keeps them in the library, and after a reload', async () => {
    let page = await app.open()
    await page.keyboard.press('Control+K')
    await palette(page).waitFor()
    await page.keyboard.type('dark theme')
    await page.keyboard.press('Enter')
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme)
    await poll(theme).toBe('dark')
    await poll(() => getSettings(app.lib).theme).toBe('dark')
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(background).toBe('rgb(28, 29, 31)')

    const size = getSettings(app.lib).fontSize
    await page.keyboard.press('Control+=')
    await poll(() => getSettings(app.lib).fontSize).toBe(size + 1)
    await page.keyboard.press('Control+-')
    await poll(() => getSettings(app.lib).fontSize).toBe(size)

    page = await app.open()
    await poll(theme).toBe('dark')
    await screenshot(page, 'app-dark')

    // The settings dialog: every control labelled, changes saved.
    await page.keyboard.press('Control+,')
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await dialog.waitFor()
    await dialog.getByRole('combobox', { name: 'Theme' }).selectOption('sepia')
    await poll(() => getSettings(app.lib).theme).toBe('sepia')
    await dialog.getByRole('checkbox', { name: 'Mark articles read when opened' }).uncheck()
    await poll(() => getSettings(app.lib).markReadOnOpen).toBe(false)
    await screenshot(page, 'app-settings-sepia')
    await page.keyboard.press('Escape')
    await poll(() => dialog.count()).toBe(0)
  })
})

describe('new articles', () => {
  it('Mod+N creates an Untitled draft and opens it in split mode', async () => {
    const page = await app.open()
    const before = listArticles(app.lib, { limit: 500 }).items.length
    await page.keyboard.press('Control+N')
    await poll(() => listArticles(app.lib, { limit: 500 }).items.length).toBe(before + 1)
    const created = listArticles(app.lib, { limit: 1 }).items[0]!
    expect(created.title).toBe('Untitled')
    await poll(() => page.getByLabel('Editor').count()).toBeGreaterThan(0)
    await poll(() => page.getByLabel('Preview').count()).toBeGreaterThan(0)
  })

  it('imports Markdown files dropped on the window and opens the first', async () => {
    const page = await app.open()
    await page.evaluate(() => {
      const data = new DataTransfer()
      data.items.add(
        new File(['---\ntitle: Dropped dispatch\n---\nFrom the desktop.\n'], 'dispatch.md', {
          type: 'text/markdown',
        }),
      )
      data.items.add(new File(['not markdown'], 'photo.png', { type: 'image/png' }))
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, cancelable: true }))
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }))
    })
    await poll(() => titles(page)).toContain('Dropped dispatch')
    const status = page.getByRole('status')
    await poll(() => status.innerText()).toContain('Imported 1 article')
    expect(await status.innerText()).toContain('photo.png')
    const article = page.getByRole('main', { name: 'Article' })
    await poll(() =>
      article.getByRole('heading', { name: 'Dropped dispatch' }).count(),
    ).toBeGreaterThan(0)
  })
})

describe('live updates', () => {
  it('shows an article the CLI imports and drops one it trashes, keeping the selection', async () => {
    const page = await app.open()
    await list(page).focus()
    await page.keyboard.press('j')
    await page.keyboard.press('j')
    const selected = await selectedTitle(page)
    const scrolled = await list(page).evaluate((el) => el.scrollTop)

    const file = markdownFile(
      app.lib,
      'wire.md',
      '---\ntitle: Breaking from the wire\n---\nNews.\n',
    )
    const imported = JSON.parse(cli(app.lib, ['import', '--json', file])) as { ids: string[] }
    await poll(() => titles(page)).toContain('Breaking from the wire')
    expect(await selectedTitle(page)).toBe(selected)
    expect(await list(page).evaluate((el) => el.scrollTop)).toBe(scrolled)

    cli(app.lib, ['rm', imported.ids[0]!])
    await poll(() => titles(page)).not.toContain('Breaking from the wire')
    expect(getArticle(app.lib, imported.ids[0]!).trashedAt).not.toBeNull()
  })
})
