import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalServer, startServer } from '../helpers/local-http-server'
import {
  addFiller,
  type AppFixture,
  poll,
  pressUntilShown,
  screenshot,
  startApp,
} from './app-fixture'

// "Save page from URL…" in Chromium against browser mode over a real library: a page from a
// real local server becomes an article that opens to read; a page that is not an article
// shows why, and nothing is added.
let app: AppFixture
let pages: LocalServer

const STORY = `<!doctype html><html lang="en"><head><title>Lighthouse keepers return</title>
<meta name="author" content="Mary Anning"></head><body><article><h1>Lighthouse keepers return</h1>
${'<p>After forty years of automation the island lighthouse has keepers again: two volunteers who will log the weather, guide the ferry and keep the lamp room open to visitors all summer.</p>'.repeat(6)}
<script>document.title = 'pwned'</script><p><a href="javascript:alert(1)">Do not click</a></p>
</article></body></html>`
const FRONT = `<html><body><ul>${'<li><a href="/x">Another story</a></li>'.repeat(30)}</ul></body></html>`

beforeAll(async () => {
  pages = await startServer({
    '/story': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end(STORY)
    },
    '/front': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end(FRONT)
    },
  })
  app = await startApp((lib) => addFiller(lib, 5))
}, 180_000)

afterAll(async () => {
  await app?.close()
  await pages?.close()
})

const count = () =>
  (app.lib.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n

describe('Save page from URL', () => {
  it('saves a page and opens it to read (Ctrl+Shift+S)', async () => {
    const page = await app.open()
    const before = count()
    const dialog = page.getByRole('dialog', { name: 'Save page from URL' })
    await pressUntilShown(page, 'Control+Shift+S', dialog)
    await dialog.getByRole('textbox', { name: 'URL' }).fill(pages.url('/story'))
    await screenshot(page, 'save-from-url')
    await dialog.getByRole('button', { name: 'Save' }).click()
    // Fetching, extracting and storing take seconds on a busy machine.
    await expect.poll(() => dialog.count(), { timeout: 60_000 }).toBe(0)
    await poll(() =>
      page.getByRole('heading', { name: 'Lighthouse keepers return' }).count(),
    ).toBeGreaterThan(0)
    expect(count()).toBe(before + 1)
    expect(await page.title()).not.toBe('pwned')
    await screenshot(page, 'save-from-url-saved')
  })

  it('shows why a page is not saved, and adds nothing', async () => {
    const page = await app.open()
    const before = count()
    const dialog = page.getByRole('dialog', { name: 'Save page from URL' })
    await pressUntilShown(page, 'Control+Shift+S', dialog)
    await dialog.getByRole('textbox', { name: 'URL' }).fill(pages.url('/front'))
    await dialog.getByRole('button', { name: 'Save' }).click()
    const alert = dialog.getByRole('alert')
    await alert.waitFor({ timeout: 60_000 })
    expect(await alert.innerText()).toMatch(
      /^This page does not look like an article: it is mostly links/,
    )
    await screenshot(page, 'save-from-url-error')
    expect(count()).toBe(before)
    // "Save anyway" keeps it all the same.
    await dialog.getByRole('button', { name: 'Save anyway' }).click()
    await expect.poll(() => dialog.count(), { timeout: 60_000 }).toBe(0)
    expect(count()).toBe(before + 1)
  })
})
