/**
 * Quick check of the synthetic corpus (a script, not a test):
 *
 *   node --import tsx bench/corpus-smoke.ts [count=100000] [rgCount=2000]
 *
 * Generates `count` articles keeping only counts, prints size and length statistics and the
 * generation time, checks every planted fact against its planned article count, then writes
 * `rgCount` articles to a temporary folder and runs each QUERY_MIX ripgrep command over it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { peakRssMb, percentiles, ripgrepSearch, writeCorpusToFolder } from './comparators'
import {
  articlePlan,
  englishWordAtRank,
  PLANTED,
  plantedArticleCount,
  syntheticArticles,
  type PlantedKey,
  type SyntheticLang,
} from './synthetic-corpus'

const count = Number(process.argv[2] ?? 100_000)
const rgCount = Number(process.argv[3] ?? 2_000)

/** Terminal columns a string takes (CJK characters take two). */
const displayWidth = (s: string): number =>
  s.length + (s.match(/[\u2e80-\u9fff\uff00-\uffef]/g)?.length ?? 0)

/** Print rows as aligned columns (numbers right-aligned). */
function printTable(rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map(String))
  const width = (i: number) => Math.max(...cells.map((r) => displayWidth(r[i] ?? '')))
  for (const [n, r] of cells.entries()) {
    const line = r.map((c, i) => {
      const pad = ' '.repeat(width(i) - displayWidth(c))
      return n > 0 && typeof rows[n]?.[i] === 'number' ? pad + c : c + pad
    })
    console.log(line.join('  ').trimEnd())
  }
}

/** Whitespace-separated tokens of the body (after the front matter). */
function bodyWords(markdown: string): number {
  const end = markdown.indexOf('\n---\n', 4)
  let words = 0
  let inWord = false
  for (let i = end < 0 ? 0 : end + 5; i < markdown.length; i++) {
    const c = markdown.charCodeAt(i)
    const space = c === 32 || c === 10 || c === 9 || c === 13
    if (!space && !inWord) words++
    inWord = !space
  }
  return words
}

/** How each planted fact is recognised in the text (case-insensitive where the text is Latin). */
const FACT_TEST: Record<PlantedKey, (md: string, lower: string) => boolean> = {
  zyxwvut: (_, l) => l.includes('zyxwvut'),
  kamera: (_, l) => l.includes('kamera'),
  verfassungsgericht: (_, l) => l.includes(PLANTED.verfassungsgericht.substring13),
  rengongzhineng: (md) => md.includes(PLANTED.rengongzhineng.text),
  jiqixuexi: (md) => md.includes(PLANTED.jiqixuexi.text),
  qihoubianhua: (md) => md.includes(PLANTED.qihoubianhua.text),
  cafe: (_, l) => l.includes('café'),
  eleve: (_, l) => l.includes('élève'),
  aiGeneratedTag: (md) => md.includes(PLANTED.aiGeneratedTag.text),
}
const KEYS = Object.keys(FACT_TEST) as PlantedKey[]
/** Things that must never appear: `kamera` as a word of its own, `cafe` without its accent. */
const FORBIDDEN: Record<string, RegExp> = {
  'kamera as a word': /(?<![\p{L}\p{N}])kamera(?![\p{L}\p{N}])/iu,
  'cafe unaccented': /(?<![\p{L}\p{N}])cafe(?![\p{L}\p{N}])/iu,
}

