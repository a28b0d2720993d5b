import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getArticle, trashArticle } from '../../src/main/library/articles'
import {
  addFiller,
  type AppFixture,
  createArticle,
  poll,
  screenshot,
  startApp,
} from './app-fixture'

// The window as a reader uses it: the list, search, sidebar views and the keyboard, in
// Chromium against browser mode over a real library of a few thousand articles.
const FILLER = 2500
let app: AppFixture
const ids: Record<string, string> = {}

beforeAll(async () => {
  app = await startApp((lib) => addFiller(lib, FILLER))
  const { lib } = app
  const add = (key: string, markdown: string, state = {}) =>
    (ids[key] = createArticle(lib, markdown, { state }).id)
  add(
    'kamera',
    '---\ntitle: Die Videokamera im Test\ntags: [technik]\n---\nEine kleine Videokamera für unterwegs.\n',
  )
  add('chinese', '---\ntitle: 城市能源报告\n---\n数据中心的能源消耗正在迅速增长，电网面临压力。\n')
  add('starred', '---\ntitle: A starred essay\n---\nKept for later.\n', { starred: true })
  add('read', '---\ntitle: Quillwort survey already read\n---\nQuillwort counts.\n', { read: true })
  add('tomatoes', '---\ntitle: Tomatoes in August\ntags: [gardening]\n---\nWater deeply.\n')
  add('roses', '---\ntitle: Pruning roses\ntags: [gardening]\n---\nCut above a bud.\n')
  add(
    'hostile',
    '---\ntitle: Hostile snippet\n---\nZanzibarite <img src=x onerror="window.__pwned=1"> text.\n',
  )
  add('trashed', '---\ntitle: An old trashed note\n---\nGone.\n')
  trashArticle(lib, ids.trashed!)
}, 120_000)

afterAll(async () => {
  await app?.close()
})

const list = (page: Page) => page.getByRole('listbox', { name: 'Articles' })
const options = (page: Page) => list(page).getByRole('option')
const nav = (page: Page) => page.getByRole('navigation', { name: 'Library' })
const titles = (page: Page) => options(page).locator('.title').allTextContents()
const selectedTitle = (page: Page) =>
  list(page).locator('[role="option"][aria-selected="true"] .title').textContent()

async function withPage(fn: (page: Page) => Promise<void>): Promise<void> {
  await fn(await app.open())
}

describe('the article list', () => {
  it('keeps only a screenful of rows in the DOM and loads more pages as it scrolls', async () => {
    await withPage(async (page) => {
      const total = FILLER + 7 // every article but the trashed one
      const first = await titles(page)
      expect(first[0]).toBe('Hostile snippet') // newest first
      const inDom = await options(page).count()
      expect(inDom).toBeGreaterThan(5)
      expect(inDom).toBeLessThan(40)
      await screenshot(page, 'app-list')
      // Scroll to the end again and again: pages arrive by cursor until the oldest article.
      const lastPos = async () => Number(await options(page).last().getAttribute('aria-posinset'))
      for (let i = 0; i < 40 && (await lastPos()) < total; i++) {
        await list(page).evaluate((el) => el.scrollTo(0, el.scrollHeight))
        await page.waitForTimeout(120)
      }
      expect(await lastPos()).toBe(total)
      expect((await titles(page)).at(-1)).toBe('Filler article 00000')
      expect(await options(page).count()).toBeLessThan(40)
      expect(await options(page).last().getAttribute('aria-setsize')).toBe(String(total))
    })
  })

  it('shows title, source, date, reading time and an unread mark on each row', async () => {
    await withPage(async (page) => {
      await page.getByRole('searchbox', { name: 'Search' }).fill('Filler article 00042')
      const row = options(page).filter({ hasText: 'Filler article 00042' }).first()
      await row.waitFor()
      const text = await row.innerText()
      expect(text).toContain('Filler Wire')
      expect(text).toContain('1 min read')
      expect(text).toMatch(/\d{4}/) // the date
      expect(await row.evaluate((el) => el.classList.contains('unread'))).toBe(true)
      expect(text).toContain('Unread')
    })
  })
})

