/**
 * The Feeds section as a person uses it: the built app in browser mode over a real library,
 * in Debian's Chromium, adding a feed served by a local server, reading counts and errors,
 * renaming, moving, marking read and unfollowing.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createArticle } from '../../../src/main/library/articles'
import { insertFeed } from '../../../src/main/feeds/store'
import { type AppFixture, screenshot, startApp } from '../../e2e/app-fixture'
import { type LocalServer, startServer } from '../../helpers/local-http-server'

let app: AppFixture
let feedServer: LocalServer
let page: Page

beforeAll(async () => {
  feedServer = await startServer({
    '/tech.xml': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' })
      res.end(`<rss version="2.0"><channel><title>Gadget Weekly</title><link>https://gadgets.example/</link>
        <item><guid>g1</guid><title>A new camera</title><description>&lt;p&gt;Small and light.&lt;/p&gt;</description></item>
        <item><guid>g2</guid><title>A new phone</title><description>&lt;p&gt;Big and heavy.&lt;/p&gt;</description></item>
      </channel></rss>`)
    },
  })
  app = await startApp((lib) => {
    const wire = insertFeed(lib, {
      url: 'https://wire.example/rss',
      title: 'World Wire',
      folder: ['News', 'World'],
    })
    const broken = insertFeed(lib, { url: 'https://broken.example/rss', title: 'Broken Blog' })
    lib.db
      .prepare('UPDATE feeds SET error = ?, error_count = 3 WHERE id = ?')
      .run(
        'The server at broken.example returned 503 Service Unavailable; the site has a problem, so try again later.',
        broken,
      )
    for (const t of ['Storm warning', 'Election night']) {
      createArticle(lib, `---\ntitle: ${t}\nsource: World Wire\n---\nText.\n`, {
        feedId: wire,
        feedItemId: `guid:${t}`,
      })
    }
    createArticle(lib, '---\ntitle: My own draft\n---\nNot from a feed.\n')
  })
  page = await app.open()
}, 600_000)

afterAll(async () => {
  await app?.close()
  await feedServer?.close()
})

const feeds = () => page.getByRole('region', { name: 'Feeds' })
const titles = () => page.getByRole('listbox', { name: 'Articles' }).getByRole('option')

describe('the Feeds section', () => {
  it('shows folders, unread counts and a failing feed', async () => {
    await expect.poll(() => feeds().getByRole('button', { name: /News/ }).count()).toBe(1)
    await expect(
      feeds()
        .getByRole('button', { name: /News.*2 unread/ })
        .count(),
    ).resolves.toBe(1)
    await expect(
      feeds()
        .getByRole('button', { name: /World Wire.*2 unread/ })
        .count(),
    ).resolves.toBe(1)
    const broken = feeds()
      .getByRole('button', { name: /Broken Blog/ })
      .first()
    expect(await broken.getAttribute('title')).toMatch(/Last refresh failed: .*503/)
    await expect(broken.getByRole('img', { name: 'refresh failed' }).count()).resolves.toBe(1)
    await screenshot(page, 'feeds-sidebar')
  })

  it('lists only a feed’s articles when it is selected', async () => {
    await feeds()
      .getByRole('button', { name: /World Wire/ })
      .first()
      .click()
    await expect
      .poll(async () => (await titles().allInnerTexts()).join('|'))
      .toMatch(/Storm warning/)
    const text = (await titles().allInnerTexts()).join('|')
    expect(text).toMatch(/Election night/)
    expect(text).not.toMatch(/My own draft/)
  })

  it('adds a feed from a local server into a folder', async () => {
    await feeds().getByRole('button', { name: 'Add feed' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add feed' })
    await dialog.getByLabel('Feed or site address').fill(feedServer.url('/tech.xml'))
    await dialog.getByLabel(/Folder/).fill('News / Tech')
    await dialog.getByRole('button', { name: 'Add' }).click()
    await expect
      .poll(
        () =>
          feeds()
            .getByRole('button', { name: /Gadget Weekly.*2 unread/ })
            .count(),
        { timeout: 20_000 },
      )
      .toBe(1)
    await expect
      .poll(async () => (await titles().allInnerTexts()).join('|'))
      .toMatch(/A new camera/)
    await expect(
      feeds()
        .getByRole('button', { name: /News.*4 unread/ })
        .count(),
    ).resolves.toBe(1)
    await screenshot(page, 'feeds-added')
  })

  it('renames, marks read and unfollows a feed, keeping its articles', async () => {
    await feeds().getByRole('button', { name: 'Settings for Gadget Weekly' }).click()
    let dialog = page.getByRole('dialog', { name: /Feed: Gadget Weekly/ })
    await dialog.getByLabel('Name').fill('Gadgets')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect
      .poll(() =>
        feeds()
          .getByRole('button', { name: /^Gadgets/ })
          .count(),
      )
      .toBe(1)

    await feeds().getByRole('button', { name: 'Settings for Gadgets' }).click()
    dialog = page.getByRole('dialog', { name: /Feed: Gadgets/ })
    await dialog.getByRole('button', { name: 'Mark all read' }).click()
    await expect
      .poll(() =>
        feeds()
          .getByRole('button', { name: /^Gadgets.*unread/ })
          .count(),
      )
      .toBe(0)
    await dialog.getByRole('button', { name: 'Unfollow…' }).click()
    await dialog.getByRole('button', { name: 'Unfollow', exact: true }).click()
    await expect
      .poll(() =>
        feeds()
          .getByRole('button', { name: /Gadgets/ })
          .count(),
      )
      .toBe(0)
    // Its articles stay in the library.
    await page.getByRole('button', { name: 'All' }).first().click()
    await expect
      .poll(async () => (await titles().allInnerTexts()).join('|'))
      .toMatch(/A new camera/)
  })
})
