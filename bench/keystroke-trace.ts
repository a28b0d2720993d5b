/**
 * Diagnostic, not a bench: types into the 1 MB article in Edit mode (as the editor bench does)
 * while Chromium records a performance trace, then lists the main-thread tasks longer than
 * 50 ms with what ran inside them (scripts by function, GC, layout, …). Run:
 * `node --import tsx bench/keystroke-trace.ts [--keys 150] [--bundle DIR] [--out trace.json]`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createArticle } from '../src/main/library/articles'
import { openLibrary } from '../src/main/library/open-library'
import { startServer } from '../src/main/server/http-server'
import { privateBundle } from '../tests/e2e/app-bundle'
import { launchChromium } from '../tests/e2e/browser'
import { benchTyping } from './keystroke-timing'
import { percentiles } from './comparators'
import { syntheticArticle } from './news-article'

const { values } = parseArgs({
  options: {
    keys: { type: 'string', default: '150' },
    bundle: { type: 'string' },
    out: { type: 'string' },
    modes: { type: 'string', default: 'Edit' },
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

async function main(): Promise<void> {
  const bundle = values.bundle ?? privateBundle()
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-trace-'))
  const lib = openLibrary(join(dir, 'library'))
  const browser = await launchChromium()
  const server = await startServer(lib, { staticDir: bundle })
  const text = syntheticArticle(1024 * 1024)
  createArticle(lib, text)
  createArticle(lib, '# A short note\n\nTo open the editor with.\n')
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
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
          'disabled-by-default-v8.cpu_profiler',
        ],
      },
      transferMode: 'ReportEvents',
    })
    // The profiler follows one renderer: be in the app's before starting it.
    await page.goto(server.url)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
    await cdp.send('Profiler.start')
    const result = await benchTyping(page, server.url, text, values.modes.split(','), {
      keys: Number(values.keys),
      gapMs: 100,
      keyTimeoutMs: 30_000,
    })
    const { profile } = await cdp.send('Profiler.stop')
    if (values.out)
      writeFileSync(values.out.replace(/\.json$/, '.cpuprofile'), JSON.stringify(profile))
    await cdp.send('Tracing.end')
    await done
    for (const [mode, s] of Object.entries(result)) {
      const p = percentiles(s.work)
      console.log(
        `${mode}: work p50 ${p.p50.toFixed(1)} p95 ${p.p95.toFixed(1)} p99 ${p.p99.toFixed(1)}`,
      )
    }
    if (values.out) writeFileSync(values.out, JSON.stringify(events))
    summarize(events)
  } finally {
    await browser.close()
    await server.close()
    lib.close()
    rmSync(dir, { recursive: true, force: true })
    if (!values.bundle) rmSync(bundle, { recursive: true, force: true })
  }
}

/** Long main-thread tasks of the app's renderer, and what filled them. */
function summarize(events: TraceEvent[]): void {
  const threadNames = new Map<string, string>()
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name')
      threadNames.set(`${e.pid}:${e.tid}`, String(e.args?.name))
  }
  const mains = [...threadNames].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k)
  const byThread = (k: string) =>
    events.filter((e) => `${e.pid}:${e.tid}` === k && e.ph === 'X').sort((a, b) => a.ts - b.ts)
  for (const key of mains) {
    const evs = byThread(key)
    const tasks = evs.filter(
      (e) =>
        (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') &&
        (e.dur ?? 0) > 50_000,
    )
    if (tasks.length === 0) continue
    console.log(`\nthread ${key}: ${tasks.length} tasks over 50 ms`)
    const t0 = evs[0]!.ts
    for (const task of tasks) {
      const end = task.ts + task.dur!
      const inside = evs.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end)
      const sums = new Map<string, number>()
      for (const e of inside) {
        let label = e.name
        const d = e.args?.data as Record<string, unknown> | undefined
        if (e.name === 'FunctionCall' && d)
          label = `FunctionCall ${String(d.functionName)}@${String(d.url).split('/').pop()}:${String(d.lineNumber)}`
        if (e.name === 'TimerFire' || e.name === 'EventDispatch')
          label = `${e.name} ${String(d?.type ?? d?.timerId ?? '')}`
        if (e.name === 'v8.callFunction' || e.name === 'V8.Execute') continue
        sums.set(label, (sums.get(label) ?? 0) + (e.dur ?? 0))
      }
      const top = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 10)
      console.log(
        `  at ${((task.ts - t0) / 1000).toFixed(0)} ms: ${(task.dur! / 1000).toFixed(1)} ms`,
      )
      for (const [label, us] of top)
        console.log(`      ${(us / 1000).toFixed(1).padStart(7)} ms  ${label}`)
    }
  }
}

await main()
