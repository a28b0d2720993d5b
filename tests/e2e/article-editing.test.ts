import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createArticle,
  getArticle,
  setArticleState,
  updateArticle,
} from '../../src/main/library/articles'
import { updateSettings } from '../../src/main/library/settings'
import {
  type AppUnderTest,
  editorText,
  openFromList,
  openPage,
  saveStatus,
  screenshot,
  startApp,
  toolbar,
} from './article-helpers'

// The article pane as a writer and a reader use it: the built app in Debian's Chromium,
// served in browser mode over a real temporary library.
let app: AppUnderTest

beforeAll(async () => {
  app = await startApp()
}, 180_000)

afterAll(async () => {
  await app?.close()
})

/** A 1×1 red PNG. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='

describe('the editor', () => {
  it('creates an article, the preview follows typing, and a reload finds the text saved', async () => {
    const { context, page, problems } = await openPage(app)
    try {
      await page.getByRole('listbox', { name: 'Articles' }).waitFor()
      // From the Unread list: a new draft is not unread, so the window shows it under All.
      await page
        .getByRole('navigation', { name: 'Library' })
        .getByRole('button', { name: 'Unread', exact: true })
        .click()
      await page.keyboard.press('Control+n')
      const editor = page.getByLabel('Editor')
      await editor.waitFor()
      await editor.click()
      await page.keyboard.press('Control+a')
      await page.keyboard.type('# Field notes\n\nThe **heron** waits by the weir.\n\n- one')
      await page.keyboard.press('Enter')
      await page.keyboard.type('two')
      // The Markdown keymap continued the list.
      await expect.poll(() => editorText(page)).toContain('- one\n- two')

      const preview = page.getByRole('region', { name: 'Preview' })
      await expect.poll(() => preview.locator('strong').first().textContent()).toBe('heron')
      await expect.poll(() => preview.locator('li').allTextContents()).toEqual(['one', 'two'])
      await expect.poll(() => saveStatus(page), { timeout: 5000 }).toBe('Saved')
      // The list heard of the save: the row takes the heading for its title.
      const row = page.getByRole('listbox', { name: 'Articles' }).getByRole('option').first()
      await expect.poll(() => row.textContent(), { timeout: 5000 }).toContain('Field notes')
      expect(await row.textContent()).not.toContain('Unread.')
      await expect
        .poll(() => page.getByRole('heading', { level: 2, name: 'All', exact: true }).count())
        .toBe(1)
      await screenshot(page, 'article-split')

      await page.reload()
      await openFromList(page, 'Field notes')
      await toolbar(page).getByRole('button', { name: 'Split' }).click()
      await expect.poll(() => editorText(page)).toContain('The **heron** waits by the weir.')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('switches between Read, Split and Edit, by button and by key', async () => {
    createArticle(app.lib, '# Modes\n\nA paragraph to read.\n')
    const { context, page } = await openPage(app)
    try {
      await openFromList(page, 'Modes')
      const reader = page.getByRole('region', { name: 'Reader' })
      const editor = page.getByLabel('Editor')
      const preview = page.getByRole('region', { name: 'Preview' })
      await expect
        .poll(() => reader.locator('p').first().textContent())
        .toBe('A paragraph to read.')
      expect(await editor.isVisible()).toBe(false)

      await toolbar(page).getByRole('button', { name: 'Split' }).click()
      await editor.waitFor()
      expect(await preview.isVisible()).toBe(true)
      expect(await reader.count()).toBe(0)

      await toolbar(page).getByRole('button', { name: 'Edit', exact: true }).click()
      await expect.poll(() => preview.count()).toBe(0)
      expect(await editor.isVisible()).toBe(true)

      // r reads (focus is on the toolbar, not in the editor).
      await toolbar(page).getByRole('button', { name: 'Edit', exact: true }).focus()
      await page.keyboard.press('r')
      await reader.waitFor()
      expect(await editor.isVisible()).toBe(false)
      // e edits.
      await page.keyboard.press('e')
      await editor.waitFor()
      expect(await reader.count()).toBe(0)
    } finally {
      await context.close()
    }
  })

  it('formats with Mod+B once, not twice (editor and window shortcut agree)', async () => {
    createArticle(app.lib, '# Formatting\n\nmake this bold\n')
    const { context, page } = await openPage(app)
    try {
      await openFromList(page, 'Formatting')
      await toolbar(page).getByRole('button', { name: 'Split' }).click()
      await page.getByLabel('Editor').waitFor()
      await page.getByLabel('Editor').click()
      await page.keyboard.press('Control+End')
      await page.keyboard.press('ArrowLeft')
      await page.keyboard.press('Control+Shift+ArrowLeft')
      await page.keyboard.press('Control+b')
      await expect.poll(() => editorText(page)).toContain('make this **bold**')
      await page.keyboard.press('Control+z')
      await expect.poll(() => editorText(page)).toContain('make this bold')
    } finally {
      await context.close()
    }
  })

  it('leaves one cursor to the browser, draws several, and draws vim’s selection', async () => {
    createArticle(app.lib, '# Cursors\n\nheron heron heron\n')
    const { context, page } = await openPage(app)
    const drawnRanges = () => page.locator('.cm-selectionLayer .cm-selectionBackground').count()
    try {
      await openFromList(page, 'Cursors')
      await toolbar(page).getByRole('button', { name: 'Edit', exact: true }).click()
      await page.getByLabel('Editor').click()
      await page.keyboard.press('Control+End')
      await page.keyboard.press('ArrowUp')
      await page.keyboard.type('a ')
      // One cursor: the browser's own caret, nothing drawn (drawing costs every keystroke).
      expect(await page.locator('.cm-cursorLayer').count()).toBe(0)
      await page.keyboard.press('Control+d')
      await page.keyboard.press('Control+d')
      await expect.poll(drawnRanges).toBe(2)
      await page.keyboard.type('egret')
      await expect.poll(() => editorText(page)).toContain('a egret egret heron')
      await page.keyboard.press('Escape')
      await expect.poll(() => page.locator('.cm-cursorLayer').count()).toBe(0)
    } finally {
      await context.close()
    }

    updateSettings(app.lib, { vimMode: true })
    const vim = await openPage(app)
    try {
      await openFromList(vim.page, 'Cursors')
      await toolbar(vim.page).getByRole('button', { name: 'Edit', exact: true }).click()
      await vim.page.getByLabel('Editor').click()
      await expect.poll(() => vim.page.locator('.cm-fat-cursor').count()).toBeGreaterThan(0)
      await vim.page.keyboard.press('Control+End')
      await vim.page.keyboard.press('k')
      await vim.page.keyboard.press('v')
      await vim.page.keyboard.press('e')
      await expect
        .poll(() => vim.page.locator('.cm-selectionLayer .cm-selectionBackground').count())
        .toBeGreaterThan(0)
    } finally {
      await vim.context.close()
      updateSettings(app.lib, { vimMode: false })
    }
  })

  it('stores a pasted image as an asset and shows it in the preview', async () => {
    createArticle(app.lib, '# Pictures\n\nBelow is a picture.\n\n')
    const { context, page } = await openPage(app)
    try {
      await openFromList(page, 'Pictures')
      await toolbar(page).getByRole('button', { name: 'Split' }).click()
      const editor = page.getByLabel('Editor')
      await editor.click()
      await page.keyboard.press('Control+End')
      // Put a PNG on the real clipboard, then paste with the keyboard.
      await page.evaluate(async (base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
        const blob = new Blob([bytes], { type: 'image/png' })
        await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })])
      }, PNG_BASE64)
      await page.keyboard.press('Control+v')
      await expect.poll(() => editorText(page)).toMatch(/!\[\]\(assets\/[0-9a-f]{64}\.png\)/)
      const link = /assets\/([0-9a-f]{64}\.png)/.exec(await editorText(page))![1]!
      expect(existsSync(join(app.lib.dir, 'assets', link))).toBe(true)

      const image = page.getByRole('region', { name: 'Preview' }).locator(`img[src$="${link}"]`)
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBe(1)
      expect(await image.getAttribute('loading')).toBe('lazy')
    } finally {
      await context.close()
    }
  })

  it('turns pasted web page HTML into Markdown', async () => {
    createArticle(app.lib, '# Clipping\n\n')
    const { context, page, problems } = await openPage(app)
    try {
      await openFromList(page, 'Clipping')
      await toolbar(page).getByRole('button', { name: 'Split' }).click()
      await page.getByLabel('Editor').click()
      await page.keyboard.press('Control+End')
      await page.evaluate(async () => {
        const html =
          '<h2>Rivers</h2><p>See <a href="https://example.org/r">the map</a>' +
          '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>.</p>' +
          '<ul><li>Rhine</li><li>Danube</li></ul>'
        await navigator.clipboard.write([
          new ClipboardItem({
            'text/html': new Blob([html], { type: 'text/html' }),
            'text/plain': new Blob(['Rivers See the map'], { type: 'text/plain' }),
          }),
        ])
      })
      await page.keyboard.press('Control+v')
      await expect.poll(() => editorText(page)).toContain('## Rivers')
      const text = await editorText(page)
      expect(text).toContain('[the map](https://example.org/r)')
      expect(text).toMatch(/- Rhine\n- Danube/)
      expect(text).not.toContain('script')
      expect(text).not.toContain('onerror')
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})

describe('saving', () => {
  it('shows a conflict when another process changed the article, and keeps both texts', async () => {
    const created = createArticle(app.lib, '# Shared draft\n\nFirst line.\n')
    const { context, page } = await openPage(app)
    try {
      await openFromList(page, 'Shared draft')
      await toolbar(page).getByRole('button', { name: 'Split' }).click()
      await page.getByLabel('Editor').click()
      await page.keyboard.press('Control+End')
      // Another process (as the CLI would) writes first; then this window types.
      const other = app.otherProcess()
      updateArticle(other, created.id, '# Shared draft\n\nTheir line.\n', created.version)
      await page.keyboard.type('My line.')

      const banner = page.getByRole('alert').filter({ hasText: 'changed elsewhere' })
      await banner.waitFor({ timeout: 10_000 })
      expect(await saveStatus(page)).toBe('Conflict')
      // Nothing was overwritten.
      expect(getArticle(app.lib, created.id).markdown).toBe('# Shared draft\n\nTheir line.\n')

      await banner.getByRole('button', { name: 'Compare' }).click()
      const comparison = page.getByLabel('Comparison')
      expect(await comparison.getByLabel('Yours (unsaved)').textContent()).toContain('My line.')
      expect(await comparison.getByLabel('Theirs (in the library)').textContent()).toContain(
        'Their line.',
      )
      await screenshot(page, 'article-conflict')

      await banner.getByRole('button', { name: 'Keep mine' }).click()
      await expect.poll(() => saveStatus(page)).toBe('Saved')
      const saved = getArticle(app.lib, created.id)
      expect(saved.markdown).toContain('My line.')
      expect(saved.markdown).not.toContain('Their line.')
      // Theirs is still in the history.
      const revisions = app.lib.db
        .prepare('SELECT count(*) FROM revisions WHERE markdown LIKE ?')
        .pluck()
        .get('%Their line.%') as number
      expect(revisions).toBeGreaterThan(0)
    } finally {
      await context.close()
    }
  })

  it('takes their text when chosen, and undo brings mine back', async () => {
    const created = createArticle(app.lib, '# Second draft\n\nStart.\n')
    const { context, page } = await openPage(app)
    try {
      await openFromList(page, 'Second draft')
      await toolbar(page).getByRole('button', { name: 'Split' }).click()
      await page.getByLabel('Editor').click()
      await page.keyboard.press('Control+End')
      updateArticle(app.otherProcess(), created.id, '# Second draft\n\nTheirs.\n', created.version)
      await page.keyboard.type('Mine.')
      const banner = page.getByRole('alert').filter({ hasText: 'changed elsewhere' })
      await banner.getByRole('button', { name: 'Take theirs' }).click()
      await expect.poll(() => editorText(page)).toBe('# Second draft\n\nTheirs.\n')
      await expect.poll(() => saveStatus(page)).toBe('Saved')
      await page.getByLabel('Editor').click()
      await page.keyboard.press('Control+z')
      await expect.poll(() => editorText(page)).toContain('Mine.')
    } finally {
      await context.close()
    }
  })

  it('follows a change made elsewhere when there is nothing unsaved', async () => {
    const created = createArticle(app.lib, '# Followed\n\nOld text.\n')
    const { context, page } = await openPage(app)
    try {
      await openFromList(page, 'Followed')
      await toolbar(page).getByRole('button', { name: 'Split' }).click()
      await expect.poll(() => editorText(page)).toContain('Old text.')
      updateArticle(app.otherProcess(), created.id, '# Followed\n\nNew text.\n', created.version)
      await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain('New text.')
      const preview = page.getByRole('region', { name: 'Preview' })
      await expect.poll(() => preview.locator('p').first().textContent()).toBe('New text.')
      expect(await page.getByRole('alert').filter({ hasText: 'changed elsewhere' }).count()).toBe(0)
      // A change of state elsewhere (the document and its version as they were) shows too.
      const star = toolbar(page).getByRole('button', { name: 'Star' })
      await expect.poll(() => star.getAttribute('aria-pressed')).toBe('false')
      setArticleState(app.otherProcess(), created.id, { starred: true })
      await expect.poll(() => star.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true')
      expect(await editorText(page)).toContain('New text.')
    } finally {
      await context.close()
    }
  })

  it('loses nothing typed just before the window closes', async () => {
    const created = createArticle(app.lib, '# Last words\n\nBefore.\n')
    const { context, page } = await openPage(app)
    try {
      await openFromList(page, 'Last words')
      await toolbar(page).getByRole('button', { name: 'Split' }).click()
      await page.getByLabel('Editor').click()
      await page.keyboard.press('Control+End')
      await page.keyboard.type('Typed as the window closed.')
      // Closed at once: no pause for the autosave timer.
      await page.close({ runBeforeUnload: true })

      const again = await context.newPage()
      await again.goto(app.server.url)
      await openFromList(again, 'Last words')
      await toolbar(again).getByRole('button', { name: 'Split' }).click()
      await expect.poll(() => editorText(again)).toContain('Typed as the window closed.')
      await expect
        .poll(() => getArticle(app.lib, created.id).markdown, { timeout: 10_000 })
        .toContain('Typed as the window closed.')
    } finally {
      await context.close()
    }
  }, 60_000)

  it('restores a revision from the panel, and the replaced text stays restorable', async () => {
    const created = createArticle(app.lib, '# Versions\n\nThe first wording.\n')
    updateArticle(app.lib, created.id, '# Versions\n\nThe second wording.\n', created.version)
    const { context, page } = await openPage(app)
    try {
      await openFromList(page, 'Versions')
      await toolbar(page).getByRole('button', { name: 'Split' }).click()
      await toolbar(page).getByRole('button', { name: 'Revisions' }).click()
      const panel = page.getByRole('complementary', { name: 'Revisions' })
      await panel.getByRole('listitem').first().getByRole('button').click()
      await expect
        .poll(() => panel.getByRole('region', { name: 'Revision preview' }).textContent())
        .toContain('The first wording.')
      await panel.getByRole('button', { name: 'Restore this version' }).click()
      await expect.poll(() => editorText(page)).toContain('The first wording.')
      expect(getArticle(app.lib, created.id).markdown).toContain('The first wording.')
      // The text it replaced is a revision now.
      await expect
        .poll(async () => {
          const items = await panel.getByRole('listitem').allTextContents()
          return items.length
        })
        .toBe(2)
    } finally {
      await context.close()
    }
  })
})

describe('broken front matter', () => {
  it('is explained atop the reader view and the preview and in the status bar, until fixed', async () => {
    const created = createArticle(
      app.lib,
      '---\ntitle: Harbour minutes\nauthor Jo Doe\n---\n\n# Harbour minutes\n\nThe ferry runs again.\n',
    )
    const { context, page, problems } = await openPage(app)
    try {
      await openFromList(page, 'Harbour minutes')
      const reader = page.getByRole('region', { name: 'Reader' })
      // The line the editor shows, what is wrong, and that nothing was lost.
      await expect
        .poll(() => reader.getByRole('note').textContent())
        .toMatch(
          /^Front matter line 3: .+ the text was kept as is; fix the YAML to use its fields\.$/,
        )
      expect(await reader.locator('.byline').count()).toBe(0)
      await screenshot(page, 'article-front-matter-error')

      // The editor alone has no preview: its status bar says it.
      await toolbar(page).getByRole('button', { name: 'Edit', exact: true }).click()
      const status = page.getByLabel('Status')
      await expect
        .poll(async () => (await status.getByRole('note').textContent())?.trim())
        .toBe('⚠ Front matter line 3 cannot be read')
      await screenshot(page, 'article-front-matter-status')
      await toolbar(page).getByRole('button', { name: 'Split', exact: true }).click()
      const preview = page.getByRole('region', { name: 'Preview' })
      await expect.poll(() => preview.getByRole('note').count()).toBe(1)
      await page.getByLabel('Editor').click()
      await page.keyboard.press('Control+Home')
      await page.keyboard.press('ArrowDown')
      await page.keyboard.press('ArrowDown')
      await page.keyboard.press('Home')
      await page.keyboard.press('Shift+End')
      await page.keyboard.type('author: Jo Doe')
      await expect.poll(() => preview.locator('.byline').textContent()).toBe('By Jo Doe')
      expect(await preview.getByRole('note').count()).toBe(0)
      await expect.poll(() => status.getByRole('note').count()).toBe(0)
      await expect.poll(() => getArticle(app.lib, created.id).frontMatterError).toBeNull()
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})

describe('the reader view', () => {
  it('marks the article read, saves the reading position and restores it', async () => {
    const paragraphs = Array.from(
      { length: 80 },
      (_, i) => `Paragraph ${i + 1} of a long story about rivers and the towns along them.`,
    ).join('\n\n')
    const created = createArticle(
      app.lib,
      `---\ntitle: A long read\nauthor: Jo Doe\ndate: 2024-03-02\ntags: [rivers, ai-generated]\n---\n${paragraphs}\n`,
    )
    createArticle(app.lib, '# Another article\n\nShort.\n')
    const { context, page } = await openPage(app)
    try {
      await openFromList(page, 'A long read')
      const reader = page.getByRole('region', { name: 'Reader' })
      await expect.poll(() => reader.locator('.article-title').textContent()).toBe('A long read')
      expect(await reader.locator('.reading-time').textContent()).toMatch(/^\d+ min read$/)
      expect(await reader.locator('.badge-ai').textContent()).toBe('AI-generated')
      await expect.poll(() => getArticle(app.lib, created.id).read).toBe(true)
      await screenshot(page, 'article-read')

      await reader.evaluate((el) => (el.scrollTop = (el.scrollHeight - el.clientHeight) / 2))
      await expect
        .poll(() => getArticle(app.lib, created.id).progress, { timeout: 5000 })
        .toBeCloseTo(0.5, 1)

      await openFromList(page, 'Another article')
      await openFromList(page, 'A long read')
      await expect
        .poll(() => reader.evaluate((el) => el.scrollTop / (el.scrollHeight - el.clientHeight)))
        .toBeCloseTo(0.5, 1)
    } finally {
      await context.close()
    }
  })

  it('stars, archives, tags, copies as Markdown and HTML, and trashes', async () => {
    const markdown = '---\ntitle: Copy me\n---\nSome **bold** text.\n'
    const created = createArticle(app.lib, markdown)
    const { context, page } = await openPage(app)
    try {
      await openFromList(page, 'Copy me')
      await toolbar(page).getByRole('button', { name: /Star/ }).click()
      await expect.poll(() => getArticle(app.lib, created.id).starred).toBe(true)
      await toolbar(page).getByRole('button', { name: 'Archive' }).click()
      await expect.poll(() => getArticle(app.lib, created.id).archived).toBe(true)
      await toolbar(page).getByRole('button', { name: 'Archived' }).click()
      await expect.poll(() => getArticle(app.lib, created.id).archived).toBe(false)

      await toolbar(page).getByRole('button', { name: /^Tags/ }).click()
      await page.getByLabel('Tags (comma-separated)').fill('rivers, maps')
      await page.keyboard.press('Enter')
      await expect.poll(() => getArticle(app.lib, created.id).tags).toEqual(['rivers', 'maps'])
      expect(getArticle(app.lib, created.id).markdown).toContain('title: Copy me')

      // An update of the article arriving while the field is open (here another process
      // stars it) must not wipe what is being typed.
      await toolbar(page).getByRole('button', { name: /^Tags/ }).click()
      await page.getByLabel('Tags (comma-separated)').fill('rivers, maps, deltas')
      setArticleState(app.otherProcess(), created.id, { starred: false })
      await expect
        .poll(
          () => toolbar(page).getByRole('button', { name: /Star/ }).getAttribute('aria-pressed'),
          {
            timeout: 10_000,
          },
        )
        .toBe('false')
      expect(await page.getByLabel('Tags (comma-separated)').inputValue()).toBe(
        'rivers, maps, deltas',
      )
      await page.keyboard.press('Enter')
      await expect
        .poll(() => getArticle(app.lib, created.id).tags)
        .toEqual(['rivers', 'maps', 'deltas'])
      // The library has the tags as soon as it saved them; the page takes the tagged text
      // from the answer a moment later, and shows the tags then. Copy after that, as a person
      // would.
      await toolbar(page)
        .getByRole('button', { name: 'Tags: rivers, maps, deltas' })
        .waitFor({ timeout: 10_000 })

      await toolbar(page).getByRole('button', { name: /More/ }).click()
      await page.getByRole('menuitem', { name: 'Copy as Markdown' }).click()
      await expect
        .poll(() => page.evaluate(() => navigator.clipboard.readText()))
        .toBe(getArticle(app.lib, created.id).markdown)

      await toolbar(page).getByRole('button', { name: /More/ }).click()
      await page.getByRole('menuitem', { name: 'Copy as HTML' }).click()
      await expect
        .poll(() =>
          page.evaluate(async () => {
            const [item] = await navigator.clipboard.read()
            if (!item?.types.includes('text/html')) return ''
            return (await item.getType('text/html')).text()
          }),
        )
        .toContain('<strong>bold</strong>')

      await toolbar(page).getByRole('button', { name: /More/ }).click()
      await page.getByRole('menuitem', { name: 'Move to trash' }).click()
      await expect.poll(() => getArticle(app.lib, created.id).trashedAt).not.toBeNull()
      // The pane closes with the article.
      await expect.poll(() => toolbar(page).count()).toBe(0)
    } finally {
      await context.close()
    }
  })
})
