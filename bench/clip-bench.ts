/**
 * `npm run bench -- clip [--page guardian-1] [--runs 7]`: save a large real news page from the
 * shared corpus, served by a local HTTP server, into a fresh library, and time it beside what
 * a user would otherwise run on the same page in the same process:
 * - the whole clip (fetch, decode, extract, convert, store), per run;
 * - extraction: Broadsheet's `extractArticle` (jsdom + Readability + metadata + Markdown)
 *   beside Readability alone (jsdom + `Readability.parse()`);
 * - conversion: Broadsheet's `htmlToMarkdown` beside turndown + the GFM plugin alone, both on
 *   Readability's article HTML.
 * Images are not downloaded (the corpus pages link to hosts that are not reachable offline).
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { gfm } from '@joplin/turndown-plugin-gfm'
import { Readability } from '@mozilla/readability'
import { JSDOM, VirtualConsole } from 'jsdom'
import TurndownService from 'turndown'
import { clipUrl } from '../src/main/clip/clip-url'
import { extractArticle } from '../src/main/clip/extract-article'
import { htmlToMarkdown } from '../src/shared/html/html-to-markdown'
import { corpusDir } from '../tests/helpers/corpus'
import { sharedTempLibrary } from '../tests/helpers/temp-library'
import { type Figure, peakRssMb, percentiles, saveResults } from './comparators'
import { updateReadmeSection } from './readme-section'

const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const PAGE = option('page', 'guardian-1')
const RUNS = Math.max(1, Number(option('runs', '7')))
const CORPUS = join(corpusDir(), 'pages')

const html = readFileSync(join(CORPUS, PAGE, 'source.html'))
const text = html.toString('utf8')
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
  res.end(html)
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

function time(fn: () => unknown): number {
  const start = performance.now()
  fn()
  return performance.now() - start
}

/** Readability alone, as a user would call it: jsdom, then parse. */
function readabilityAlone(url: string): string {
  const dom = new JSDOM(text, { url, virtualConsole: new VirtualConsole() })
  const article = new Readability(dom.window.document).parse()
  dom.window.close()
  return article?.content ?? ''
}

const turndownAlone = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' })
turndownAlone.use(gfm)

const { lib, dispose } = sharedTempLibrary()
const totals: number[] = []
const ours: number[] = []
const alone: number[] = []
const convertOurs: number[] = []
const convertAlone: number[] = []
let words = 0
const articleHtml = readabilityAlone(`${base}/0.html`)
try {
  for (let i = 0; i < RUNS; i++) {
    // A new address each run, so no run finds the page already saved.
    const url = `${base}/${i}.html`
    const start = performance.now()
    const result = await clipUrl(lib, url, { downloadImages: false })
    totals.push(performance.now() - start)
    words = result.article.wordCount
    // Alternate the order, so neither side always runs on a warmer heap.
    const pair = [
      () => alone.push(time(() => readabilityAlone(url))),
      () => ours.push(time(() => extractArticle(text, url))),
    ]
    if (i % 2) pair.reverse()
    for (const run of pair) run()
    convertAlone.push(time(() => turndownAlone.turndown(articleHtml)))
    convertOurs.push(time(() => htmlToMarkdown(articleHtml, { baseUrl: url })))
  }
} finally {
  server.close()
  dispose()
}

const p50 = (xs: number[]) => percentiles(xs).p50
const figures = {
  page: `${PAGE} (${Math.round(html.byteLength / 1024)} KB of HTML, ${words} words kept)`,
  runs: RUNS,
  clipTotalMs: { value: p50(totals), unit: 'ms' } satisfies Figure,
  extractionMs: {
    value: p50(ours),
    unit: 'ms',
    compared: { with: 'jsdom + Readability alone', value: p50(alone) },
  } satisfies Figure,
  conversionMs: {
    value: p50(convertOurs),
    unit: 'ms',
    compared: { with: 'turndown + GFM plugin alone', value: p50(convertAlone) },
  } satisfies Figure,
  peakRssMb: { value: peakRssMb(), unit: 'MB' } satisfies Figure,
}
saveResults('clip', figures)

const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1))
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`
await updateReadmeSection(
  'clip',
  [
    `| figure (${figures.page}, median of ${RUNS}, ${new Date().toISOString().slice(0, 10)}) | Broadsheet | alone in the same run | ratio |`,
    '| --- | --- | --- | --- |',
    `| whole clip (local server → article in the library) | ${fmt(figures.clipTotalMs.value)} ms | | |`,
    `| extraction (jsdom + Readability + metadata + Markdown) | ${fmt(figures.extractionMs.value)} ms | jsdom + Readability: ${fmt(figures.extractionMs.compared.value)} ms | ${ratio(figures.extractionMs.value, figures.extractionMs.compared.value)} |`,
    `| conversion of the article HTML to Markdown | ${fmt(figures.conversionMs.value)} ms | turndown + GFM: ${fmt(figures.conversionMs.compared.value)} ms | ${ratio(figures.conversionMs.value, figures.conversionMs.compared.value)} |`,
    `| peak memory of the bench process | ${fmt(figures.peakRssMb.value)} MB | | |`,
    '',
  ].join('\n'),
)
