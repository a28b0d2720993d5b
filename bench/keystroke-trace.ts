/**
 * Diagnostic, not a bench: types into the 1 MB article (as the editor bench does) while
 * Chromium records a performance trace and a CPU profile, then says what the slowest keys
 * spent their time on: for the slowest tenth of each mode's keys (by the bench's `work`
 * figure, keydown timestamp → end of handling), the time before the keydown was dispatched
 * (the task the key waited behind) and the CPU samples and rendering steps inside, by package
 * (from the bundle's source maps). Main-thread tasks over 50 ms are listed too, and for each
 * mode its layouts while typing (by layout root: where the browser had to start laying out)
 * and its garbage collections. `--css` adds a style sheet to the app's page, to try a
 * containment or rendering variant without a rebuild (compare with and without, one run each
 * after the other: runs differ by a few ms on a shared machine). Run:
 * `node --import tsx bench/keystroke-trace.ts [--keys 150] [--modes Edit,Split] [--short] [--css '…'] [--out trace.json]`.
 * The app is built unminified with source maps for this (function names stay readable).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js'
import { build } from 'vite'
import { createArticle } from '../src/main/library/articles'
import { openLibrary } from '../src/main/library/open-library'
import { startServer } from '../src/main/server/http-server'
import { launchChromium } from '../tests/e2e/browser'
import { benchTyping, type KeySamples } from './keystroke-timing'
import { percentiles } from './comparators'
import { syntheticArticle } from './news-article'

const { values } = parseArgs({
  options: {
    keys: { type: 'string', default: '150' },
    bundle: { type: 'string' },
    out: { type: 'string' },
    modes: { type: 'string', default: 'Edit,Split' },
    slowest: { type: 'string', default: '0.1' },
    css: { type: 'string' },
    short: { type: 'boolean', default: false },
  },
})

interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: Record<string, unknown> & { data?: Record<string, unknown> }
}

interface CpuProfile {
  nodes: {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
    parent?: number
    children?: number[]
  }[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

const ROOT = join(import.meta.dirname, '..')

/** The renderer built without minifying, with source maps, into a new temp folder. */
async function unminifiedBundle(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'broadsheet-trace-bundle-'))
  await build({
    root: join(ROOT, 'src/renderer'),
    base: './',
    plugins: [svelte()],
    logLevel: 'error',
    build: { outDir: out, emptyOutDir: true, minify: false, sourcemap: true },
  })
  return out
}

async function main(): Promise<void> {
  const bundle = values.bundle ?? (await unminifiedBundle())
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-trace-'))
  const lib = openLibrary(join(dir, 'library'))
  const browser = await launchChromium()
  const server = await startServer(lib, { staticDir: bundle })
  const text = syntheticArticle(1024 * 1024)
  createArticle(lib, text)
  createArticle(lib, '# A short note\n\nTo open the editor with.\n')
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    if (values.css) {
      await page.addInitScript((css) => {
        document.addEventListener('DOMContentLoaded', () => {
          const style = document.createElement('style')
          style.textContent = css
          document.head.append(style)
        })
      }, values.css)
    }
    const cdp = await page.context().newCDPSession(page)
    const events: TraceEvent[] = []
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])))
    const done = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    )
    await cdp.send('Tracing.start', {
      traceConfig: {
        includedCategories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'v8',
          'v8.execute',
          'blink.user_timing',
          'toplevel',
          'disabled-by-default-v8.gc',
        ],
      },
      transferMode: 'ReportEvents',
    })
    // The profiler follows one renderer: be in the app's before starting it.
    await page.goto(server.url)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 })
    await cdp.send('Profiler.start')
    const result = await benchTyping(page, server.url, text, values.modes.split(','), {
      keys: Number(values.keys),
      gapMs: 100,
      keyTimeoutMs: 30_000,
      // A new page would start a new renderer, which the profile would follow.
      bareTextarea: false,
      bareCodeMirror: false,
      // `--short`: also type into the library's short article (`editShort`), to set a key's
      // cost in the 1 MB article beside what it costs the app whatever the length.
      shortArticle: values.short ? 'A short note' : undefined,
    })
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }
    await cdp.send('Tracing.end')
    await done
    if (values.out) {
      writeFileSync(values.out, JSON.stringify(events))
      writeFileSync(values.out.replace(/\.json$/, '.cpuprofile'), JSON.stringify(profile))
    }
    for (const [mode, s] of Object.entries(result)) {
      const p = percentiles(s.work)
      console.log(
        `${mode}: work p50 ${p.p50.toFixed(1)} p95 ${p.p95.toFixed(1)} p99 ${p.p99.toFixed(1)}`,
      )
    }
    const packages = await packageOf(bundle)
    longTasks(events, profile, packages)
    for (const [mode, s] of Object.entries(result)) {
      if (mode === 'textarea') continue
      slowKeys(mode, s, events, profile, packages)
      whileTyping(mode, s, events)
    }
  } finally {
    await browser.close()
    await server.close()
    lib.close()
    rmSync(dir, { recursive: true, force: true })
    if (!values.bundle) rmSync(bundle, { recursive: true, force: true })
  }
}