async function main(): Promise<void> {
  console.log(`Synthetic corpus: ${count.toLocaleString('en-US')} articles, seed 42\n`)
  let start = performance.now()
  englishWordAtRank(0)
  const vocabMs = performance.now() - start

  let genMs = 0
  let bytes = 0
  const sizes = new Float64Array(count)
  const words = new Float64Array(count)
  const langs: Record<SyntheticLang, number> = { en: 0, de: 0, zh: 0, fr: 0 }
  const observed = Object.fromEntries(KEYS.map((k) => [k, 0])) as Record<PlantedKey, number>
  const planned = Object.fromEntries(KEYS.map((k) => [k, 0])) as Record<PlantedKey, number>
  const mismatches: string[] = []
  const forbidden = Object.fromEntries(Object.keys(FORBIDDEN).map((k) => [k, 0]))

  const articles = syntheticArticles(count)
  for (let i = 0; ; i++) {
    start = performance.now()
    const next = articles.next()
    genMs += performance.now() - start
    if (next.done) break
    const md = next.value.markdown
    const size = Buffer.byteLength(md)
    bytes += size
    sizes[i] = size
    words[i] = bodyWords(md)
    const plan = articlePlan(i)
    langs[plan.lang]++
    const lower = md.toLowerCase()
    for (const key of KEYS) {
      const has = FACT_TEST[key](md, lower)
      if (has) observed[key]++
      if (plan.facts.has(key)) planned[key]++
      if (has !== plan.facts.has(key) && mismatches.length < 5) {
        mismatches.push(`${next.value.name}: ${key} planned ${plan.facts.has(key)}, found ${has}`)
      }
    }
    for (const [name, re] of Object.entries(FORBIDDEN)) if (re.test(md)) forbidden[name]!++
  }
  const totalMs = vocabMs + genMs

  const size = percentiles([...sizes])
  const w = percentiles([...words])
  printTable([
    ['figure', 'value'],
    ['total', `${(bytes / 1e6).toFixed(1)} MB`],
    [
      'article size mean / median / p99 / max',
      `${fmtKb(size.mean)} / ${fmtKb(size.p50)} / ${fmtKb(size.p99)} / ${fmtKb(max(sizes))}`,
    ],
    [
      'body words mean / median / p99 / max',
      `${w.mean.toFixed(0)} / ${w.p50.toFixed(0)} / ${w.p99.toFixed(0)} / ${max(words)}`,
    ],
    [
      'languages',
      Object.entries(langs)
        .map(([l, n]) => `${l} ${pct(n / count)}`)
        .join(', '),
    ],
    ['vocabulary build', `${(vocabMs / 1000).toFixed(2)} s`],
    [
      'generation',
      `${(genMs / 1000).toFixed(2)} s (${Math.round(count / (genMs / 1000)).toLocaleString('en-US')} articles/s)`,
    ],
    ['generation total', `${(totalMs / 1000).toFixed(2)} s`],
  ])

  console.log('\nPlanted facts (found in text vs planned by articlePlan)\n')
  printTable([
    ['fact', 'text', 'expected rate', 'planned', 'found', 'found rate', 'ok'],
    ...KEYS.map((key) => [
      key,
      PLANTED[key].text,
      pct(PLANTED[key].rate),
      planned[key],
      observed[key],
      pct(observed[key] / count),
      planned[key] === observed[key] ? 'yes' : 'NO',
    ]),
    ...Object.entries(forbidden).map(([name, n]) => [
      name,
      '',
      '0',
      0,
      n,
      pct(n / count),
      n === 0 ? 'yes' : 'NO',
    ]),
  ])
  for (const m of mismatches) console.log(`  mismatch: ${m}`)
  const failed =
    KEYS.some((k) => planned[k] !== observed[k]) || Object.values(forbidden).some(Boolean)
  if (failed) process.exitCode = 1

  // Imported late: the query mix builds the vocabulary, which the timing above should include.
  const { QUERY_MIX } = await import('./query-mix')
  const dir = await mkdtemp(join(os.tmpdir(), 'broadsheet-smoke-'))
  try {
    start = performance.now()
    const written = await writeCorpusToFolder(dir, rgCount)
    const writeMs = performance.now() - start
    console.log(
      `\nripgrep over ${written.files.toLocaleString('en-US')} files ` +
        `(${(written.bytes / 1e6).toFixed(1)} MB, written in ${(writeMs / 1000).toFixed(2)} s); ` +
        'ms = median of 3 runs after a warm-up\n',
    )
    const rows: (string | number)[][] = [['kind', 'query', 'rg arguments', 'files', 'ms', 'check']]
    for (const q of QUERY_MIX) {
      if (!q.rg) {
        rows.push([q.kind, q.query, `— (${q.note ?? 'no equivalent'})`, '', '', ''])
        continue
      }
      ripgrepSearch(dir, q.rg)
      const runs = [0, 1, 2].map(() => ripgrepSearch(dir, q.rg ?? []))
      const files = runs[0]?.files ?? 0
      const want = q.planted ? plantedArticleCount(q.planted, rgCount) : undefined
      const check =
        want === undefined ? '' : want === files ? `= planned ${want}` : `≠ planned ${want}`
      if (want !== undefined && want !== files) process.exitCode = 1
      rows.push([
        q.kind,
        q.query,
        q.rg.map(shellQuote).join(' '),
        files,
        round1(percentiles(runs.map((r) => r.ms)).p50),
        check,
      ])
    }
    printTable(rows)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  console.log(`\npeak RSS ${peakRssMb().toFixed(0)} MB`)
}

/** An argument as a user would type it in a POSIX shell. */
const shellQuote = (arg: string) =>
  /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`
const max = (xs: Float64Array) => xs.reduce((m, x) => Math.max(m, x), 0)
const fmtKb = (b: number) => `${(b / 1024).toFixed(1)} KB`
const pct = (x: number) => `${(100 * x).toFixed(x < 0.01 ? 3 : 2)}%`
const round1 = (x: number) => Math.round(x * 10) / 10

await main()
