/**
 * `npm run bench -- app`: the window in Chromium against browser mode over a synthetic library
 * of 100,000 articles. Prints and saves (bench/results/app-*.json):
 *
 * - browser-mode start: `broadsheet serve` spawned until it prints its URL, beside a bare
 *   `node` start (the floor any Node CLI pays);
 * - first paint of the list: navigation start until the first rows are on screen, beside the
 *   same 100,000 titles as one plain HTML list (what a list without virtualization renders);
 * - first paint of an article: Enter on a row until its title shows in the article pane, the
 *   first one (the article pane's code loads) and the next ones;
 * - scroll smoothness: frame times while the list scrolls through 3,000 rows (pages of rows
 *   arriving by cursor as it goes), beside the same scroll through the plain HTML list.
 *
 * The library is reused: `.bench-data/library` when `npm run bench -- library` left one with
 * enough articles, else `.bench-data/app-library` (built once; minutes at 100,000).
 *
 *   node --import tsx bench/app-bench.ts [--count N] [--runs R]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import type { Page } from 'playwright-core'
import { insertArticle } from '../src/main/library/articles'
import { openLibrary } from '../src/main/library/open-library'
import { startServer } from '../src/main/server/http-server'
import { privateBundle } from '../tests/e2e/app-bundle'
import { launchChromium } from '../tests/e2e/browser'
import { type Figure, percentiles, saveResults } from './comparators'
import { updateReadmeSection } from './readme-section'
import { syntheticArticles, syntheticLibraryState } from './synthetic-corpus'

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
  },
})
const COUNT = Number(values.count)
const RUNS = Number(values.runs)
const ROOT = join(import.meta.dirname, '..')
const DATA = join(ROOT, '.bench-data')
const BIN = join(ROOT, 'bin', 'broadsheet')
/** Rows the scroll measurement travels through. */
const SCROLL_ROWS = 3_000
/** Frames the scroll takes (about 50 rows a frame: a fast flick). */
const SCROLL_FRAMES = 60

const ms = (value: number, compared?: Figure['compared']): Figure => ({
  value,
  unit: 'ms',
  compared,
})

/** How many live articles a library folder holds (0 when there is none). */
function articleCount(dir: string): number {
  const file = join(dir, 'library.db')
  if (!existsSync(file)) return 0
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
  } catch {
    return 0
  } finally {
    db.close()
  }
}

/** A library with at least COUNT articles: the library bench's, or one built here. */
function benchLibrary(): string {
  const shared = join(DATA, 'library')
  if (articleCount(shared) >= COUNT) return shared
  const own = join(DATA, 'app-library')
  const have = articleCount(own)
  if (have >= COUNT) return own
  console.log(`Building a library of ${COUNT.toLocaleString()} synthetic articles in ${own} …`)
  const lib = openLibrary(own)
  const start = performance.now()
  let batch: { markdown: string; index: number }[] = []
  const flush = () => {
    lib.transaction(() => {
      for (const a of batch)
        insertArticle(lib, a.markdown, { state: syntheticLibraryState(a.index) })
    })
    batch = []
  }
  let index = 0
  for (const article of syntheticArticles(COUNT)) {
    if (index++ < have) continue
    batch.push({ markdown: article.markdown, index: index - 1 })
    if (batch.length === 1000) {
      flush()
      if (index % 10_000 === 0) {
        const rate = (index - have) / ((performance.now() - start) / 1000)
        console.log(`  ${index.toLocaleString()} (${Math.round(rate)}/s)`)
      }
    }
  }
  flush()
  lib.close()
  return own
}

/** Spawn `broadsheet serve` and resolve with its URL and the ms until the URL line. */
function startServe(library: string): Promise<{ url: string; ms: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(BIN, ['--library', library, 'serve'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith('http://'))
      if (line) resolve({ url: line.trim(), ms: performance.now() - start, child })
    })
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('exit', (code) => reject(new Error(`broadsheet serve exited ${code}: ${err}`)))
  })
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGINT')
  await exited
}

/** Milliseconds from navigation start until the list's first rows were painted. */
async function listFirstPaint(page: Page, url: string): Promise<number> {
  await page.goto(url)
  await page.waitForFunction(() => performance.getEntriesByName('broadsheet:list-painted').length)
  return page.evaluate(() => performance.getEntriesByName('broadsheet:list-painted')[0]!.startTime)
}