/** The app renderer's main thread (the one that ran the bench's marks). */
function mainThread(events: TraceEvent[]): string {
  const marked = events.find(
    (e) => e.cat.includes('blink.user_timing') && /^key-bench-/.test(e.name),
  )
  if (marked) return `${marked.pid}:${marked.tid}`
  const named = events.find((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain')
  return named ? `${named.pid}:${named.tid}` : ''
}

/**
 * Main-thread tasks over 50 ms while typing (from the first mark on), and what filled them:
 * the trace's events inside, and the script that ran, by the outermost script frame.
 */
function longTasks(
  events: TraceEvent[],
  profile: CpuProfile,
  packages: (url: string, line: number, col: number) => string,
): void {
  const { times, nodes, parent } = sampleClock(profile)
  const key = mainThread(events)
  const start = Math.min(...events.filter((e) => /^key-bench-/.test(e.name)).map((e) => e.ts))
  const evs = events
    .filter((e) => `${e.pid}:${e.tid}` === key && e.ph === 'X' && e.ts >= start)
    .sort((a, b) => a.ts - b.ts)
  const tasks = evs.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 50_000)
  console.log(`\n${tasks.length} main-thread tasks over 50 ms while typing`)
  for (const task of tasks) {
    const end = task.ts + task.dur!
    const sums = new Map<string, number>()
    for (const e of evs) {
      if (e === task || e.ts < task.ts || e.ts + (e.dur ?? 0) > end) continue
      if (/^(v8\.callFunction|V8\.Execute|ThreadControllerImpl::RunTask)$/.test(e.name)) continue
      sums.set(label(e), (sums.get(label(e)) ?? 0) + (e.dur ?? 0))
    }
    console.log(
      `  at ${((task.ts - start) / 1000).toFixed(0)} ms: ${(task.dur! / 1000).toFixed(1)} ms`,
    )
    for (const [name, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 6))
      console.log(`      ${(us / 1000).toFixed(1).padStart(7)} ms  ${name}`)
    const scripts = new Map<string, number>()
    for (let i = 0; i < times.length; i++) {
      if (times[i]! < task.ts || times[i]! > end) continue
      let outer = ''
      for (let at: number | undefined = profile.samples[i]; at !== undefined; at = parent.get(at)) {
        const f = nodes.get(at)!.callFrame
        if (f.url)
          outer = `${packages(f.url, f.lineNumber, f.columnNumber)} ${f.functionName || '(anonymous)'}`
        else if (!outer && /^\((garbage collector|program|idle)\)$/.test(f.functionName))
          outer = f.functionName
      }
      const us = (times[i + 1] ?? times[i]!) - times[i]!
      scripts.set(outer || '(native)', (scripts.get(outer || '(native)') ?? 0) + us)
    }
    for (const [name, us] of [...scripts].sort((a, b) => b[1] - a[1]).slice(0, 5))
      console.log(`      ${(us / 1000).toFixed(1).padStart(7)} ms  sampled in ${name}`)
  }
}

/** The profile's sample times on the trace clock, and its call tree's nodes and parents. */
function sampleClock(profile: CpuProfile): {
  times: number[]
  nodes: Map<number, CpuProfile['nodes'][number]>
  parent: Map<number, number>
} {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  // The profiler's ticks are on the trace's monotonic clock.
  const times: number[] = []
  let t = profile.startTime
  for (const d of profile.timeDeltas) times.push((t += d))
  return { times, nodes, parent }
}

function label(e: TraceEvent): string {
  const d = e.args?.data
  if (e.name === 'FunctionCall' && d)
    return `FunctionCall ${String(d.functionName)}@${String(d.url).split('/').pop()}:${String(d.lineNumber)}`
  if (e.name === 'TimerFire' || e.name === 'EventDispatch')
    return `${e.name} ${String(d?.type ?? d?.timerId ?? '')}`
  return e.name
}

/** Maps a script position of the bundle to the package (or app folder) it came from. */
async function packageOf(
  bundle: string,
): Promise<(url: string, line: number, col: number) => string> {
  const maps = new Map<string, SourceMapConsumer>()
  const assets = join(bundle, 'assets')
  for (const file of readdirSync(assets)) {
    if (!file.endsWith('.js.map')) continue
    const raw = JSON.parse(readFileSync(join(assets, file), 'utf8')) as RawSourceMap
    maps.set(file.slice(0, -4), new SourceMapConsumer(raw))
  }
  return (url, line, col) => {
    const file = url.split('/').pop()?.split('?')[0] ?? ''
    const map = maps.get(file)
    if (!map) return url ? `script ${file}` : ''
    const source = map.originalPositionFor({ line: line + 1, column: col }).source ?? ''
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)
    if (pkg) return pkg[1]!
    const app = /src\/renderer\/src\/([^/]+\/)?([^/]+)$/.exec(source)
    return app ? `app ${app[1] ?? ''}${app[2]}` : source || `script ${file}`
  }
}

