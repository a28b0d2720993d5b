/**
 * `npm run bench -- editor`: the article pane's figures, measured in Debian's Chromium.
 *
 * - Preview: re-render + sanitize + patch of a 50 KB article after each of 1,000 edits (target
 *   p95 ≤ 16 ms), beside raw markdown-it rendering the same texts in the same page.
 * - Keystrokes: typing into a 1 MB article in the built app (browser mode, real library), in
 *   Edit and in Split mode near its top and in Edit mode at its end (target p95 ≤ 16 ms),
 *   beside a bare CodeMirror 6 and a bare <textarea> holding the same text; and in Edit and
 *   Split mode again with the page's CPU slowed `CPU_SLOWDOWN` times, to show the margin.
 *
 * Options: --iterations N (preview edits, default 1000), --keys N (keystrokes per mode, 150),
 * --kb N (preview article size, 50), --mb N (typing document size, 1), --modes (default
 * edit,edit-slow,split,split-slow,edit-end; `-slow`: the page's CPU slowed `CPU_SLOWDOWN` times),
 * --gap N (least ms between two keystrokes, 100). The typing is bench/keystroke-timing.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'
import type { Page } from 'playwright-core'
import { createArticle } from '../src/main/library/articles'
import { openLibrary } from '../src/main/library/open-library'
import { startServer } from '../src/main/server/http-server'
import { privateBundle } from '../tests/e2e/app-bundle'
import { launchChromium } from '../tests/e2e/browser'
import { type Figure, percentiles, saveResults } from './comparators'
import {
  AT_END,
  benchTyping,
  CPU_SLOWDOWN,
  type KeySamples,
  SHORT_BYTES,
  SLOWER,
} from './keystroke-timing'
import { syntheticArticle } from './news-article'
import { updateReadmeSection } from './readme-section'

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '1000' },
    keys: { type: 'string', default: '150' },
    kb: { type: 'string', default: '50' },
    mb: { type: 'string', default: '1' },
    modes: { type: 'string', default: 'edit,edit-slow,split,split-slow,edit-end' },
    gap: { type: 'string', default: '100' },
  },
})
const ITERATIONS = Number(values.iterations)
/** The first edits of a run, whose p95 is reported apart (see main). */
const COLD = Math.min(200, ITERATIONS)
const KEYS = Number(values.keys)
const PREVIEW_BYTES = Number(values.kb) * 1024
const TYPING_BYTES = Number(values.mb) * 1024 * 1024
/** The `--modes` words and the modes they type in (`edit-end`: Edit, caret at the end). */
const MODE_NAMES: Record<string, string> = {
  edit: 'Edit',
  split: 'Split',
  'edit-end': `Edit${AT_END}`,
  'edit-slow': `Edit${SLOWER}`,
  'split-slow': `Split${SLOWER}`,
}
/** Which of the pane's modes to type in. */
const MODES = values.modes
  .split(',')
  .map((m) => m.trim())
  .filter((m) => m in MODE_NAMES)
  .map((m) => MODE_NAMES[m]!)

/** What the page entry (src/renderer/src/preview/preview-bench-entry.ts) returns, in ms. */
interface PreviewSamples {
  render: number[]
  sanitize: number[]
  patch: number[]
  total: number[]
  totalWithLayout: number[]
  rawMarkdownIt: number[]
}

/** p50 / p95 / p99 rounded for the JSON file. */
function stats(samples: number[]) {
  const p = percentiles(samples)
  return { p50: p.p50, p95: p.p95, p99: p.p99, samples: samples.length }
}

function figure(value: number, compared?: { with: string; value: number }): Figure {
  return compared ? { value, unit: 'ms', compared } : { value, unit: 'ms' }
}

