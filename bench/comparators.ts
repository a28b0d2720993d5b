/**
 * What `npm run bench` measures Broadsheet against, and how it reports: the same articles as
 * a folder of Markdown files searched with ripgrep, a `LIKE '%…%'` scan in SQLite, timing
 * statistics, peak memory, and the results file plus a table on stdout.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from 'better-sqlite3'
import { syntheticArticles } from './synthetic-corpus'

/** Articles per subfolder, so the folder stays usable in a file manager. */
export const FILES_PER_FOLDER = 1_000

/** Writes in flight at once (enough to keep the disk busy, few enough to stay polite). */
const WRITE_CONCURRENCY = 32

/**
 * Write the first `count` synthetic articles (seed 42 unless told) as `.md` files under `dir`,
 * 1,000 per subfolder (`000/`, `001/`, …). Returns how many files and UTF-8 bytes it wrote.
 */
export async function writeCorpusToFolder(
  dir: string,
  count: number,
  seed = 42,
): Promise<{ files: number; bytes: number }> {
  let files = 0
  let bytes = 0
  let failure: unknown
  const pending = new Set<Promise<void>>()
  for (const article of syntheticArticles(count, seed)) {
    const folder = join(dir, String(Math.floor(files / FILES_PER_FOLDER)).padStart(3, '0'))
    if (files % FILES_PER_FOLDER === 0) await mkdir(folder, { recursive: true })
    const data = Buffer.from(article.markdown)
    bytes += data.length
    files++
    const write: Promise<void> = writeFile(join(folder, article.name), data).then(
      () => void pending.delete(write),
      (error: unknown) => {
        pending.delete(write)
        failure ??= error
      },
    )
    pending.add(write)
    if (pending.size >= WRITE_CONCURRENCY) await Promise.race(pending)
    if (failure) break
  }
  await Promise.all(pending)
  if (failure) throw failure
  return { files, bytes }
}

/**
 * Run ripgrep once over `dir` with `rgArgs` (pattern included) plus `-l`, synchronously, and
 * time it from spawn to exit. `--no-config` keeps a user's ripgreprc out of the figures.
 * Returns the wall time and the number of files listed. Throws if rg fails (exit status 2).
 */