describe('search as you type', () => {
  it('finds a word by its prefix and a Chinese substring, with the match marked', async () => {
    await withPage(async (page) => {
      const search = page.getByRole('searchbox', { name: 'Search' })
      await search.pressSequentially('Videokam', { delay: 20 })
      await poll(() => titles(page)).toEqual(['Die Videokamera im Test'])
      const mark = options(page).first().locator('.snippet mark')
      expect(await mark.first().textContent()).toMatch(/Videokamera/)
      await screenshot(page, 'app-search')
      await search.fill('能源消耗')
      await poll(() => titles(page)).toEqual(['城市能源报告'])
      expect(await options(page).first().locator('.snippet mark').first().textContent()).toBe(
        '能源消耗',
      )
    })
  })

  it('shows markup in a snippet as text and runs none of it', async () => {
    await withPage(async (page) => {
      await page.getByRole('searchbox', { name: 'Search' }).fill('Zanzibarite')
      await poll(() => titles(page)).toEqual(['Hostile snippet'])
      const snippet = options(page).first().locator('.snippet')
      expect(await snippet.locator('img').count()).toBe(0)
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
    })
  })

  it('uses the query language: a tag filter and an unknown word find what they should', async () => {
    await withPage(async (page) => {
      const search = page.getByRole('searchbox', { name: 'Search' })
      await search.fill('tag:gardening')
      await poll(async () => (await titles(page)).sort()).toEqual([
        'Pruning roses',
        'Tomatoes in August',
      ])
      await search.fill('xyzzyplughnothing')
      await poll(() => page.getByText('Nothing matches this search.').count()).toBe(1)
    })
  })
})

describe('the sidebar', () => {
  it('filters by Starred, Unread, Trash and a tag', async () => {
    await withPage(async (page) => {
      await nav(page).getByRole('button', { name: 'Starred', exact: true }).click()
      await poll(() => titles(page)).toEqual(['A starred essay'])
      expect(
        await nav(page)
          .getByRole('button', { name: 'Starred', exact: true })
          .getAttribute('aria-current'),
      ).toBe('page')
      await nav(page).getByRole('button', { name: 'Trash', exact: true }).click()
      await poll(() => titles(page)).toEqual(['An old trashed note'])
      await nav(page)
        .getByRole('button', { name: /^Tag gardening, 2 articles/ })
        .click()
      await poll(async () => (await titles(page)).sort()).toEqual([
        'Pruning roses',
        'Tomatoes in August',
      ])
      // Unread leaves out what was read: searching within it does not find the read one.
      await nav(page).getByRole('button', { name: 'Unread', exact: true }).click()
      await page.getByRole('searchbox', { name: 'Search' }).fill('Quillwort')
      await poll(() => page.getByText('Nothing matches this search.').count()).toBe(1)
      await nav(page).getByRole('button', { name: 'All', exact: true }).click()
      await page.getByRole('searchbox', { name: 'Search' }).fill('Quillwort')
      await poll(() => titles(page)).toEqual(['Quillwort survey already read'])
    })
  })
})

