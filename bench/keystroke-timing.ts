/**
 * Keystroke latency in the built app, as the editor bench measures it: keys typed into a long
 * article in Edit and Split mode, and into a bare <textarea> holding the same text for
 * comparison. Each key is timed in the page from its `keydown` timestamp three ways:
 *
 * - `work`: until the tasks that handle it are done (keydown, then the text input and
 *   everything it sets off synchronously: CodeMirror's update, the app's listeners, Svelte's
 *   effects), or until the next frame starts if that comes first (then an upper bound).
 * - `frame`: until the next animation frame after the text changed has run its rendering
 *   steps (style, layout, paint on the main thread): what the page can say about "on screen".
 * - `processing`: until the key has been handled: its `input` event has been through every
 *   listener and the microtasks they queued (CodeMirror reads the DOM change in one, Svelte
 *   runs its effects in others) have run. The time before the `keydown` was dispatched (the
 *   task it waited behind) is in it; the next frame's work (CodeMirror's measuring, layout,
 *   paint) and the wait for that frame are not.
 * - `presented`: Chromium's Event Timing for the key's interaction (the longest of its
 *   keydown / keypress / input entries): from the key to the frame that showed its effect,
 *   as the browser measures it. Entries under 16 ms are not reported by the API; such keys
 *   count as 8 ms (the API's rounding step), which only matters for a p95 at or below 16 ms.
 */
import { loadavg } from 'node:os'
import { build } from 'esbuild'
import type { CDPSession, Page } from 'playwright-core'
import { percentiles } from './comparators'

/** One mode's timings, in ms, one entry per key (`stalled`: keys that never showed a frame). */
export interface KeySamples {
  work: number[]
  frame: number[]
  processing: number[]
  presented: number[]
  /** Keys whose next frame started before a task posted while handling them could run. */
  frameFirst: number
  stalled: number
  /** The machine's 1-minute load average before and after typing. */
  load: [number, number]
  /** Each key's start (`keydown` timeStamp, page clock) and timings, for trace diagnostics. */
  raw: { t0: number; work: number; frame: number }[]
  /** A `performance.mark` made just before typing: its name and page-clock time. */
  sync: { mark: string; at: number }
  /** Split mode: from the click on Split to the preview's first blocks, in ms. */
  previewShownMs?: number
}

/** How keys are typed. */
export interface TypingOptions {
  keys: number
  /** Least time between two keydowns, in ms (a brisk typist: about 10 keys a second). */
  gapMs: number
  /** Longest wait for one key's frame before it counts as stalled. */
  keyTimeoutMs: number
  /** Type into a bare textarea too, after the app (default true; a trace leaves it out). */
  bareTextarea?: boolean
  /** Type into a bare CodeMirror too (bench/bare-codemirror.ts; default true). */
  bareCodeMirror?: boolean
  /**
   * The title of a short article of the library to type into as well, in Edit mode, after
   * the modes: what a key costs the app whatever the length of the document.
   */
  shortArticle?: string
}

/** Event Timing reports nothing under this; such keys are recorded as this half. */
const EVENT_TIMING_FLOOR = 16