/** Trace time (µs) of a page time (ms), from the mark the bench made before typing. */
function pageClock(events: TraceEvent[], s: KeySamples): (ms: number) => number {
  const mark = events.find((e) => e.name === s.sync.mark)
  if (!mark) throw new Error(`the trace has no mark ${s.sync.mark}`)
  return (ms) => mark.ts + (ms - s.sync.at) * 1000
}

/**
 * The layouts of one mode's typing, by layout root (a root of `#document` means a key's change
 * was laid out from the top of the page, as nothing between made a relayout boundary), and
 * its garbage collections (main thread: pauses and incremental marking steps).
 */
function whileTyping(mode: string, s: KeySamples, events: TraceEvent[]): void {
  const toTrace = pageClock(events, s)
  const from = toTrace(s.raw[0]?.t0 ?? s.sync.at)
  const last = s.raw.at(-1)
  const to = last ? toTrace(last.t0 + last.frame) : from
  const thread = mainThread(events)
  const during = events.filter(
    (e) => `${e.pid}:${e.tid}` === thread && e.ph === 'X' && e.ts >= from && e.ts <= to,
  )
  const roots = new Map<string, number[]>()
  for (const e of during) {
    if (e.name !== 'Layout') continue
    const end = e.args?.endData as { layoutRoots?: { nodeName: string }[] } | undefined
    const begin = e.args?.beginData as { totalObjects?: number } | undefined
    const root = `${end?.layoutRoots?.map((r) => r.nodeName).join(' + ') ?? '?'} (of ${begin?.totalObjects ?? '?'} objects)`
    roots.set(root, [...(roots.get(root) ?? []), (e.dur ?? 0) / 1000])
  }
  console.log(`\n${mode}: layouts while typing, by layout root`)
  for (const [root, ms] of [...roots].sort((a, b) => b[1].length - a[1].length)) {
    const p = percentiles(ms)
    console.log(
      `  ${String(ms.length).padStart(5)} × p50 ${p.p50.toFixed(2)} p95 ${p.p95.toFixed(2)} ms  ${root.slice(0, 110)}`,
    )
  }
  const gc = new Map<string, number[]>()
  for (const e of during) {
    if (!/^(MinorGC|MajorGC|V8\.GC_MC_INCREMENTAL)$/.test(e.name)) continue
    gc.set(e.name, [...(gc.get(e.name) ?? []), (e.dur ?? 0) / 1000])
  }
  console.log(`${mode}: garbage collection while typing (main thread)`)
  if (gc.size === 0) console.log('  none')
  for (const [name, ms] of gc) {
    const total = ms.reduce((a, b) => a + b, 0)
    console.log(
      `  ${name}: ${ms.length} × (longest ${Math.max(...ms).toFixed(1)} ms), ${total.toFixed(1)} ms in all`,
    )
  }
}

