/**
 * `npm run bench` for the library: builds a deterministic synthetic library of 100,000
 * articles and prints and saves (bench/results/library-*.json) the import rate, search and
 * list latencies, the database size, and in the same run the same searches done by ripgrep
 * over the same articles as files and by a SQL `LIKE` scan, as ratios.
 *
 *   node --import tsx bench/library-bench.ts [--count N] [--runs R]
 */
import Database from 'better-sqlite3'
import { rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { importPaths } from '../src/main/import/markdown-files'
import { listArticles, type ListOptions } from '../src/main/library/list'
import { openLibrary } from '../src/main/library/open-library'
import { searchArticles } from '../src/main/library/search/search'
import {
  type Figure,
  likeScanSearch,
  peakRssMb,
  percentiles,
  ripgrepSearch,
  saveResults,
  writeCorpusToFolder,
} from './comparators'
import { QUERY_MIX } from './query-mix'
import { updateReadmeSection } from './readme-section'
import { applySyntheticLibraryState, plantedArticleCount } from './synthetic-corpus'

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
  },
})
const COUNT = Number(values.count)
const RUNS = Number(values.runs)
const DATA = join(import.meta.dirname, '..', '.bench-data')
const FILES = join(DATA, 'articles')
const LIBRARY = join(DATA, 'library')

const ms = (value: number, compared?: Figure['compared']): Figure => ({
  value,
  unit: 'ms',
  compared,
})
const time = <T>(fn: () => T): [T, number] => {
  const start = performance.now()
  const result = fn()
  return [result, performance.now() - start]
}

console.log(`Writing ${COUNT.toLocaleString()} synthetic articles to ${FILES} …`)
rmSync(DATA, { recursive: true, force: true })
const corpus = await writeCorpusToFolder(FILES, COUNT)

console.log('Importing them into a fresh library …')
const lib = openLibrary(LIBRARY)
const importCpu = process.cpuUsage()
const [report, importMs] = time(() => importPaths(lib, [FILES]))
// CPU time of the whole process (writing thread, read-ahead worker, GC), less noisy than the
// rate on a shared machine.
const importCpuMs = ((u) => (u.user + u.system) / 1000)(process.cpuUsage(importCpu))
if (report.imported !== COUNT) throw new Error(`imported ${report.imported} of ${COUNT}`)