/** Installed in the page once: the timers behind `KeySamples`, and waiting helpers. */
const INSTRUMENT = `(() => {
  if (window.__keyBench) return
  const bench = {
    keys: [],
    waiters: [],
  }
  window.__keyBench = bench
  const settle = () => {
    bench.waiters = bench.waiters.filter((w) => !w())
  }
  const afterTask = (fn) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = fn
    channel.port2.postMessage(0)
  }
  addEventListener('keydown', (event) => {
    if (event.key.length !== 1) return
    const key = { t0: event.timeStamp, work: 0, frame: 0, framed: false, steps: [] }
    bench.keys.push(key)
    // The key's work is over when a message posted from its input task runs, or when the
    // next frame starts, whichever comes first (a frame that is due may run before the
    // message; it starts only after the input task).
    const inputDone = () => {
      key.steps.push(Math.round(performance.now() - key.t0))
      if (key.frameStart) key.frameFirst = true
      else key.work = performance.now() - key.t0
    }
    // The text arrives with the keypress/input that follows: its frame is the one to wait for.
    const onInput = () => {
      removeEventListener('input', onInput, true)
      clearTimeout(fallback)
      afterTask(inputDone)
      frameAfter()
    }
    const frameAfter = () => {
      if (key.framed) return
      key.framed = true
      requestAnimationFrame(() => {
        key.frameStart = performance.now() - key.t0
        if (!key.work) key.work = key.frameStart
        afterTask(() => {
          key.frame = performance.now() - key.t0
          settle()
        })
      })
    }
    // A key that changes no text (none here, but be safe) still gets its frame.
    const fallback = setTimeout(() => {
      removeEventListener('input', onInput, true)
      frameAfter()
    }, 1000)
    addEventListener('input', onInput, true)
  }, true)
  // The key has been handled (\`processing\`) once its input event has been through every
  // listener (this one, on the window in the bubbling phase, comes last) and the microtasks
  // they queued have run (those queued before this one run first).
  addEventListener('input', () => {
    const key = bench.keys[bench.keys.length - 1]
    if (!key || key.processing) return
    queueMicrotask(() => (key.processing = performance.now() - key.t0))
  })
  // Each key event's entry goes to the key typed last at or before its start.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!/^key/.test(entry.name)) continue
      const key = bench.keys.findLast((k) => k.t0 <= entry.startTime + 1)
      if (key) key.presented = Math.max(key.presented ?? 0, entry.duration)
    }
  }).observe({ type: 'event', durationThreshold: ${EVENT_TIMING_FLOOR}, buffered: true })
  bench.waitFrame = (n, timeout) =>
    new Promise((resolve) => {
      const check = () => {
        if (bench.keys.length >= n && bench.keys[n - 1].frame > 0) resolve(true)
        else return false
        return true
      }
      if (check()) return
      bench.waiters.push(check)
      setTimeout(() => resolve(false), timeout)
    })
  // Resolves once the main thread has been mostly idle for quietMs (or after maxMs): a 10 ms
  // timer chain whose lateness adds up to under a tenth of the window. Background work such
  // as CodeMirror's parse of a long document runs in slices too short for long-task entries,
  // but it delays timers; a busy machine delays them a little all the time.
  bench.waitQuiet = (quietMs, maxMs) =>
    new Promise((resolve) => {
      const start = performance.now()
      const late = []
      let expected = start + 10
      const tick = () => {
        const now = performance.now()
        late.push([now, Math.max(0, now - expected)])
        while (late.length > 0 && late[0][0] < now - quietMs) late.shift()
        const busy = late.reduce((sum, [, l]) => sum + l, 0)
        if (now - start >= quietMs && busy < quietMs / 10) return resolve(true)
        if (now - start > maxMs) return resolve(false)
        expected = now + 10
        setTimeout(tick, 10)
      }
      setTimeout(tick, 10)
    })
})()`

interface PageBench {
  keys: {
    t0: number
    work: number
    frame: number
    processing?: number
    frameFirst?: boolean
    presented?: number
    steps: number[]
  }[]
  waitFrame(n: number, timeout: number): Promise<boolean>
  waitQuiet(quietMs: number, maxMs: number): Promise<boolean>
}
type BenchWindow = Window & { __keyBench: PageBench }

/** Install the timers (idempotent) and wait until the page has been quiet for `quietMs`. */
async function settle(page: Page, quietMs = 2000): Promise<void> {
  await page.evaluate(INSTRUMENT)
  const quiet = await page.evaluate(
    ([q]) => (window as unknown as BenchWindow).__keyBench.waitQuiet(q!, 120_000),
    [quietMs],
  )
  if (!quiet) console.log(`    (the page never went quiet for ${quietMs} ms; typing anyway)`)
}

