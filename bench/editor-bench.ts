/**
 * `npm run bench -- editor`: the article pane's figures, measured in Debian's Chromium.
 *
 * - Preview: re-render + sanitize + patch of a 50 KB article after each edit (target p95 ≤
 *   16 ms), beside raw markdown-it rendering the same text in the same page.
 * - Keystrokes: typing into a 1 MB article in the built app (browser mode, real library), in
 *   Edit and in Split mode (target p95 ≤ 16 ms), beside a bare <textarea> holding the same text.
 *
 * Options: --iterations N (preview edits, default 200), --keys N (keystrokes per mode, 150),
 * --kb N (preview article size, 50), --mb N (typing document size, 1), --modes edit,split.
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
import { updateReadmeSection } from './readme-section'

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '200' },
    keys: { type: 'string', default: '150' },
    kb: { type: 'string', default: '50' },
    mb: { type: 'string', default: '1' },
    modes: { type: 'string', default: 'edit,split' },
  },
})
const ITERATIONS = Number(values.iterations)
const KEYS = Number(values.keys)
const PREVIEW_BYTES = Number(values.kb) * 1024
const TYPING_BYTES = Number(values.mb) * 1024 * 1024
/** Which of the pane's modes to type in (`edit`, `split`). */
const MODES = values.modes
  .split(',')
  .map((m) => m.trim())
  .filter((m) => m === 'edit' || m === 'split')
  .map((m) => (m === 'split' ? 'Split' : 'Edit'))

/**
 * A news-like Markdown article of about `bytes` UTF-8 bytes: front matter, then sections of
 * prose with links, emphasis, inline code and math, lists, a table, a quote and a code fence.
 * Deterministic, so every run measures the same text.
 */
export function syntheticArticle(bytes: number): string {
  const words = (
    'river town council budget bridge harbour winter report market school railway ' +
    'station weather festival election museum library archive ferry coast mountain'
  ).split(' ')
  let seed = 7
  const next = () => (seed = (seed * 48271) % 2147483647)
  const sentence = (n: number) => {
    const out: string[] = []
    for (let i = 0; i < n; i++) out.push(words[next() % words.length]!)
    out[0] = out[0]![0]!.toUpperCase() + out[0]!.slice(1)
    return `${out.join(' ')}.`
  }
  let text =
    '---\ntitle: The long report\nauthor: Ada Writer\ndate: 2024-05-01\ntags: [news, ai-generated]\n---\n\n'
  for (let section = 1; text.length < bytes; section++) {
    text += `## Section ${section}: ${sentence(4).slice(0, -1)}\n\n`
    for (let p = 0; p < 3; p++) {
      text += `${sentence(14)} See [the ${words[next() % words.length]} page](https://example.com/${section}/${p}) and *${words[next() % words.length]}* with \`code ${p}\`, and $x_${p}^2$. ${sentence(18)}\n\n`
    }
    text += `- ${sentence(6)}\n- ${sentence(7)}\n- [ ] ${sentence(5)}\n\n`
    text += `| item | count | note |\n| --- | ---: | --- |\n| ${words[section % words.length]} | ${section} | ${sentence(3)} |\n| total | ${section * 3} | **bold** |\n\n`
    text += `> ${sentence(12)}\n\n`
    text += '```js\nfunction total(items) {\n  return items.reduce((a, b) => a + b, 0)\n}\n```\n\n'
  }
  return text
}

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

/** Installed in the page: per printable keystroke, the time its handling took (`work`: until
 * the key's task and the layout it needs are done) and until the next frame (`frame`). */
const INSTRUMENT = `
  window.__keys = { work: [], frame: [] }
  if (!window.__keysListening) window.addEventListener('keydown', (event) => {
    if (event.key.length !== 1) return
    const t0 = event.timeStamp
    const after = new MessageChannel()
    after.port1.onmessage = () => {
      void document.body.offsetHeight
      window.__keys.work.push(performance.now() - t0)
    }
    after.port2.postMessage(0)
    requestAnimationFrame(() => {
      const painted = new MessageChannel()
      painted.port1.onmessage = () => window.__keys.frame.push(performance.now() - t0)
      painted.port2.postMessage(0)
    })
  }, true)
  window.__keysListening = true
`

type KeySamples = { work: number[]; frame: number[] }

/** Type KEYS letters at a brisk typist's pace and collect the page's timings. */
async function typeAndMeasure(page: Page, keys = KEYS): Promise<KeySamples> {
  await page.evaluate(INSTRUMENT)
  const letters = 'the quick brown fox jumps over the lazy dog '
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press(
      letters[i % letters.length] === ' ' ? 'Space' : letters[i % letters.length]!,
    )
    await page.waitForFunction(
      (n) => (window as unknown as { __keys: KeySamples }).__keys.frame.length >= n,
      i + 1,
      // A bare textarea can take seconds per key at 1 MB on a busy machine.
      { timeout: 600_000 },
    )
    await page.waitForTimeout(40)
  }
  return page.evaluate(() => (window as unknown as { __keys: KeySamples }).__keys)
}