/** A plain HTML page with every title as a list item: the list without virtualization. */
function plainListHtml(titles: string[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const rows = titles.map(
    (t) => `<li><b>${esc(t)}</b><br><small>Source · date · 3 min read</small></li>`,
  )
  return `<!doctype html><html><head><style>
    body{margin:0;font:14px system-ui} ul{list-style:none;margin:0;padding:0;height:100vh;overflow:auto}
    li{height:51px;padding:8px 14px;border-bottom:1px solid #ddd;overflow:hidden}</style></head>
    <body><ul id="list">${rows.join('')}</ul></body></html>`
}

/**
 * Scroll `selector` by `rows × rowHeight` pixels over SCROLL_FRAMES animation frames and
 * return every frame's duration (ms between animation frames).
 */
async function scrollFrames(page: Page, selector: string, rowHeight: number): Promise<number[]> {
  return page.evaluate(
    async ({ selector, distance, frames }) => {
      const el = document.querySelector(selector) as HTMLElement
      const times: number[] = []
      let last = await new Promise<number>((r) => requestAnimationFrame(r))
      for (let i = 1; i <= frames; i++) {
        el.scrollTop = Math.round((distance * i) / frames)
        const now = await new Promise<number>((r) => requestAnimationFrame(r))
        times.push(now - last)
        last = now
      }
      return times
    },
    { selector, distance: SCROLL_ROWS * rowHeight, frames: SCROLL_FRAMES },
  )
}

/** Milliseconds from Enter on the selected row until the article's title is in the pane. */
async function articleFirstPaint(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const title = document
      .querySelector('[role="option"][aria-selected="true"] .title')!
      .textContent!.trim()
    const pane = document.querySelector('main')!
    const start = performance.now()
    const shown = () =>
      [...pane.querySelectorAll('h1, h2')].some((h) => h.textContent?.trim() === title)
    const done = new Promise<number>((resolve) => {
      const check = () => {
        if (shown()) {
          observer.disconnect()
          // The frame in which it shows.
          requestAnimationFrame(() => resolve(performance.now() - start))
        }
      }
      const observer = new MutationObserver(check)
      observer.observe(pane, { childList: true, subtree: true, characterData: true })
    })
    document
      .querySelector('[role="listbox"]')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    return done
  })
}

// ---------------------------------------------------------------------------------------------

const library = benchLibrary()
const articles = articleCount(library)
console.log(`Library: ${library} (${articles.toLocaleString()} articles)`)
console.log('Building the app …')
const bundle = privateBundle()

// Browser-mode start, beside a bare node start.
const startTimes: number[] = []
const nodeTimes: number[] = []
for (let i = 0; i < RUNS; i++) {
  const t = performance.now()
  spawnSync(process.execPath, ['-e', '0'])
  nodeTimes.push(performance.now() - t)
  const { ms: took, child } = await startServe(library)
  startTimes.push(took)
  await stop(child)
}