async function benchPreview(page: Page): Promise<{ samples: PreviewSamples; fullMb: number }> {
  const bundle = await build({
    entryPoints: [
      join(import.meta.dirname, '..', 'src/renderer/src/preview/preview-bench-entry.ts'),
    ],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    minify: true,
    logLevel: 'error',
    // highlight.js and others check process.env.NODE_ENV; the app's bundle is a production build.
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const css = readFileSync(
    join(import.meta.dirname, '..', 'src/shared/markdown/reader.css'),
    'utf8',
  )
  await page.setContent(
    `<!doctype html><html><head><style>${css}</style></head><body></body></html>`,
  )
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text })
  const article = syntheticArticle(PREVIEW_BYTES)
  const samples = await page.evaluate(
    ([text, n]) =>
      (
        window as unknown as {
          editorBench: { run(t: string, n: number, w: number): PreviewSamples }
        }
      ).editorBench.run(text, n, 20),
    [article, ITERATIONS] as const,
  )
  const big = syntheticArticle(TYPING_BYTES)
  const fullMb = await page.evaluate(
    (text) =>
      (
        window as unknown as { editorBench: { fullRender(t: string): number } }
      ).editorBench.fullRender(text),
    big,
  )
  return { samples, fullMb }
}

async function main(): Promise<void> {
  console.log(`building the app and launching Chromium…`)
  // A build of its own: nobody's rebuild of out/ can pull the page's scripts away mid-run.
  const bundle = privateBundle()
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-editor-bench-'))
  const lib = openLibrary(join(dir, 'library'))
  const browser = await launchChromium()
  const server = await startServer(lib, { staticDir: bundle })
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    console.log(`preview: ${ITERATIONS} edits of a ${values.kb} KB article…`)
    const { samples, fullMb } = await benchPreview(page)

    createArticle(lib, syntheticArticle(TYPING_BYTES))
    createArticle(lib, '# A short note\n\nTo open the editor with.\n')
    console.log(`typing: ${KEYS} keystrokes per mode into a ${values.mb} MB article…`)
    // `--modes none` measures the preview only.
    const typing: Record<string, KeySamples> =
      MODES.length > 0
        ? await benchTyping(page, server.url, syntheticArticle(TYPING_BYTES), MODES, {
            keys: KEYS,
            gapMs: Number(values.gap),
            keyTimeoutMs: 30_000,
            shortArticle: 'A short note',
          })
        : {}

    const p95 = (s: number[]) => percentiles(s).p95
    /** p95 of a mode that may not have been typed in (`--modes`): NaN then. */
    const p95m = (s?: number[]) => (s && s.length > 0 ? p95(s) : NaN)
    const p50m = (s?: number[]) => (s && s.length > 0 ? percentiles(s).p50 : NaN)
    const raw95 = p95(samples.rawMarkdownIt)
    // The first edits run code the JIT has not optimized yet: reported apart as well.
    const coldTotal = samples.total.slice(0, COLD)
    const coldRaw = samples.rawMarkdownIt.slice(0, COLD)
    const area = p95m(typing.textarea?.work)
    const figures = {
      [`preview ${values.kb} KB`]: {
        'render+sanitize+patch p95': figure(p95(samples.total), {
          with: 'raw markdown-it render',
          value: raw95,
        }),
        'render+sanitize+patch p50': figure(percentiles(samples.total).p50, {
          with: 'raw markdown-it render, p50',
          value: percentiles(samples.rawMarkdownIt).p50,
        }),
        [`first ${COLD} edits, render+sanitize+patch p95`]: figure(p95(coldTotal), {
          with: `raw markdown-it render, first ${COLD} edits`,
          value: p95(coldRaw),
        }),
        'same + layout p95': figure(p95(samples.totalWithLayout)),
        'render p95': figure(p95(samples.render)),
        'sanitize p95': figure(p95(samples.sanitize)),
        'patch p95': figure(p95(samples.patch)),
      },
      [`full render ${values.mb} MB (deferred while typing)`]: figure(fullMb),
      [`keystroke ${values.mb} MB`]: {
        'edit mode p95': figure(p95m(typing.edit?.work), { with: 'bare textarea', value: area }),
        'edit mode p50': figure(p50m(typing.edit?.work), {
          with: 'bare CodeMirror 6 (Markdown, no app), p50',
          value: p50m(typing.codemirror?.work),
        }),
        'edit mode p95 beside bare CodeMirror': figure(p95m(typing.edit?.work), {
          with: 'bare CodeMirror 6 (Markdown, no app)',
          value: p95m(typing.codemirror?.work),
        }),
        'edit mode p95 beside bare CodeMirror with a short article': figure(
          p95m(typing.edit?.work),
          {
            with: `bare CodeMirror 6 holding ${SHORT_BYTES} characters`,
            value: p95m(typing.codemirrorShort?.work),
          },
        ),
        'edit mode p95 beside the app with a short article': figure(p95m(typing.edit?.work), {
          with: 'Broadsheet, Edit mode, typing into a short article',
          value: p95m(typing.editShort?.work),
        }),
        'split mode p95': figure(p95m(typing.split?.work), { with: 'bare textarea', value: area }),
        'split mode p50': figure(p50m(typing.split?.work)),
        'split mode, from the click to the first preview blocks': figure(
          typing.split?.previewShownMs ?? NaN,
        ),
        'edit mode, caret at the end, p50': figure(p50m(typing.editEnd?.work), {
          with: 'bare CodeMirror 6, caret at the end, p50',
          value: p50m(typing.codemirrorEnd?.work),
        }),
        'edit mode, caret at the end, p95': figure(p95m(typing.editEnd?.work), {
          with: 'bare CodeMirror 6, caret at the end',
          value: p95m(typing.codemirrorEnd?.work),
        }),
        [`edit mode, CPU ${CPU_SLOWDOWN}× slower, p95`]: figure(p95m(typing.editSlow?.work), {
          with: 'edit mode at full speed',
          value: p95m(typing.edit?.work),
        }),
        [`split mode, CPU ${CPU_SLOWDOWN}× slower, p95`]: figure(p95m(typing.splitSlow?.work), {
          with: 'split mode at full speed',
          value: p95m(typing.split?.work),
        }),
        'edit mode, key handled (processing) p95': figure(p95m(typing.edit?.processing), {
          with: 'bare CodeMirror 6 (Markdown, no app)',
          value: p95m(typing.codemirror?.processing),
        }),
        'split mode, key handled (processing) p95': figure(p95m(typing.split?.processing), {
          with: 'bare CodeMirror 6 (Markdown, no app)',
          value: p95m(typing.codemirror?.processing),
        }),
        'edit mode, caret at the end, key handled (processing) p95': figure(
          p95m(typing.editEnd?.processing),
          {
            with: 'bare CodeMirror 6, caret at the end',
            value: p95m(typing.codemirrorEnd?.processing),
          },
        ),
        'edit mode, to next frame p95': figure(p95m(typing.edit?.frame), {
          with: 'bare textarea',
          value: p95m(typing.textarea?.frame),
        }),
        'split mode, to next frame p95': figure(p95m(typing.split?.frame), {
          with: 'bare textarea',
          value: p95m(typing.textarea?.frame),
        }),
        'edit mode, presented (Event Timing) p95': figure(p95m(typing.edit?.presented), {
          with: 'bare textarea',
          value: p95m(typing.textarea?.presented),
        }),
        'split mode, presented (Event Timing) p95': figure(p95m(typing.split?.presented), {
          with: 'bare textarea',
          value: p95m(typing.textarea?.presented),
        }),
      },
    }
    saveResults('editor', {
      ...figures,
      distributions: {
        preview: Object.fromEntries(
          Object.entries(samples).map(([k, v]) => [k, stats(v as number[])]),
        ),
        typing: Object.fromEntries(
          Object.entries(typing).map(([k, v]) => [
            k,
            {
              work: stats(v.work),
              processing: stats(v.processing),
              frame: stats(v.frame),
              keysWhoseFrameCameFirst: v.frameFirst,
              keys: v.work.length,
              presented: stats(v.presented),
              stalled: v.stalled,
              loadBeforeAfter: v.load,
            },
          ]),
        ),
      },
    })

    const ms = (x: number) => (Number.isNaN(x) ? 'not measured' : `${x.toFixed(2)} ms`)
    const firstOf = (k?: KeySamples) => (k ? `${k.frameFirst} of ${k.work.length}` : 'not measured')
    const day = new Date().toISOString().slice(0, 10)
    await updateReadmeSection(
      'editor',
      [
        `| figure (Chromium, ${day})                                   | Broadsheet | compared in the same run |`,
        '| --- | --- | --- |',
        `| preview of a ${values.kb} KB article: render + sanitize + patch, p95 over ${ITERATIONS} edits (target ≤ 16 ms) | ${ms(p95(samples.total))} (${ms(p95(samples.totalWithLayout))} with layout) | raw markdown-it render alone: ${ms(raw95)} |`,
        `| the same, p50 | ${ms(percentiles(samples.total).p50)} | raw markdown-it: ${ms(percentiles(samples.rawMarkdownIt).p50)} |`,
        `| the same, p95 of the first ${COLD} edits only | ${ms(p95(coldTotal))} | raw markdown-it: ${ms(p95(coldRaw))} |`,
        `| keystroke in a ${values.mb} MB article, Edit mode, p95 (target ≤ 16 ms) | ${ms(p95m(typing.edit?.work))} | bare textarea: ${ms(area)} |`,
        `| keystroke in a ${values.mb} MB article, Split mode, p95 (p50) | ${ms(p95m(typing.split?.work))} (${ms(p50m(typing.split?.work))}) | bare textarea: ${ms(area)} |`,
        `| keystroke at the end of the ${values.mb} MB article, Edit mode, p50 / p95 | ${ms(p50m(typing.editEnd?.work))} / ${ms(p95m(typing.editEnd?.work))} | bare CodeMirror 6 at the end: ${ms(p50m(typing.codemirrorEnd?.work))} / ${ms(p95m(typing.codemirrorEnd?.work))} |`,
        `| keystroke in a ${values.mb} MB article, Edit mode, p50 / p95 | ${ms(p50m(typing.edit?.work))} / ${ms(p95m(typing.edit?.work))} | bare CodeMirror 6 (Markdown, no app): ${ms(p50m(typing.codemirror?.work))} / ${ms(p95m(typing.codemirror?.work))}; the same holding ${SHORT_BYTES} characters: ${ms(p50m(typing.codemirrorShort?.work))} / ${ms(p95m(typing.codemirrorShort?.work))}; Broadsheet typing into a short article: ${ms(p50m(typing.editShort?.work))} / ${ms(p95m(typing.editShort?.work))} |`,
        `| the same with the page's CPU slowed ${CPU_SLOWDOWN}× (Chromium's CPU throttling), Edit / Split, p50 / p95 | ${ms(p50m(typing.editSlow?.work))} / ${ms(p95m(typing.editSlow?.work))}; ${ms(p50m(typing.splitSlow?.work))} / ${ms(p95m(typing.splitSlow?.work))} | at full speed: ${ms(p50m(typing.edit?.work))} / ${ms(p95m(typing.edit?.work))}; ${ms(p50m(typing.split?.work))} / ${ms(p95m(typing.split?.work))} |`,
        `| the same keys, until handled (processing), Edit / Split / at the end, p95 | ${ms(p95m(typing.edit?.processing))} / ${ms(p95m(typing.split?.processing))} / ${ms(p95m(typing.editEnd?.processing))} | bare CodeMirror 6: ${ms(p95m(typing.codemirror?.processing))} (at the end ${ms(p95m(typing.codemirrorEnd?.processing))}); Broadsheet, short article: ${ms(p95m(typing.editShort?.processing))} |`,
        `| keys whose next frame came before a task posted while handling them, Edit / Split | ${firstOf(typing.edit)} / ${firstOf(typing.split)} | bare CodeMirror 6: ${firstOf(typing.codemirror)} |`,
        `| entering Split mode on the ${values.mb} MB article: from the click to the preview's first blocks | ${ms(typing.split?.previewShownMs ?? NaN)} | |`,
        `| keystroke to next frame, Edit / Split, p95 | ${ms(p95m(typing.edit?.frame))} / ${ms(p95m(typing.split?.frame))} | bare textarea: ${ms(p95m(typing.textarea?.frame))} |`,
        `| keystroke to the frame that showed it (Event Timing), Edit / Split, p95 | ${ms(p95m(typing.edit?.presented))} / ${ms(p95m(typing.split?.presented))} | bare textarea: ${ms(p95m(typing.textarea?.presented))} |`,
        `| whole preview of the ${values.mb} MB article (render + sanitize, once) | ${ms(fullMb)} | |`,
        '',
        `The preview's edits are ${ITERATIONS} letters typed at spread-out places, after 20 not`,
        'counted; the first edits are slower (code the JIT has not optimized yet: an update does',
        'little work, so its code warms up over hundreds of them), hence their own row. Raw',
        'markdown-it renders the same texts in a loop of its own, after the preview.',
        'A keystroke is timed from its `keydown` to the end of the tasks that handle it (or the start',
        'of the next frame, if sooner), to the end of that frame on the main thread, and by Event',
        "Timing to the frame that showed it (Chromium's own figure; keys under 16 ms count as 8).",
        'In the app as in a bare CodeMirror the next frame comes first (the row above counts the',
        "keys), so the keystroke figure runs to the start of that frame's animation callbacks.",
        'Whether that takes in a wait for the display depends on the page. The app draws nothing',
        'between two keys, and Chromium starts the frame for an input at once when no frame is',
        "running (it reuses the display's last tick), so the app's figure is the key's own work.",
        "A bare CodeMirror's blinking cursor (a CSS animation) keeps frames running, so each of its",
        "keys waits for the display's next tick, up to a frame's length: its p95 is about a frame",
        'however little the key costs (docs/architecture.md). The CPU-slowed rows show the margin',
        'a slower machine would have: the page runs with its main thread throttled. The',
        '"until handled" row leaves that wait and the frame\'s own work out: from the `keydown` (the',
        'task it waited behind included) until its `input` event has been through every listener',
        'and the microtasks they queued (CodeMirror reading the change, Svelte effects).',
        'The app typing into a short article shows what a key costs it whatever the length of the',
        'document; a bare CodeMirror set up as its own examples do (no app) is the other comparator.',
        'Keys are typed near the top of the article (a click in the middle of the editor), and in',
        'the row "at the end" at its end, where a key used to cost more: the Markdown parser reused',
        'every block before the caret one by one (@lezer/markdown is patched; docs/architecture.md).',
        'There is no Event Timing row for the end: headless Chromium draws no frame for a key typed',
        'on the last line until typing stops (its compositor finds no damage), so it reports',
        'seconds; the same keys in a headed Chromium (under Xvfb) were shown in 16–88 ms.',
        'Typing starts once the page is idle (no background parse or render left), one key at least',
        'every 100 ms; the machine load is in the JSON. The preview of a document whose render takes',
        'more than 12 ms waits for a pause in typing of three times that cost (up to 5 s), so',
        'Split-mode keystrokes on the 1 MB article do not include the whole-document render in the',
        'last row, which blocks the window while it runs. `bench/results/editor-latest.json` has the',
        'distributions.',
      ].join('\n'),
    )
  } finally {
    await browser.close()
    await server.close()
    lib.close()
    rmSync(dir, { recursive: true, force: true })
    rmSync(bundle, { recursive: true, force: true })
  }
}

await main()