describe('the keyboard', () => {
  it('moves with j/k, stars, archives, trashes and restores, and goes back with Esc', async () => {
    await withPage(async (page) => {
      const { lib } = app
      await nav(page)
        .getByRole('button', { name: /^Tag gardening/ })
        .click()
      await poll(() => options(page).count()).toBe(2)
      await list(page).focus()
      await page.keyboard.press('j')
      const first = await selectedTitle(page)
      await page.keyboard.press('j')
      const second = await selectedTitle(page)
      expect([first, second].sort()).toEqual(['Pruning roses', 'Tomatoes in August'])
      await page.keyboard.press('k')
      expect(await selectedTitle(page)).toBe(first)
      const id = first === 'Pruning roses' ? ids.roses! : ids.tomatoes!

      await page.keyboard.press('s')
      await poll(() => getArticle(lib, id).starred).toBe(true)
      await poll(() => list(page).locator('[aria-selected="true"] .star').count()).toBe(1)
      await page.keyboard.press('s')
      await poll(() => getArticle(lib, id).starred).toBe(false)

      await page.keyboard.press('a')
      await poll(() => getArticle(lib, id).archived).toBe(true)
      await page.keyboard.press('a')
      await poll(() => getArticle(lib, id).archived).toBe(false)

      await page.keyboard.press('Delete')
      await poll(() => getArticle(lib, id).trashedAt).not.toBeNull()
      await poll(() => titles(page)).toEqual([second])
      // To the Trash with g t, select it, restore with Shift+R.
      await page.keyboard.press('g')
      await page.keyboard.press('t')
      await poll(() => titles(page)).toContain(first)
      await screenshot(page, 'app-trash')
      await list(page).focus()
      for (let i = 0; i < 5 && (await selectedTitle(page).catch(() => null)) !== first; i++) {
        await page.keyboard.press('j')
      }
      expect(await selectedTitle(page)).toBe(first)
      await page.keyboard.press('Shift+R')
      await poll(() => getArticle(lib, id).trashedAt).toBeNull()
      await poll(() => titles(page)).not.toContain(first)
    })
  })

  it('opens with Enter, closes with Esc; / goes to the search box and Esc clears it', async () => {
    await withPage(async (page) => {
      await list(page).focus()
      await page.keyboard.press('j')
      const title = (await selectedTitle(page))!
      await page.keyboard.press('Enter')
      const article = page.getByRole('main', { name: 'Article' })
      await poll(() => article.getByRole('heading', { name: title }).count()).toBeGreaterThan(0)
      await page.keyboard.press('Escape')
      await poll(() => article.getByRole('heading', { name: title }).count()).toBe(0)
      // The selection stays where it was.
      expect(await selectedTitle(page)).toBe(title)

      await page.keyboard.press('/')
      const search = page.getByRole('searchbox', { name: 'Search' })
      expect(await search.evaluate((el) => el === document.activeElement)).toBe(true)
      // Letters typed in the search box are text, not shortcuts.
      await page.keyboard.type('gardening s')
      expect(await search.inputValue()).toBe('gardening s')
      await page.keyboard.press('Escape')
      expect(await search.inputValue()).toBe('')
    })
  })
})

describe('accessibility', () => {
  it('has landmarks, the named search box and list, and a name on every control', async () => {
    await withPage(async (page) => {
      expect(await page.getByRole('searchbox', { name: 'Search' }).count()).toBe(1)
      expect(await page.getByRole('listbox', { name: 'Articles' }).count()).toBe(1)
      expect(await page.getByRole('navigation', { name: 'Library' }).count()).toBe(1)
      expect(await page.getByRole('main').count()).toBe(1)
      expect(await page.getByRole('search').count()).toBe(1)
      const unnamed = await page.evaluate(() => {
        const name = (el: Element) =>
          (el.getAttribute('aria-label') ?? '').trim() ||
          (el.getAttribute('aria-labelledby') ?? '').trim() ||
          ((el as HTMLInputElement).labels?.length ? 'label' : '') ||
          (el.textContent ?? '').trim() ||
          (el.getAttribute('title') ?? '').trim()
        // Controls a person can reach: hidden ones (a file picker's input) are not.
        const shown = (el: Element) => (el as HTMLElement).getClientRects().length > 0
        return [...document.querySelectorAll('button, input, select, textarea, [role="option"]')]
          .filter((el) => shown(el) && !name(el))
          .map((el) => el.outerHTML.slice(0, 120))
      })
      expect(unnamed).toEqual([])
    })
  })
})