/** Type `keys` letters at a typist's pace into what has focus, and collect the page's timings. */
export async function typeAndMeasure(page: Page, options: TypingOptions): Promise<KeySamples> {
  const load0 = loadavg()[0]!
  await settle(page)
  const first = await page.evaluate(() => (window as unknown as BenchWindow).__keyBench.keys.length)
  // Lets a trace of the run (bench/keystroke-trace.ts) put the page's times on its own clock.
  const mark = `key-bench-${Date.now()}`
  const at = await page.evaluate((name) => performance.mark(name).startTime, mark)
  const letters = 'the quick brown fox jumps over the lazy dog '
  let stalled = 0
  for (let i = 0; i < options.keys; i++) {
    const started = Date.now()
    const letter = letters[i % letters.length]!
    await page.keyboard.press(letter === ' ' ? 'Space' : letter)
    const shown = await page.evaluate(
      ([n, t]) => (window as unknown as BenchWindow).__keyBench.waitFrame(n!, t!),
      [first + i + 1, options.keyTimeoutMs],
    )
    if (!shown) {
      stalled++
      console.log(`    key ${i + 1}: no frame within ${options.keyTimeoutMs} ms`)
    }
    const rest = options.gapMs - (Date.now() - started)
    if (rest > 0) await page.waitForTimeout(rest)
  }
  // Event Timing entries arrive after their frame is presented: give the last ones a moment.
  await page.waitForTimeout(500)
  const keys = await page.evaluate(
    (from) => (window as unknown as BenchWindow).__keyBench.keys.slice(from),
    first,
  )
  if (process.env.KEY_BENCH_DEBUG) console.log(JSON.stringify(keys.slice(0, 12)))
  const samples: KeySamples = {
    work: keys.map((k) => k.work).filter((x) => x > 0),
    frame: keys.map((k) => k.frame).filter((x) => x > 0),
    processing: keys.map((k) => k.processing ?? 0).filter((x) => x > 0),
    frameFirst: keys.filter((k) => k.frameFirst).length,
    // Keys that Event Timing left out were under its floor.
    presented: keys.map((k) => k.presented ?? EVENT_TIMING_FLOOR / 2),
    stalled,
    load: [load0, loadavg()[0]!],
    raw: keys.map(({ t0, work, frame }) => ({ t0, work, frame })),
    sync: { mark, at },
  }
  const p95 = (xs: number[]) => (xs.length > 0 ? percentiles(xs).p95.toFixed(1) : '-')
  console.log(
    `    p95 work ${p95(samples.work)} ms, processing ${p95(samples.processing)} ms, frame ` +
      `${p95(samples.frame)} ms, presented ` +
      `${p95(samples.presented)} ms; ${stalled} stalled; load ${samples.load.map((l) => l.toFixed(1)).join(' → ')}`,
  )
  return samples
}

/** The short article of the `codemirrorShort` comparator: about this many characters. */
export const SHORT_BYTES = 2000

/** A mode name ending so (`Edit at the end`) types with the caret at the document's end. */
export const AT_END = ' at the end'

/** How many times slower the page's CPU is made for the modes named with `SLOWER`. */
export const CPU_SLOWDOWN = 2

/**
 * A mode name ending so (`Split on a slower CPU`) types with the page's main thread slowed
 * `CPU_SLOWDOWN` times (Chromium's CPU throttling, as DevTools offers it): what a machine that
 * much slower than this one would see, so a figure's margin shows in every run.
 */
export const SLOWER = ' on a slower CPU'

/** The key of a mode's samples: `edit`, `split`, `editEnd`, `splitSlow`. */
export function modeKey(name: string): string {
  if (name.endsWith(AT_END)) return `${name.slice(0, -AT_END.length).toLowerCase()}End`
  if (name.endsWith(SLOWER)) return `${name.slice(0, -SLOWER.length).toLowerCase()}Slow`
  return name.toLowerCase()
}

/**
 * Open the long article (`title` in the list) in the app at `url` and type into it in each
 * of `modes` ('Edit', 'Split', 'Edit at the end', 'Split on a slower CPU'…; all but those
 * at the end type where a click at the editor's middle puts the caret, near the top of the
 * article); then into a bare CodeMirror (at the same place, and at the end too when a mode
 * types there) and a bare textarea
 * holding `text`, and into a bare CodeMirror holding a short article (`SHORT_BYTES`: what a
 * CodeMirror key costs on this machine whatever the length), and into the app's own short
 * article if `options.shortArticle` names one. Keyed by `modeKey(mode)`, `editShort`,
 * `codemirror`, `codemirrorEnd`, `codemirrorShort` and `textarea`.
 */
