/**
 * `npm run bench [-- name...]`: runs each bench (`bench/<name>-bench.ts`) in its own process,
 * one after another so they never compete for the machine's cores. With no names, all of
 * them. Each bench prints its table and saves `bench/results/<name>-*.json`.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const here = import.meta.dirname
const available = readdirSync(here)
  .filter((f) => f.endsWith('-bench.ts'))
  .map((f) => f.slice(0, -'-bench.ts'.length))
  .sort()
const args = process.argv.slice(2)
// Names first, then options passed to each bench: `npm run bench -- library --count 1000`.
const firstOption = args.findIndex((a) => a.startsWith('-'))
const names = firstOption < 0 ? args : args.slice(0, firstOption)
const passThrough = firstOption < 0 ? [] : args.slice(firstOption)
const unknown = names.filter((n) => !available.includes(n))
if (unknown.length > 0) {
  console.error(`No bench named ${unknown.join(', ')}; there are: ${available.join(', ')}.`)
  process.exit(2)
}
let failed = 0
for (const name of names.length > 0 ? names : available) {
  console.log(`\n=== bench: ${name}\n`)
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(here, `${name}-bench.ts`), ...passThrough],
    { stdio: 'inherit' },
  )
  if (run.status !== 0) {
    console.error(`bench ${name} failed (exit ${run.status ?? run.signal})`)
    failed += 1
  }
}
process.exit(failed > 0 ? 1 : 0)
