/**
 * `npm run bench -- export`: exports synthetic articles the four ways the export issue names
 * and, in the same run, has Pandoc do the same conversion from the same Markdown files:
 *
 *   - an EPUB of 100 articles (one book)            vs `pandoc -o book.epub *.md`
 *   - a PDF of a ~20-page article                   vs `pandoc -s --self-contained` to HTML,
 *                                                      printed by headless Chromium (there is
 *                                                      no LaTeX here for Pandoc's own PDF)
 *   - 1,000 articles to Markdown (with images)      vs `pandoc -f gfm -t gfm`, once per file,
 *                                                      two at a time
 *   - a DOCX of a long article (~20,000 words)      vs `pandoc -o long.docx`
 *
 * Each side runs in a process of its own under /usr/bin/time for its peak memory (for the
 * Chromium cases, the largest single process: Chromium's renderers are not summed).
 * Broadsheet's time is the export call, the library already open; Pandoc's is the command.
 *
 *   node --import tsx bench/export-bench.ts [--epub 100] [--md 1000] [--pdf-words 9000] [--docx-words 20000]
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { exportToPath } from '../src/main/export/export-articles'
import type { ExportFormat } from '../src/main/export/types'
import { importPaths } from '../src/main/import/markdown-files'
import { createArticle } from '../src/main/library/articles'
import { openLibrary } from '../src/main/library/open-library'
import { type Figure, saveResults, writeCorpusToFolder } from './comparators'
import { updateReadmeSection } from './readme-section'
import { syntheticArticle } from './synthetic-corpus'

const { values } = parseArgs({
  options: {
    epub: { type: 'string', default: '100' },
    md: { type: 'string', default: '1000' },
    'pdf-words': { type: 'string', default: '9000' },
    'docx-words': { type: 'string', default: '20000' },
    // Internal: run one Broadsheet case in this (child) process.
    case: { type: 'string' },
    dir: { type: 'string' },
  },
})

const DATA = join(import.meta.dirname, '..', '.bench-data', 'export')
const LIBRARY = join(DATA, 'library')
const FILES = join(DATA, 'articles')
const OUT = join(DATA, 'out')
const CHROMIUM = '/usr/bin/chromium'

/** What one Broadsheet case exports: ids file, format, options, output name. */
interface Case {
  ids: string
  format: ExportFormat
  combine?: boolean
  out: string
}

const CASES: Record<string, Case> = {
  epub: { ids: 'epub-ids.json', format: 'epub', combine: true, out: 'book.epub' },
  pdf: { ids: 'pdf-ids.json', format: 'pdf', out: 'long.pdf' },
  md: { ids: 'md-ids.json', format: 'md', out: 'md' },
  docx: { ids: 'docx-ids.json', format: 'docx', out: 'long.docx' },
}

// Child: one export, its time on stdout.
if (values.case) {
  const c = CASES[values.case]!
  const lib = openLibrary(LIBRARY)
  const ids = JSON.parse(readFileSync(join(DATA, c.ids), 'utf8')) as string[]
  const start = performance.now()
  await exportToPath(lib, { ids }, c.format, join(OUT, 'broadsheet', c.out), {
    combine: c.combine,
    title: 'Bench',
    force: true,
  })
  const ms = performance.now() - start
  lib.close()
  console.log(JSON.stringify({ ms }))
  process.exit(0)
}

/** Run a command under /usr/bin/time; its wall time (ms) and peak memory (MB). */
function measure(
  cmd: string,
  args: string[],
  cwd = DATA,
): { ms: number; mb: number; stdout: string } {
  const start = performance.now()
  const run = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const ms = performance.now() - start
  if (run.status !== 0) throw new Error(`${cmd} failed: ${run.stderr.slice(-2000)}`)
  const kb = Number(run.stderr.trim().split('\n').pop())
  return { ms, mb: kb / 1024, stdout: run.stdout }
}

function broadsheet(name: string): { ms: number; mb: number } {
  const r = measure(process.execPath, ['--import', 'tsx', import.meta.filename, '--case', name])
  return { ms: (JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number }).ms, mb: r.mb }
}

/** A long article: synthetic bodies one after another under headings, ~`words` words. */
function longArticle(words: number, name: string): string {
  let body = `---\ntitle: A long report (${name})\nauthor: Bench Writer\ndate: 2024-05-01\nlanguage: en\n---\n\n`
  let count = 0
  for (let i = 0; count < words; i++) {
    // The corpus links images that exist in no folder: left out, so both sides print text.
    const text = syntheticArticle(50_000 + i)
      .markdown.replace(/^---[\s\S]*?\n---\n/, '')
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    body += `## Part ${i + 1}\n\n${text.replace(/^#+ /gm, '### ').replace(/\[\^(\w+)\]/g, `[^p${i}$1]`)}\n`
    count += text.split(/\s+/).length
  }
  return body
}

