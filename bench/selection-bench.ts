/**
 * `npm run bench -- selection`: the article list with every one of 100,000 articles selected,
 * in Chromium against browser mode over the app bench's synthetic library (read only: no bulk
 * action runs here). Prints and saves (bench/results/selection-*.json):
 *
 * - Ctrl+A over the whole list: the key until the header says "100,000 selected" (the list's
 *   remaining pages fetched through `articles.list`), beside fetching the same pages straight
 *   from the page with `fetch` (the floor: what the server and the wire cost);
 * - Ctrl+click with all selected: the click until the next frame, beside the same click with
 *   one row selected (a cost that grew with the selection would show here);
 * - scrolling 3,000 rows with all selected: frame times, beside the same scroll with one row
 *   selected.
 *
 *   node --import tsx bench/selection-bench.ts [--count N] [--runs R]
 */
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { openLibrary } from '../src/main/library/open-library'
import { startServer } from '../src/main/server/http-server'
import { privateBundle } from '../tests/e2e/app-bundle'
import { launchChromium } from '../tests/e2e/browser'
import { type Figure, percentiles, saveResults } from './comparators'

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
  },
})
const COUNT = Number(values.count)
const RUNS = Number(values.runs)
const DATA = join(import.meta.dirname, '..', '.bench-data')
const SCROLL_ROWS = 3_000
const SCROLL_FRAMES = 60

const ms = (value: number, compared?: Figure['compared']): Figure => ({
  value,
  unit: 'ms',
  compared,
})

/** The app bench's library (`npm run bench -- app` builds it). */
function benchLibrary(): string {
  for (const name of ['library', 'app-library']) {
    const dir = join(DATA, name)
    if (!existsSync(join(dir, 'library.db'))) continue
    const lib = openLibrary(dir)
    const n = (lib.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
    lib.close()
    if (n >= COUNT) return dir
  }
  throw new Error(`No library of ${COUNT} articles in ${DATA}: run \`npm run bench -- app\` first.`)
}

const list = (page: Page) => page.getByRole('listbox', { name: 'Articles' })

/** Load the window afresh with its list showing and focused. */
async function fresh(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await list(page).getByRole('option').first().waitFor()
  await list(page).focus()
  await page.keyboard.press('j')
}

/** Ms from a Ctrl+click on the 3rd row shown until the frame after it. */
async function ctrlClickMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const row = document.querySelectorAll<HTMLElement>('[role="option"]')[2]!
    const start = performance.now()
    row.dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }))
    await new Promise((r) => requestAnimationFrame(r))
    return performance.now() - start
  })
}

/** Frame durations while the list scrolls through SCROLL_ROWS rows from the top. */
async function scrollFrames(page: Page): Promise<number[]> {
  return list(page).evaluate(
    async (el, { rows, frames }) => {
      el.scrollTop = 0
      const rowHeight = (el.querySelector('[role="option"]') as HTMLElement).offsetHeight
      const times: number[] = []
      let last = await new Promise<number>((r) => requestAnimationFrame(r))
      for (let i = 1; i <= frames; i++) {
        el.scrollTop = Math.round((rows * rowHeight * i) / frames)
        const now = await new Promise<number>((r) => requestAnimationFrame(r))
        times.push(now - last)
        last = now
      }
      return times
    },
    { rows: SCROLL_ROWS, frames: SCROLL_FRAMES },
  )
}

const library = benchLibrary()
console.log(`Library: ${library}`)
console.log('Building the app …')
const bundle = privateBundle()
const served = openLibrary(library)
const server = await startServer(served, { staticDir: bundle })
const browser = await launchChromium()
const figures: Record<string, unknown> = {}
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.addInitScript({ content: 'globalThis.__name = (f) => f' })
  page.setDefaultTimeout(600_000)
  const url = server.url
  await fresh(page, url)
  // What "All" lists (the header may not know it: it counts only when that is cheap).
  const total = (
    served.db
      .prepare('SELECT count(*) AS n FROM articles WHERE trashed_at IS NULL AND archived = 0')
      .get() as { n: number }
  ).n
  const origin = new URL(url).origin

  // The floor: the same pages of 500 fetched by the page itself, nothing drawn.
  const floor: { ms: number; rows: number }[] = []
  for (let i = 0; i < Math.min(RUNS, 2); i++) {
    floor.push(
      await page.evaluate(async () => {
        const start = performance.now()
        let rows = 0
        let cursor: string | null = null
        do {
          const response: Response = await fetch('/rpc/articles.list', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            credentials: 'same-origin',
            body: JSON.stringify({ filter: { isNot: ['archived'] }, limit: 500, cursor }),
          })
          const answer = (await response.json()) as {
            ok: boolean
            value: { items: unknown[]; nextCursor: string | null }
          }
          if (!answer.ok) throw new Error(JSON.stringify(answer))
          rows += answer.value.items.length
          cursor = answer.value.nextCursor
        } while (cursor)
        return { ms: performance.now() - start, rows }
      }),
    )
  }
  if (floor.some((f) => f.rows !== total)) throw new Error(`The floor fetched ${floor[0]!.rows}`)

  const selectAll: number[] = []
  const clickAll: number[] = []
  const clickOne: number[] = []
  let framesAll: number[] = []
  let framesOne: number[] = []
  for (let i = 0; i < Math.min(RUNS, 2); i++) {
    await fresh(page, origin)
    const start = performance.now()
    await page.keyboard.press('Control+a')
    await page.getByText(`${total.toLocaleString('en-US')} selected`).waitFor({ timeout: 600_000 })
    selectAll.push(performance.now() - start)
  }
  // Everything loaded and selected: click and scroll with 100,000 selected, then with one.
  for (let i = 0; i < RUNS; i++) {
    await page.keyboard.press('Control+a')
    await page.getByText(`${total.toLocaleString('en-US')} selected`).waitFor()
    clickAll.push(await ctrlClickMs(page))
  }
  await page.keyboard.press('Control+a')
  await page.getByText(`${total.toLocaleString('en-US')} selected`).waitFor()
  framesAll = await scrollFrames(page)
  for (let i = 0; i < RUNS; i++) {
    await list(page).evaluate((el) => (el.scrollTop = 0))
    await page.keyboard.press('Escape')
    await page.keyboard.press('j')
    clickOne.push(await ctrlClickMs(page))
  }
  await page.keyboard.press('Escape')
  framesOne = await scrollFrames(page)

  const p = percentiles
  figures.articles = total
  figures.selectAll = {
    p50: ms(p(selectAll).p50, {
      with: 'the same pages fetched by the page alone',
      value: p(floor.map((f) => f.ms)).p50,
    }),
  }
  figures.ctrlClick = {
    p50: ms(p(clickAll).p50, { with: 'one row selected', value: p(clickOne).p50 }),
    max: ms(Math.max(...clickAll), { with: 'one row selected', value: Math.max(...clickOne) }),
  }
  figures.scroll = {
    frameP50: ms(p(framesAll).p50, { with: 'one row selected', value: p(framesOne).p50 }),
    frameP95: ms(p(framesAll).p95, { with: 'one row selected', value: p(framesOne).p95 }),
  }
  console.log(JSON.stringify(figures, null, 2))
} finally {
  await browser.close()
  await server.close()
  served.close()
  rmSync(bundle, { recursive: true, force: true })
}

saveResults('selection', figures)