// The floor: FTS5 alone indexing the very text the library's index was given (the five
// columns, already reduced to words and segmented), on disk, WAL with synchronous = FULL, the
// same tokenizer and 500 rows per transaction, contentless as the library's external-content
// index stores no text of its own. Each batch is read from the view before its transaction and
// only the transactions are timed, so this measures FTS5's tokenizing, merging and commits
// alone: not the Markdown-to-words reduction (JavaScript, in the view), rows or documents.
let ftsOnlyMs = 0
{
  const db = new Database(join(DATA, 'fts-only.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(
    `CREATE VIRTUAL TABLE f USING fts5(title, body, author, tags, source, content = '',
       tokenize = 'unicode61 remove_diacritics 2')`,
  )
  const insert = db.prepare(
    'INSERT INTO f (rowid, title, body, author, tags, source) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const rows = lib.db.prepare(
    `SELECT id, title, body, author, tags, source FROM article_fts_source
     WHERE id > ? ORDER BY id LIMIT 500`,
  )
  type Row = {
    id: number
    title: string
    body: string
    author: string
    tags: string
    source: string
  }
  const store = db.transaction((batch: Row[]) => {
    for (const r of batch) insert.run(r.id, r.title, r.body, r.author, r.tags, r.source)
  })
  for (let last = 0; ;) {
    const batch = rows.all(last) as Row[]
    if (batch.length === 0) break
    last = batch[batch.length - 1]!.id
    ftsOnlyMs += time(() => store(batch))[1]
  }
  db.close()
}

// Library state the `is:` queries need: 30% unread, 5% starred, by article index.
applySyntheticLibraryState(lib, COUNT)

console.log(`Searching (${QUERY_MIX.length} queries × ${RUNS} runs) …`)
const all: number[] = []
const perQuery: Record<string, unknown> = {}
for (const q of QUERY_MIX) {
  const samples: number[] = []
  let hits = 0
  for (let run = 0; run <= RUNS; run++) {
    const [result, t] = time(() => searchArticles(lib, { query: q.query, limit: 20 }))
    hits = result.items.length
    if (run > 0) samples.push(t) // the first run warms the cache
  }
  all.push(...samples)
  const p = percentiles(samples)
  const rg = q.rg ? ripgrepSearch(FILES, q.rg) : null
  const planted = q.planted ? plantedArticleCount(q.planted, COUNT) : null
  perQuery[q.kind] = {
    query: q.query,
    p50: ms(p.p50, rg ? { with: `ripgrep (${rg.files} files)`, value: rg.ms } : undefined),
    p95: ms(p.p95),
    firstPageHits: hits,
    ...(planted !== null ? { plantedArticles: planted } : {}),
  }
}

// A naive app's search: LIKE over the stored documents, for the plain-text queries.
const likeQueries = QUERY_MIX.filter((q) => /^[\p{L}]+$/u.test(q.query)).slice(0, 6)
const like: Record<string, Figure> = {}
for (const q of likeQueries)
  like[q.query] = ms(likeScanSearch(lib.db, 'documents', 'markdown', q.query).ms)

console.log('Listing …')
const listCases: Record<string, ListOptions> = {
  'newest updated': { sort: 'updated' },
  'newest published': { sort: 'published' },
  'title A-Z': { sort: 'title' },
  unread: { filter: { is: ['unread'] } },
  starred: { filter: { is: ['starred'] } },
  'tag economy': { filter: { tags: ['economy'] } },
}
const list: Record<string, unknown> = {}
for (const [name, options] of Object.entries(listCases)) {
  const samples: number[] = []
  for (let run = 0; run <= RUNS; run++) {
    const [, t] = time(() => listArticles(lib, { ...options, limit: 50 }))
    if (run > 0) samples.push(t)
  }
  const p = percentiles(samples)
  list[name] = { p50: ms(p.p50), p95: ms(p.p95) }
}

lib.db.pragma('wal_checkpoint(TRUNCATE)')
const dbBytes = statSync(lib.dbPath).size
lib.close()

const searchP = percentiles(all)
const rgTimes = Object.values(perQuery).flatMap((q) => {
  const c = (q as { p50: Figure }).p50.compared
  return c ? [c.value] : []
})
const rgMedian = percentiles(rgTimes).p50
const figures = {
  corpus: { articles: COUNT, rawTextMb: { value: corpus.bytes / 2 ** 20, unit: 'MB' } },
  import: {
    rate: {
      value: COUNT / (importMs / 1000),
      unit: 'files/s',
      compared: { with: 'FTS5 alone indexing the same text', value: COUNT / (ftsOnlyMs / 1000) },
    },
    seconds: { value: importMs / 1000, unit: 's' },
    cpuPerArticle: { value: importCpuMs / COUNT, unit: 'ms CPU, all threads' },
    target: { value: 2000, unit: 'files/s' },
  },
  search: {
    p50: ms(searchP.p50, { with: 'ripgrep, median query', value: rgMedian }),
    p95: ms(searchP.p95, { with: 'ripgrep, median query', value: rgMedian }),
    p99: ms(searchP.p99),
    target: ms(20),
    perQuery,
    likeScan: like,
  },
  list,
  database: {
    size: {
      value: dbBytes / 2 ** 20,
      unit: 'MB',
      compared: { with: 'raw Markdown', value: corpus.bytes / 2 ** 20 },
    },
  },
  peakRssMb: { value: peakRssMb(), unit: 'MB' },
}
const saved = saveResults('library', figures)
console.log(`\nSaved ${saved}`)
await updateReadme(figures)

/** Put the headline figures into the README between its bench markers. */
async function updateReadme(f: typeof figures): Promise<void> {
  const round = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2))
  const rows = [
    `| figure (${COUNT.toLocaleString('en-US')} articles, ${new Date().toISOString().slice(0, 10)}) | Broadsheet | compared in the same run |`,
    '| --- | --- | --- |',
    `| import | ${round(f.import.rate.value)} files/s (target ≥ 2,000) | FTS5 alone on the same text: ${round(f.import.rate.compared.value)} files/s |`,
    `| search p50 / p95 / p99 (${QUERY_MIX.length} query kinds, snippets) | ${round(f.search.p50.value)} / ${round(f.search.p95.value)} / ${round(f.search.p99.value)} ms (target p95 ≤ 20) | ripgrep, median query: ${round(rgMedian)} ms |`,
    `| first list page (newest) p95 | ${round((f.list['newest updated'] as { p95: Figure }).p95.value)} ms (target ≤ 50) | |`,
    `| database size | ${round(f.database.size.value)} MB | raw Markdown: ${round(f.database.size.compared.value)} MB |`,
  ]
  await updateReadmeSection('library', rows.join('\n'))
}