// The page is served in this process from a private copy of the bundle, so nobody's rebuild of
// out/ can pull it away mid-run (\`broadsheet serve\` serves out/ itself: only its start is timed).
const served = openLibrary(library)
const server = await startServer(served, { staticDir: bundle })
const url = server.url
const browser = await launchChromium()
const figures: Record<string, unknown> = {}
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  // tsx keeps function names with a helper the page does not have.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f' })
  // The first load warms the disk cache and the server; then measure.
  await listFirstPaint(page, url)
  const paints: number[] = []
  for (let i = 0; i < RUNS; i++) paints.push(await listFirstPaint(page, new URL(url).origin))

  // The same titles, all of them, as one plain HTML list.
  const db = new Database(join(library, 'library.db'), { readonly: true })
  const titles = (
    db
      .prepare('SELECT title FROM articles WHERE trashed_at IS NULL ORDER BY updated_at DESC')
      .all() as {
      title: string
    }[]
  ).map((r) => r.title)
  db.close()
  const html = plainListHtml(titles)
  const plain = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await plain.addInitScript({ content: 'globalThis.__name = (f) => f' })
  const plainPaints: number[] = []
  // Seconds each at 100,000 rows: a couple of runs say enough.
  for (let i = 0; i < Math.min(RUNS, 2); i++) {
    const t = performance.now()
    await plain.setContent(html, { waitUntil: 'load', timeout: 600_000 })
    await plain.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))))
    plain.setDefaultTimeout(600_000)
    plainPaints.push(performance.now() - t)
  }

  // Scrolling: the virtualized list (pages arrive as it goes) and the plain list.
  await listFirstPaint(page, new URL(url).origin)
  const rowHeight = await page.evaluate(
    () => (document.querySelector('[role="option"]') as HTMLElement).offsetHeight,
  )
  const frames = await scrollFrames(page, '[role="listbox"]', rowHeight)
  const rowsInDom = await page.locator('[role="option"]').count()
  // How far the scroll got: rows arrive by page as it goes, and the list cannot scroll past
  // what has arrived.
  const rowsReached = Number(
    await page.locator('[role="option"]').last().getAttribute('aria-posinset'),
  )
  const plainFrames = await scrollFrames(plain, '#list', 51 + 16 + 1)

  // Opening articles: the first (the pane's code loads), then more.
  await listFirstPaint(page, new URL(url).origin)
  await page.getByRole('listbox', { name: 'Articles' }).focus()
  await page.keyboard.press('j')
  const firstArticle = await articleFirstPaint(page)
  const next: number[] = []
  for (let i = 0; i < RUNS; i++) {
    await page.keyboard.press('Escape')
    await page.getByRole('listbox', { name: 'Articles' }).focus()
    await page.keyboard.press('j')
    next.push(await articleFirstPaint(page))
  }

  const p = (xs: number[]) => percentiles(xs)
  const over = (xs: number[], limit: number) => xs.filter((x) => x > limit).length
  figures.articles = articles
  figures.start = {
    p50: ms(p(startTimes).p50, { with: 'bare `node -e 0`', value: p(nodeTimes).p50 }),
  }
  figures.listFirstPaint = {
    p50: ms(p(paints).p50, {
      with: `plain HTML list of all ${titles.length} titles`,
      value: p(plainPaints).p50,
    }),
    p95: ms(p(paints).p95),
    rowsInDom,
  }
  figures.articleFirstPaint = {
    first: ms(firstArticle),
    nextP50: ms(p(next).p50),
    nextP95: ms(p(next).p95),
  }
  figures.scroll = {
    frameP50: ms(p(frames).p50, {
      with: 'plain HTML list, same scroll',
      value: p(plainFrames).p50,
    }),
    frameP95: ms(p(frames).p95, {
      with: 'plain HTML list, same scroll',
      value: p(plainFrames).p95,
    }),
    frameMax: ms(Math.max(...frames), {
      with: 'plain HTML list, same scroll',
      value: Math.max(...plainFrames),
    }),
    framesOver50ms: {
      value: over(frames, 50),
      unit: `of ${frames.length}`,
      compared: { with: 'plain HTML list', value: over(plainFrames, 50) },
    },
    rowsAsked: SCROLL_ROWS,
    rowsReached,
  }
} finally {
  await browser.close()
  await server.close()
  served.close()
  rmSync(bundle, { recursive: true, force: true })
}

saveResults('app', figures)
await updateReadme()

/** The headline figures between the README's `bench:app` markers. */
async function updateReadme(): Promise<void> {
  const f = figures as {
    start: { p50: Figure }
    listFirstPaint: { p50: Figure; p95: Figure }
    articleFirstPaint: { first: Figure; nextP50: Figure }
    scroll: { frameP50: Figure; frameP95: Figure; framesOver50ms: Figure }
  }
  const n = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1))
  const rows = [
    `| figure (${articles.toLocaleString('en-US')} articles, Chromium, ${new Date().toISOString().slice(0, 10)}) | Broadsheet | compared in the same run |`,
    '| --- | --- | --- |',
    `| \`broadsheet serve\` until the URL is printed, p50 | ${n(f.start.p50.value)} ms | bare \`node -e 0\`: ${n(f.start.p50.compared!.value)} ms |`,
    `| first paint of the list (from navigation) p50 / p95 | ${n(f.listFirstPaint.p50.value)} / ${n(f.listFirstPaint.p95.value)} ms | ${f.listFirstPaint.p50.compared!.with}: ${n(f.listFirstPaint.p50.compared!.value)} ms |`,
    `| first paint of an article: first open / next p50 | ${n(f.articleFirstPaint.first.value)} / ${n(f.articleFirstPaint.nextP50.value)} ms | no comparator |`,
    `| scrolling ${SCROLL_ROWS.toLocaleString('en-US')} rows: frame p50 / p95 | ${n(f.scroll.frameP50.value)} / ${n(f.scroll.frameP95.value)} ms | plain HTML list: ${n(f.scroll.frameP50.compared!.value)} / ${n(f.scroll.frameP95.compared!.value)} ms |`,
    `| frames over 50 ms while scrolling | ${f.scroll.framesOver50ms.value} of ${SCROLL_FRAMES} | plain HTML list: ${f.scroll.framesOver50ms.compared!.value} |`,
  ]
  await updateReadmeSection('app', rows.join('\n'))
}
