import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createArticle } from '../../src/main/library/articles'
import type { Library } from '../../src/main/library/open-library'
import { type RunningServer, startServer } from '../../src/main/server/http-server'
import { sharedTempLibrary } from '../helpers/temp-library'
import { appBundle } from './app-bundle'
import { launchChromium, SCREENSHOTS } from './browser'

// Browser mode as a person uses it: the built app in Chromium, served over HTTP with its
// token, reading a real library.
let browser: Browser
let server: RunningServer
let lib: Library
let dispose: () => void

beforeAll(async () => {
  ;({ lib, dispose } = sharedTempLibrary())
  createArticle(lib, '---\ntitle: Die Videokamera im Test\n---\nEine kleine Videokamera.\n')
  // A hostile title: it must show as text, and nothing in it may run.
  createArticle(
    lib,
    '---\ntitle: "<img src=x onerror=\\"window.__pwned=1\\"><script>window.__pwned=2</script>"\n---\nBody\n',
  )
  server = await startServer(lib, { staticDir: appBundle() })
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  dispose?.()
})

describe('browser mode', () => {
  it('opens with the token, lists the library, and runs nothing from an article', async () => {
    const page = await browser.newPage()
    // Whatever the page asks of the server while it opens (its tab icon too) is there: the
    // browser reports a failed load in the console (Playwright does not show a tab icon's).
    const failed: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') failed.push(message.text())
    })
    try {
      await page.goto(server.url)
      const list = page.getByRole('listbox', { name: 'Articles' })
      await expect.poll(() => list.getByRole('option').count(), { timeout: 20_000 }).toBe(2)
      const titles = await list.getByRole('option').allTextContents()
      expect(titles.some((t) => t.includes('Die Videokamera im Test'))).toBe(true)
      expect(titles.some((t) => t.includes('<script>window.__pwned=2</script>'))).toBe(true)
      expect(await list.locator('img').count()).toBe(0)
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
      // The token leaves the address bar once the page has it.
      expect(new URL(page.url()).searchParams.has('token')).toBe(false)
      await page.screenshot({ path: join(SCREENSHOTS, 'browser-mode-list.png') })
      await page.waitForLoadState('networkidle')
      expect(failed).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('keeps working when a second server on the same host is opened in the same browser', async () => {
    // Cookies are per host, not per port: each server's own cookie name keeps them apart.
    const other = await startServer(lib, { staticDir: appBundle() })
    const context = await browser.newContext()
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').first().waitFor()
      const second = await context.newPage()
      await second.goto(other.url)
      await second.getByRole('listbox', { name: 'Articles' }).getByRole('option').first().waitFor()
      // The first page's cookie still opens the first server (a reload has no token in the URL).
      await page.reload()
      await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').first().waitFor()
      expect(new URL(page.url()).searchParams.has('token')).toBe(false)
    } finally {
      await context.close()
      await other.close()
    }
  })

  it('refuses the page without the token', async () => {
    const page = await browser.newPage()
    try {
      const response = await page.goto(new URL(server.url).origin)
      expect(response?.status()).toBe(401)
    } finally {
      await page.close()
    }
  })
})