export function ripgrepSearch(dir: string, rgArgs: string[]): { ms: number; files: number } {
  const args = ['--no-config', '-l', ...rgArgs, dir]
  const start = performance.now()
  const run = spawnSync('rg', args, { encoding: 'utf8', maxBuffer: 1 << 30 })
  const ms = performance.now() - start
  if (run.error) throw run.error
  // 0: matches, 1: no match, anything else: an error.
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`rg ${args.join(' ')} exited with ${run.status}: ${run.stderr.trim()}`)
  }
  let files = 0
  for (const line of run.stdout.split('\n')) if (line) files++
  return { ms, files }
}

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`

/**
 * Count the rows of `table` whose `column` contains `needle`, the way a naive app searches:
 * `SELECT count(*) … WHERE column LIKE '%' || ? || '%'` (a full scan; `%`, `_` and `\` in the
 * needle are escaped; SQLite's LIKE folds ASCII case only). Times the query, not the prepare.
 */
export function likeScanSearch(
  db: Database,
  table: string,
  column: string,
  needle: string,
): { ms: number; rows: number } {
  const statement = db
    .prepare(
      `SELECT count(*) FROM ${quoteIdentifier(table)} ` +
        `WHERE ${quoteIdentifier(column)} LIKE '%' || ? || '%' ESCAPE '\\'`,
    )
    .pluck()
  const escaped = needle.replace(/[\\%_]/g, '\\$&')
  const start = performance.now()
  const rows = statement.get(escaped) as number
  return { ms: performance.now() - start, rows }
}

/**
 * p50, p95, p99 (linear interpolation between the closest ranks) and the mean of `samples`.
 * Throws a RangeError for an empty list.
 */
export function percentiles(samples: number[]): {
  p50: number
  p95: number
  p99: number
  mean: number
} {
  if (samples.length === 0) throw new RangeError('percentiles of no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number): number => {
    const pos = q * (sorted.length - 1)
    const lo = Math.floor(pos)
    const low = sorted[lo] as number
    const high = sorted[Math.min(lo + 1, sorted.length - 1)] as number
    return low + (high - low) * (pos - lo)
  }
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean }
}

/** This process's peak resident set size so far, in MB (`maxRSS` is reported in KiB). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024
}

/**
 * One reported figure. `compared` is the thing a user would otherwise use, measured in the same
 * run, in the same unit; the table's ratio is `value / compared.value` (`1/77`: a 77th of it).
 */
export interface Figure {
  value: number
  unit: string
  compared?: { with: string; value: number }
}

const isFigure = (x: unknown): x is Figure =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as Figure).value === 'number' &&
  typeof (x as Figure).unit === 'string'

/** Numbers to about four significant digits, without exponent notation. */
function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  const abs = Math.abs(x)
  if (Number.isInteger(x) || abs >= 1000) return Math.round(x).toLocaleString('en-US')
  if (abs >= 100) return x.toFixed(1)
  if (abs >= 1) return x.toFixed(2)
  if (abs === 0) return '0'
  return x.toPrecision(3)
}

/** `value / compared` as `3.2×`, or `1/77` when below one (easier to read than `0.013×`). */
const formatRatio = (x: number): string =>
  x >= 1 || x <= 0 ? `${formatNumber(x)}×` : `1/${formatNumber(1 / x)}`

type Row = [figure: string, value: string, unit: string, comparedWith: string, ratio: string]

/** Table rows for any nested object: `Figure`s, plain numbers and strings; keys joined by dots. */
function rows(figures: unknown, prefix = ''): Row[] {
  if (isFigure(figures)) {
    const c = figures.compared
    return [
      [
        prefix,
        formatNumber(figures.value),
        figures.unit,
        c ? `${c.with}: ${formatNumber(c.value)} ${figures.unit}` : '',
        c && c.value !== 0 ? formatRatio(figures.value / c.value) : '',
      ],
    ]
  }
  if (typeof figures === 'number') return [[prefix, formatNumber(figures), '', '', '']]
  if (typeof figures !== 'object' || figures === null) {
    return [[prefix, String(figures), '', '', '']]
  }
  return Object.entries(figures).flatMap(([key, value]) =>
    rows(value, prefix ? `${prefix}.${key}` : key),
  )
}

/** The aligned table `saveResults` prints: text columns left, numbers right. */
export function formatTable(figures: object): string {
  const header: Row = ['figure', 'value', 'unit', 'compared with', 'ratio']
  const body = rows(figures)
  const width = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]?.length ?? 0)))
  const line = (r: Row) =>
    r
      .map((cell, i) =>
        i === 1 || i === 4 ? cell.padStart(width[i] ?? 0) : cell.padEnd(width[i] ?? 0),
      )
      .join('  ')
      .trimEnd()
  return [line(header), width.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n')
}

/** The results folder, beside this file. */
export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url))

/** Write `data` to `path` through a temporary file, so a crash never leaves half a result. */
function writeAtomic(path: string, data: string): void {
  writeFileSync(`${path}.tmp`, data)
  renameSync(`${path}.tmp`, path)
}

/**
 * Save `figures` as `bench/results/<name>-<ISO timestamp>.json` and `<name>-latest.json`, with
 * the date and machine, and print them as a table. The timestamp's colons become dashes so
 * the name is valid everywhere. Returns the dated file's path.
 */
export function saveResults(name: string, figures: object): string {
  const date = new Date().toISOString()
  const cpus = os.cpus()
  const report = {
    name,
    date,
    machine: {
      node: process.version,
      platform: `${process.platform} ${os.release()} ${process.arch}`,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryMb: Math.round(os.totalmem() / 2 ** 20),
    },
    figures,
  }
  mkdirSync(RESULTS_DIR, { recursive: true })
  const json = `${JSON.stringify(report, null, 2)}\n`
  const path = join(RESULTS_DIR, `${name}-${date.replaceAll(':', '-')}.json`)
  writeAtomic(path, json)
  writeAtomic(join(RESULTS_DIR, `${name}-latest.json`), json)
  console.log(`\n${name} (${date}, ${cpus.length} × ${report.machine.cpuModel})\n`)
  console.log(formatTable(figures))
  console.log(`\nsaved ${path}`)
  return path
}