export async function benchTyping(
  page: Page,
  url: string,
  text: string,
  modes: string[],
  options: TypingOptions,
): Promise<Record<string, KeySamples>> {
  const out: Record<string, KeySamples> = {}
  let previewShownMs: number | undefined
  await page.goto(url)
  // Into Edit mode on a small article first: the big one then opens straight in the editor
  // (the reader view would render all of it before anything else).
  const list = page.getByRole('listbox', { name: 'Articles' })
  const toolbar = page.getByRole('toolbar', { name: 'Article' })
  await list.getByRole('option', { name: /A short note/ }).click()
  await toolbar.getByRole('button', { name: 'Edit', exact: true }).click()
  await list.getByRole('option', { name: /The long report/ }).click()
  await page.getByLabel('Editor').getByText('title: The long report').waitFor()
  for (const name of modes) {
    const entered = Date.now()
    const atEnd = name.endsWith(AT_END)
    const slow = name.endsWith(SLOWER)
    const mode = name.slice(0, name.length - (atEnd ? AT_END : slow ? SLOWER : '').length)
    // A click waits for the page to take it: entering Split renders the whole document.
    await toolbar.getByRole('button', { name: mode, exact: true }).click({ timeout: 300_000 })
    if (mode === 'Split') {
      // Poll the DOM directly: Playwright's text search over a megabyte of preview is slow.
      await page.waitForFunction(
        () =>
          (document.querySelector('[aria-label="Preview"] .reader')?.childElementCount ?? 0) > 1,
        null,
        { timeout: 300_000, polling: 250 },
      )
      previewShownMs = Date.now() - entered
      console.log(`    first Split render shown after ${previewShownMs} ms`)
    }
    await page.getByLabel('Editor').click()
    if (atEnd) await page.keyboard.press('Control+End')
    console.log(`  ${name} mode…`)
    // Slowed only while typing: entering the mode and settling run at full speed.
    if (slow) await cpuSlowdown(page, CPU_SLOWDOWN)
    out[modeKey(name)] = await typeAndMeasure(page, options)
    if (slow) await cpuSlowdown(page, 1)
    if (mode === 'Split') out[modeKey(name)]!.previewShownMs = previewShownMs
    // Let the preview catch up and the autosave land before the next mode.
    await settle(page)
  }
  if (options.shortArticle) {
    await list.getByRole('option', { name: options.shortArticle }).click()
    await toolbar.getByRole('button', { name: 'Edit', exact: true }).click()
    await page.getByLabel('Editor').getByText(options.shortArticle).waitFor()
    await page.getByLabel('Editor').click()
    console.log(`  Edit mode, ${options.shortArticle}…`)
    out.editShort = await typeAndMeasure(page, options)
    await settle(page)
  }
  if (options.bareCodeMirror !== false) {
    // A new page, as for the textarea; the caret where the app's was (the editor is clicked at
    // its middle, near the top of the article).
    await page.goto('about:blank')
    await page.setContent('<!doctype html><body style="margin:0"></body>')
    await page.addScriptTag({ content: await bareCodeMirrorScript() })
    await page.evaluate((t) => window.startBareEditor(t, 500), text)
    console.log('  bare CodeMirror…')
    out.codemirror = await typeAndMeasure(page, options)
    await page.goto('about:blank')
    await page.setContent('<!doctype html><body style="margin:0"></body>')
    await page.addScriptTag({ content: await bareCodeMirrorScript() })
    const short = text.slice(0, text.indexOf('\n', SHORT_BYTES) + 1)
    await page.evaluate((t) => window.startBareEditor(t, 500), short)
    console.log(`  bare CodeMirror, ${short.length} characters…`)
    out.codemirrorShort = await typeAndMeasure(page, options)
    if (modes.some((name) => name.endsWith(AT_END))) {
      await page.goto('about:blank')
      await page.setContent('<!doctype html><body style="margin:0"></body>')
      await page.addScriptTag({ content: await bareCodeMirrorScript() })
      await page.evaluate((t) => window.startBareEditor(t, t.length), text)
      console.log('  bare CodeMirror, caret at the end…')
      out.codemirrorEnd = await typeAndMeasure(page, options)
    }
  }
  if (options.bareTextarea === false) return out
  // A new page (setContent alone keeps the window, and the timers' state, of the app).
  await page.goto('about:blank')
  await page.setContent('<!doctype html><textarea style="width:90vw;height:90vh"></textarea>')
  await page.evaluate((t) => {
    const area = document.querySelector('textarea')!
    area.value = t
    area.focus()
    area.setSelectionRange(t.length >> 1, t.length >> 1)
  }, text)
  console.log('  bare textarea…')
  // Fewer keys: each one re-lays out the whole megabyte in a textarea.
  out.textarea = await typeAndMeasure(page, { ...options, keys: Math.min(options.keys, 30) })
  return out
}

/** The DevTools session that slowed each page (an override ends with the session that set it). */
const cdpSessions = new WeakMap<Page, CDPSession>()

/** Slow the page's main thread `rate` times (1: full speed again), over the DevTools protocol. */
async function cpuSlowdown(page: Page, rate: number): Promise<void> {
  let cdp = cdpSessions.get(page)
  if (!cdp) cdpSessions.set(page, (cdp = await page.context().newCDPSession(page)))
  await cdp.send('Emulation.setCPUThrottlingRate', { rate })
}

/** bench/bare-codemirror.ts bundled for a page's <script>. */
async function bareCodeMirrorScript(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('./bare-codemirror.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}
