/**
 * Shared by the app's end-to-end tests: a real temporary library filled through the library
 * API, browser mode's real server over it serving the built bundle, and Debian's Chromium.
 * One of each per test file.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { expect, vi } from 'vitest'
import { createArticle, insertArticle } from '../../src/main/library/articles'
import type { Library } from '../../src/main/library/open-library'
import { type RunningServer, startServer } from '../../src/main/server/http-server'
import { sharedTempLibrary } from '../helpers/temp-library'
import { appBundle } from './app-bundle'
import { launchChromium, SCREENSHOTS } from './browser'

const ROOT = join(import.meta.dirname, '..', '..')

/** What a test file gets. */
export interface AppFixture {
  lib: Library
  server: RunningServer
  browser: Browser
  /** The file's page (1280×800), freshly loaded with the app open and its list showing. */
  open(): Promise<Page>
  close(): Promise<void>
}

/** A filler article: numbered so its place in the list is known (newest last). */
export function fillerArticle(i: number): string {
  const n = String(i).padStart(5, '0')
  return `---\ntitle: Filler article ${n}\nsource: Filler Wire\ntags: [filler]\n---\nRoutine report number ${n} about weather, markets and transport.\n`
}

/** Fill a library (`fill` runs inside one transaction), serve it with the run's build, launch Chromium. */
export async function startApp(fill: (lib: Library) => void): Promise<AppFixture> {
  const { lib, dispose } = sharedTempLibrary()
  lib.transaction(() => fill(lib))
  const server = await startServer(lib, { staticDir: appBundle() })
  const browser = await launchChromium()
  // One page for the file, loaded afresh for each test: a new tab costs seconds on a busy machine.
  let page: Page | null = null
  return {
    lib,
    server,
    browser,
    async open() {
      page ??= await browser.newPage({ viewport: { width: 1280, height: 800 } })
      page.removeAllListeners('dialog')
      await page.goto(server.url)
      try {
        await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').first().waitFor()
      } catch (err) {
        await screenshot(page, 'failed-to-open')
        throw err
      }
      return page
    },
    async close() {
      await browser.close()
      await server.close()
      dispose()
    },
  }
}

/** Add `count` filler articles (inside the fill transaction: insertArticle opens none). */
export function addFiller(lib: Library, count: number): void {
  for (let i = 0; i < count; i++) insertArticle(lib, fillerArticle(i))
}

export { createArticle }

/** Save a screenshot for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

/** Run the real `broadsheet` CLI on the library; returns stdout. Throws when it fails. */
export function cli(lib: Library, args: string[]): string {
  const run = spawnSync(join(ROOT, 'bin', 'broadsheet'), ['--library', lib.dir, ...args], {
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(`broadsheet ${args.join(' ')}: ${run.stderr}`)
  return run.stdout
}

/** Write a Markdown file into a fresh folder under the library's parent; returns its path. */
export function markdownFile(lib: Library, name: string, text: string): string {
  const dir = join(lib.dir, '..', 'incoming')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

/** `expect.poll` with room for a busy two-core machine (vitest's default waits one second). */
export function poll<T>(fn: () => T | Promise<T>): ReturnType<typeof expect.poll<T>> {
  return expect.poll(fn, { timeout: 20_000, interval: 50 })
}

// A page load, a lazily loaded editor and a few round trips each take seconds when the
// machine's two cores are shared: give each test room (they take a few seconds when quiet).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 })

/**
 * Press a shortcut until `target` shows. Dialogs are loaded just after the list paints and
 * register their commands then, so a key pressed in the first moment can find no command yet
 * (as a person pressing it that early would); pressing again once it is there opens it.
 */
export async function pressUntilShown(page: Page, key: string, target: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        if (!(await target.isVisible())) await page.keyboard.press(key)
        return target.isVisible()
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true)
}