async function benchTyping(page: Page, url: string): Promise<Record<string, KeySamples>> {
  const out: Record<string, KeySamples> = {}
  await page.goto(url)
  // Into Edit mode on a small article first: the big one then opens straight in the editor
  // (the reader view would render all of it before anything else).
  const list = page.getByRole('listbox', { name: 'Articles' })
  const toolbar = page.getByRole('toolbar', { name: 'Article' })
  await list.getByRole('option', { name: /A short note/ }).click()
  await toolbar.getByRole('button', { name: 'Edit', exact: true }).click()
  await list.getByRole('option', { name: /The long report/ }).click()
  await page.getByLabel('Editor').getByText('title: The long report').waitFor()
  for (const mode of MODES) {
    await toolbar.getByRole('button', { name: mode, exact: true }).click()
    if (mode === 'Split') {
      // Entering Split renders the whole document once (seconds for 1 MB); typing starts after.
      await page
        .getByRole('region', { name: 'Preview' })
        .getByText('The long report')
        .first()
        .waitFor({ timeout: 600_000 })
    }
    await page.getByLabel('Editor').click()
    await page.waitForTimeout(1500)
    console.log(`  ${mode} mode…`)
    out[mode.toLowerCase()] = await typeAndMeasure(page)
    // Let the preview catch up and the autosave land before the next mode.
    await page.waitForTimeout(3000)
  }
  const text = syntheticArticle(TYPING_BYTES)
  await page.setContent('<!doctype html><textarea style="width:90vw;height:90vh"></textarea>')
  await page.evaluate((t) => {
    const area = document.querySelector('textarea')!
    area.value = t
    area.focus()
    area.setSelectionRange(0, 0)
  }, text)
  // Fewer keys: each one re-lays out the whole megabyte in a textarea.
  out.textarea = await typeAndMeasure(page, Math.min(KEYS, 30))
  return out
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
      MODES.length > 0 ? await benchTyping(page, server.url) : {}

    const p95 = (s: number[]) => percentiles(s).p95
    /** p95 of a mode that may not have been typed in (`--modes`): NaN then. */
    const p95m = (s?: number[]) => (s && s.length > 0 ? p95(s) : NaN)
    const raw95 = p95(samples.rawMarkdownIt)
    const area = p95m(typing.textarea?.work)
    const figures = {
      [`preview ${values.kb} KB`]: {
        'render+sanitize+patch p95': figure(p95(samples.total), {
          with: 'raw markdown-it render',
          value: raw95,
        }),
        'same + layout p95': figure(p95(samples.totalWithLayout)),
        'render p95': figure(p95(samples.render)),
        'sanitize p95': figure(p95(samples.sanitize)),
        'patch p95': figure(p95(samples.patch)),
      },
      [`full render ${values.mb} MB (deferred while typing)`]: figure(fullMb),
      [`keystroke ${values.mb} MB`]: {
        'edit mode p95': figure(p95m(typing.edit?.work), { with: 'bare textarea', value: area }),
        'split mode p95': figure(p95m(typing.split?.work), { with: 'bare textarea', value: area }),
        'edit mode, to next frame p95': figure(p95m(typing.edit?.frame), {
          with: 'bare textarea',
          value: p95m(typing.textarea?.frame),
        }),
        'split mode, to next frame p95': figure(p95m(typing.split?.frame), {
          with: 'bare textarea',
          value: p95m(typing.textarea?.frame),
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
            { work: stats(v.work), frame: stats(v.frame) },
          ]),
        ),
      },
    })

    const ms = (x: number) => (Number.isNaN(x) ? 'not measured' : `${x.toFixed(2)} ms`)
    const day = new Date().toISOString().slice(0, 10)
    await updateReadmeSection(
      'editor',
      [
        `| figure (Chromium, ${day})                                   | Broadsheet | compared in the same run |`,
        '| --- | --- | --- |',
        `| preview of a ${values.kb} KB article: render + sanitize + patch, p95 (target ≤ 16 ms) | ${ms(p95(samples.total))} (${ms(p95(samples.totalWithLayout))} with layout) | raw markdown-it render alone: ${ms(raw95)} |`,
        `| keystroke in a ${values.mb} MB article, Edit mode, p95 (target ≤ 16 ms) | ${ms(p95m(typing.edit?.work))} | bare textarea: ${ms(area)} |`,
        `| keystroke in a ${values.mb} MB article, Split mode, p95 | ${ms(p95m(typing.split?.work))} | bare textarea: ${ms(area)} |`,
        `| keystroke to next frame, Edit / Split, p95 | ${ms(p95m(typing.edit?.frame))} / ${ms(p95m(typing.split?.frame))} | bare textarea: ${ms(p95m(typing.textarea?.frame))} |`,
        `| whole preview of the ${values.mb} MB article (render + sanitize, once) | ${ms(fullMb)} | |`,
        '',
        'A keystroke is timed from its `keydown` to the end of its task plus the layout it causes',
        '(and, in the second row, to the next frame). The preview of a document whose render takes',
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
