/**
 * Where a search's time goes, per query of the bench mix, on a kept 100,000-article library
 * (built once, reused: building takes ~10 minutes). Not a bench of record: `npm run bench --
 * library` is. Prints p50/p95/p99 of the whole search and the p50 of its stages: building the
 * SQL (parse, vocabulary expansion, FTS expression), running it, and the rest (snippets).
 *
 *   node --import tsx bench/search-profile.ts [--library DIR] [--count N] [--runs R] [--only KIND]
 */
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { importPaths } from '../src/main/import/markdown-files'
import { openLibrary } from '../src/main/library/open-library'
import { searchArticles, searchQuery } from '../src/main/library/search/search'
import { percentiles, writeCorpusToFolder } from './comparators'
import { QUERY_MIX } from './query-mix'
import { applySyntheticLibraryState } from './synthetic-corpus'

const { values } = parseArgs({
  options: {
    library: { type: 'string', default: '/work/search-lib' },
    count: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
    only: { type: 'string' },
  },
})
const COUNT = Number(values.count)
const RUNS = Number(values.runs)
const dir = values.library

if (!existsSync(join(dir, 'library.db'))) {
  const files = `${dir}-files`
  console.log(`Building a ${COUNT.toLocaleString()}-article library in ${dir} …`)
  rmSync(files, { recursive: true, force: true })
  await writeCorpusToFolder(files, COUNT)
  const lib = openLibrary(dir)
  importPaths(lib, [files])
  // The state the `is:` queries need, as library-bench.ts sets it.
  applySyntheticLibraryState(lib, COUNT)
  lib.close()
  rmSync(files, { recursive: true, force: true })
}

const lib = openLibrary(dir)
const fmt = (x: number) => x.toFixed(1).padStart(6)
const all: number[] = []
console.log(
  `${'kind'.padEnd(36)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'p99'.padStart(6)} | build    sql   rest  hits`,
)
for (const q of QUERY_MIX) {
  if (values.only && !q.kind.includes(values.only) && q.query !== values.only) continue
  const total: number[] = []
  const build: number[] = []
  const sql: number[] = []
  let hits = 0
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now()
    const built = searchQuery(lib, { query: q.query, limit: 20 })
    const t1 = performance.now()
    lib.db.prepare(built.sql).all(built.params)
    const t2 = performance.now()
    const result = searchArticles(lib, { query: q.query, limit: 20 })
    const t3 = performance.now()
    hits = result.items.length
    if (run === 0) continue // the first run warms the cache
    build.push(t1 - t0)
    sql.push(t2 - t1)
    total.push(t3 - t2)
  }
  all.push(...total)
  const p = percentiles(total)
  const b = percentiles(build).p50
  const s = percentiles(sql).p50
  console.log(
    `${q.kind.slice(0, 36).padEnd(36)} ${fmt(p.p50)} ${fmt(p.p95)} ${fmt(p.p99)} | ${fmt(b)} ${fmt(s)} ${fmt(Math.max(0, p.p50 - b - s))} ${String(hits).padStart(4)}`,
  )
}
const p = percentiles(all)
console.log(`${'ALL'.padEnd(36)} ${fmt(p.p50)} ${fmt(p.p95)} ${fmt(p.p99)}`)
lib.close()
