import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createArticle } from '../../src/main/library/articles'
import type { Library } from '../../src/main/library/open-library'
import { type RunningServer, startServer } from '../../src/main/server/http-server'
import type { DesktopEvent } from '../../src/shared/desktop-events'
import { sharedTempLibrary } from '../helpers/temp-library'
import { appBundle } from './app-bundle'
import { launchChromium, SCREENSHOTS } from './browser'

// The page's side of the desktop shell's events (src/renderer/src/desktop-bridge.ts), in the
// built app in Chromium. Electron cannot run here, so the preload's `window.desktop` is
// played by a script that hands the page's listener to the test; the rest is the real app
// over a real library.
let browser: Browser
let server: RunningServer
let lib: Library
let dispose: () => void
let openedId: string

beforeAll(async () => {
  ;({ lib, dispose } = sharedTempLibrary())
  createArticle(lib, '---\ntitle: Already here\n---\nA first article.\n')
  openedId = createArticle(
    lib,
    '---\ntitle: Opened from Finder\n---\nThis sentence shows only when the article is open.\n',
  ).id
  server = await startServer(lib, { staticDir: appBundle() })
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  dispose?.()
})

async function openWithFakePreload(): Promise<Page> {
  const page = await browser.newPage()
  await page.addInitScript(() => {
    const w = window as unknown as {
      desktop: unknown
      __desktopListeners: ((e: unknown) => void)[]
    }
    w.__desktopListeners = []
    w.desktop = {
      onEvent(listener: (e: unknown) => void) {
        w.__desktopListeners.push(listener)
        return () => {}
      },
    }
  })
  await page.goto(server.url)
  return page
}

function send(page: Page, event: DesktopEvent): Promise<void> {
  return page.evaluate((e) => {
    const w = window as unknown as { __desktopListeners: ((e: unknown) => void)[] }
    for (const l of w.__desktopListeners) l(e)
  }, event)
}

describe('desktop bridge (page side)', () => {
  it('subscribes once, refreshes when the library changed, shows an opened file, runs menu commands', async () => {
    const page = await openWithFakePreload()
    try {
      const list = page.getByRole('listbox', { name: 'Articles' })
      await expect.poll(() => list.getByRole('option').count()).toBe(2)
      expect(
        await page.evaluate(
          () => (window as unknown as { __desktopListeners: unknown[] }).__desktopListeners.length,
        ),
      ).toBe(1)

      // Another process wrote (here: straight into the library, which no event reports).
      createArticle(lib, '---\ntitle: Written by the CLI\n---\nNew.\n')
      // Nothing else tells this page: the page has written nothing yet, so no event is due.
      await page.waitForTimeout(1000)
      expect(await list.innerText()).not.toContain('Written by the CLI')
      await send(page, { type: 'library-changed' })
      await expect.poll(() => list.innerText()).toContain('Written by the CLI')

      // The shell imported a file the OS opened and asks the page to show it.
      await send(page, { type: 'open-article', id: openedId })
      await expect
        .poll(() => page.locator('body').innerText())
        .toContain('This sentence shows only when the article is open.')

      // Go ▸ Trash from the menu: the list shows the (empty) trash.
      await send(page, { type: 'command', id: 'go.trash' })
      await expect.poll(() => list.getByRole('option').count()).toBe(0)
      await page.screenshot({ path: join(SCREENSHOTS, 'desktop-bridge-trash.png') })
    } finally {
      await page.close()
    }
  })
})
