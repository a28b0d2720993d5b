/**
 * Shared steps of the article pane's end-to-end tests: the built app served over a real temp
 * library in Debian's Chromium, an article opened from the list as a person would, and the
 * editor's text read back.
 */
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { openLibrary, type Library } from '../../src/main/library/open-library'
import { type RunningServer, startServer } from '../../src/main/server/http-server'
import { sharedTempLibrary } from '../helpers/temp-library'
import { appBundle } from './app-bundle'
import { launchChromium, SCREENSHOTS } from './browser'

/** A running app: server, library, browser. */
export interface AppUnderTest {
  lib: Library
  server: RunningServer
  browser: Browser
  /** A second connection to the same library file, as the CLI would open it. */
  otherProcess: () => Library
  close: () => Promise<void>
}

/** Open a temp library, serve it with the run's build and launch Chromium. */
export async function startApp(): Promise<AppUnderTest> {
  const { lib, dispose } = sharedTempLibrary()
  const server = await startServer(lib, { staticDir: appBundle() })
  const browser = await launchChromium()
  const others: Library[] = []
  return {
    lib,
    server,
    browser,
    otherProcess: () => {
      const other = openLibrary(lib.dir)
      others.push(other)
      return other
    },
    close: async () => {
      await browser.close()
      await server.close()
      for (const other of others) other.close()
      dispose()
    },
  }
}

/** A fresh context and page on the app, with clipboard access granted. */
export async function openPage(
  app: AppUnderTest,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await app.browser.newContext({
    viewport: { width: 1400, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  await page.goto(app.server.url)
  return { context, page, problems }
}

/** Click the article titled `title` in the list. */
export async function openFromList(page: Page, title: string): Promise<void> {
  const list = page.getByRole('listbox', { name: 'Articles' })
  await list.getByRole('option', { name: title }).first().click()
}

/** The editor's whole text, as CodeMirror holds it (its view hangs off the content element). */
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    type Doc = { toString(): string }
    const content = document.querySelector('.cm-content') as
      (HTMLElement & { cmTile?: { root?: { view?: { state: { doc: Doc } } } } }) | null
    const view = content?.cmTile?.root?.view
    if (!view) throw new Error('No CodeMirror view found on .cm-content')
    return view.state.doc.toString()
  })
}

/** The save state the status bar shows (Saved, Saving…, Unsaved, Conflict, Not saved). */
export function saveStatus(page: Page): Promise<string> {
  return page.locator('.save-status').innerText()
}

/** Whether the last element matching `selector` inside `scroller` is wholly in its view. */
export function lastInView(page: Page, scroller: string, selector: string): Promise<boolean> {
  return page.evaluate(
    ([scroller, selector]) => {
      const view = document.querySelector(scroller!)!.getBoundingClientRect()
      const rect = [...document.querySelectorAll(`${scroller} ${selector}`)]
        .at(-1)
        ?.getBoundingClientRect()
      return !!rect && rect.top >= view.top - 1 && rect.bottom <= view.bottom + 1
    },
    [scroller, selector],
  )
}

/** The open article's toolbar (Read / Split / Edit, Star, Archive, Tags…). */
export function toolbar(page: Page): Locator {
  return page.getByRole('toolbar', { name: 'Article' })
}

/** Save a screenshot for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}