const epubCount = Number(values.epub)
const mdCount = Number(values.md)
rmSync(DATA, { recursive: true, force: true })
mkdirSync(join(OUT, 'broadsheet'), { recursive: true })
mkdirSync(join(OUT, 'pandoc', 'md'), { recursive: true })
console.log(`Writing ${Math.max(epubCount, mdCount)} synthetic articles and importing them …`)
await writeCorpusToFolder(FILES, Math.max(epubCount, mdCount))
const lib = openLibrary(LIBRARY)
const report = importPaths(lib, [FILES])
const files = readdirSync(FILES, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.md'))
  .sort()
const pdfText = longArticle(Number(values['pdf-words']), 'PDF')
const docxText = longArticle(Number(values['docx-words']), 'DOCX')
writeFileSync(join(DATA, 'pdf.md'), pdfText)
writeFileSync(join(DATA, 'docx.md'), docxText)
const pdfId = createArticle(lib, pdfText).id
const docxId = createArticle(lib, docxText).id
writeFileSync(join(DATA, 'epub-ids.json'), JSON.stringify(report.ids.slice(0, epubCount)))
writeFileSync(join(DATA, 'md-ids.json'), JSON.stringify(report.ids.slice(0, mdCount)))
writeFileSync(join(DATA, 'pdf-ids.json'), JSON.stringify([pdfId]))
writeFileSync(join(DATA, 'docx-ids.json'), JSON.stringify([docxId]))
lib.close()

const figures: Record<string, Record<string, Figure | number>> = {}
const record = (
  name: string,
  ours: { ms: number; mb: number },
  theirs: { ms: number; mb: number },
  extra: Record<string, number> = {},
) => {
  figures[name] = {
    time: { value: ours.ms, unit: 'ms', compared: { with: 'pandoc', value: theirs.ms } },
    peakMemory: { value: ours.mb, unit: 'MB', compared: { with: 'pandoc', value: theirs.mb } },
    ...extra,
  }
  console.log(`${name}: ${Math.round(ours.ms)} ms vs pandoc ${Math.round(theirs.ms)} ms`)
}

console.log(`EPUB of ${epubCount} articles …`)
const epubFiles = files.slice(0, epubCount).map((f) => join('articles', f))
record(
  `epub${epubCount}`,
  broadsheet('epub'),
  measure('pandoc', [
    '-f',
    'gfm+tex_math_dollars+footnotes+yaml_metadata_block',
    '--metadata',
    'title=Bench',
    '-o',
    join(OUT, 'pandoc', 'book.epub'),
    ...epubFiles,
  ]),
)

console.log('PDF of a long article …')
const pdfOurs = broadsheet('pdf')
const html = measure('pandoc', [
  '-s',
  '--self-contained',
  '-f',
  'gfm+tex_math_dollars+footnotes+yaml_metadata_block',
  '-o',
  join(OUT, 'pandoc', 'long.html'),
  'pdf.md',
])
const printed = measure(CHROMIUM, [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  `--print-to-pdf=${join(OUT, 'pandoc', 'long.pdf')}`,
  `file://${join(OUT, 'pandoc', 'long.html')}`,
])
const pages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])
record(
  'pdfLongArticle',
  pdfOurs,
  { ms: html.ms + printed.ms, mb: Math.max(html.mb, printed.mb) },
  {
    pages: pages(join(OUT, 'broadsheet', 'long.pdf')),
    pandocPages: pages(join(OUT, 'pandoc', 'long.pdf')),
  },
)

console.log(`${mdCount} articles to Markdown …`)
const mdOurs = broadsheet('md')
const mdTheirs = measure('sh', [
  '-c',
  `cd articles && find . -name '*.md' | head -n ${mdCount} | xargs -P 2 -I{} sh -c 'mkdir -p "$(dirname "../out/pandoc/md/{}")" && pandoc -f gfm -t gfm "{}" -o "../out/pandoc/md/{}"'`,
])
record(`markdown${mdCount}`, mdOurs, mdTheirs)

console.log('DOCX of a long article …')
record(
  'docxLongArticle',
  broadsheet('docx'),
  measure('pandoc', [
    '-f',
    'gfm+tex_math_dollars+footnotes+yaml_metadata_block',
    '-o',
    join(OUT, 'pandoc', 'long.docx'),
    'docx.md',
  ]),
  { words: Number(values['docx-words']) },
)

saveResults('export', figures)

const row = (what: string, key: string, extra = '') => {
  const f = figures[key]!
  const t = f.time as Figure
  const m = f.peakMemory as Figure
  return `| ${what} | ${(t.value / 1000).toFixed(2)} s, ${Math.round(m.value)} MB${extra} | ${(t.compared!.value / 1000).toFixed(2)} s, ${Math.round(m.compared!.value)} MB |`
}
const date = new Date().toISOString().slice(0, 10)
await updateReadmeSection(
  'export',
  [
    `| export (${date}) | Broadsheet: time, peak memory | Pandoc, same Markdown, same run |`,
    '| --- | --- | --- |',
    row(`EPUB of ${epubCount} articles`, `epub${epubCount}`),
    row(
      'PDF of a long article (Pandoc: to HTML, then Chromium)',
      'pdfLongArticle',
      `, ${figures.pdfLongArticle!.pages} pages`,
    ),
    row(`${mdCount.toLocaleString('en-US')} articles to Markdown`, `markdown${mdCount}`),
    row(
      `DOCX of a ${Number(values['docx-words']).toLocaleString('en-US')}-word article`,
      'docxLongArticle',
    ),
    '',
    "Times are wall clock on a shared 2-core machine (compare the ratios); Broadsheet's is the",
    "export call with the library open, Pandoc's the command. Pandoc converts Markdown one file",
    'per process (1,000 processes, two at a time); its EPUB and DOCX read the same files.',
  ].join('\n'),
)