/** What the slowest keys of one mode spent their time on. */
function slowKeys(
  mode: string,
  s: KeySamples,
  events: TraceEvent[],
  profile: CpuProfile,
  packages: (url: string, line: number, col: number) => string,
): void {
  const toTrace = pageClock(events, s)
  const thread = mainThread(events)
  const evs = events
    .filter((e) => `${e.pid}:${e.tid}` === thread && e.ph === 'X')
    .sort((a, b) => a.ts - b.ts)
  const { times, nodes, parent } = sampleClock(profile)
  const stackLabel = new Map<number, { pkg: string; fn: string }>()
  const describe = (id: number): { pkg: string; fn: string } => {
    const cached = stackLabel.get(id)
    if (cached) return cached
    // The leaf's package; a leaf in no script (a builtin, GC) is named by its caller's.
    let pkg = ''
    let fn = ''
    for (let at: number | undefined = id; at !== undefined && !pkg; at = parent.get(at)) {
      const f = nodes.get(at)!.callFrame
      fn ||= f.functionName || '(anonymous)'
      if (f.url) pkg = packages(f.url, f.lineNumber, f.columnNumber)
      else if (/^\((garbage collector|program|idle|root)\)$/.test(f.functionName))
        pkg = f.functionName
    }
    const out = { pkg: pkg || '(native)', fn }
    stackLabel.set(id, out)
    return out
  }
  // The outermost script frame of a sample: which callback the work ran in.
  const entry = (id: number): string => {
    let outer = ''
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = nodes.get(at)!.callFrame
      if (f.url)
        outer = `${packages(f.url, f.lineNumber, f.columnNumber)} ${f.functionName || '(anonymous)'}`
    }
    return outer || describe(id).pkg
  }
  const keys = s.raw.filter((k) => k.work > 0).sort((a, b) => b.work - a.work)
  const slow = keys.slice(0, Math.max(1, Math.round(keys.length * Number(values.slowest))))
  const total = new Map<string, number>()
  const byFunction = new Map<string, number>()
  const byEntry = new Map<string, number>()
  /** Top-down: time under each call path of script frames (`a > b > c`), to a depth of 24. */
  const byPath = new Map<string, number>()
  const pathOf = (id: number): string[] => {
    const frames: string[] = []
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = nodes.get(at)!.callFrame
      if (f.url)
        frames.push(
          `${f.functionName || '(anonymous)'} [${packages(f.url, f.lineNumber, f.columnNumber)}]`,
        )
    }
    return frames.reverse()
  }
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us)
  console.log(
    `\n${mode}: the slowest ${slow.length} of ${keys.length} keys (work ≥ ${slow.at(-1)!.work.toFixed(1)} ms)`,
  )
  for (const key of slow) {
    const a = toTrace(key.t0)
    const b = toTrace(key.t0 + key.work)
    const parts = new Map<string, number>()
    // Waiting: from the key's timestamp to its keydown's dispatch, behind whatever ran.
    const dispatch = evs.find(
      (e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown' && e.ts >= a - 2000,
    )
    const waited = dispatch ? Math.max(0, dispatch.ts - a) : 0
    const behind = new Map<string, number>()
    for (let i = 0; i < times.length; i++) {
      if (times[i]! < a || times[i]! > b) continue
      const d = describe(profile.samples[i]!)
      const us = (times[i + 1] ?? times[i]!) - times[i]!
      if (dispatch && times[i]! < dispatch.ts) add(behind, `${d.pkg} ${d.fn}`, us)
      if (d.pkg === '(idle)' || d.pkg === '(program)') continue
      add(parts, `js ${d.pkg}`, us)
      add(byFunction, `${d.pkg} ${d.fn}`, us)
      add(byEntry, entry(profile.samples[i]!), us)
      const path = pathOf(profile.samples[i]!)
      for (let depth = 1; depth <= Math.min(24, path.length); depth++)
        add(byPath, path.slice(0, depth).join(' > '), us)
    }
    for (const e of evs) {
      if (
        !/^(UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|Commit|HitTest|ParseHTML|UpdateLayer)$/.test(
          e.name,
        )
      )
        continue
      const from = Math.max(a, e.ts)
      const to = Math.min(b, e.ts + (e.dur ?? 0))
      if (to > from) add(parts, `render ${e.name}`, to - from)
    }
    for (const [k, us] of parts) add(total, k, us)
    add(total, 'waited before keydown', waited)
    const top = [...parts].sort((x, y) => y[1] - x[1]).slice(0, 5)
    const why = [...behind].sort((x, y) => y[1] - x[1]).slice(0, 2)
    console.log(
      `  ${key.work.toFixed(1).padStart(6)} ms: waited ${(waited / 1000).toFixed(1)}` +
        (why.length ? ` (behind ${why.map(([k]) => k).join(', ')})` : '') +
        `; ${top.map(([k, us]) => `${k} ${(us / 1000).toFixed(1)}`).join(', ')}`,
    )
  }
  console.log(`  sum over these keys, ms:`)
  for (const [k, us] of [...total].sort((x, y) => y[1] - x[1]).slice(0, 14))
    console.log(`    ${(us / 1000).toFixed(1).padStart(8)}  ${k}`)
  console.log(`  script time by function (leaf), ms:`)
  for (const [k, us] of [...byFunction].sort((x, y) => y[1] - x[1]).slice(0, 15))
    console.log(`    ${(us / 1000).toFixed(1).padStart(8)}  ${k}`)
  console.log(`  script time by the callback it ran in, ms:`)
  for (const [k, us] of [...byEntry].sort((x, y) => y[1] - x[1]).slice(0, 10))
    console.log(`    ${(us / 1000).toFixed(1).padStart(8)}  ${k}`)
  const scriptTotal = [...byEntry.values()].reduce((a, b) => a + b, 0)
  console.log(`  call paths over 3% of script time, ms:`)
  for (const [k, us] of [...byPath].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (us < scriptTotal * 0.03) continue
    const depth = k.split(' > ').length
    console.log(
      `    ${(us / 1000).toFixed(1).padStart(8)}  ${'  '.repeat(depth - 1)}${k.split(' > ').at(-1)}`,
    )
  }
}

await main()
