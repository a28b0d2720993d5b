/**
 * `npm run bench -- cli-start [--runs 9]`: how long `broadsheet --version`, `list`, `search` and
 * `show` take from start to exit against a small library, as a person running the command
 * waits for it. Each from the fresh esbuild bundle bin/broadsheet uses, beside the same sources
 * through tsx (`BROADSHEET_CLI_BUNDLE=0`, how every start went before), runs alternating so
 * both see the same machine load, which is recorded beside the figures.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { type Figure, percentiles, saveResults } from './comparators'
import { updateReadmeSection } from './readme-section'

const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const RUNS = Math.max(1, Number(option('runs', '9')))
const BIN = join(import.meta.dirname, '../bin/broadsheet')

const root = mkdtempSync(join(os.tmpdir(), 'broadsheet-cli-start-'))
const library = join(root, 'library')
const notes = join(root, 'notes')
mkdirSync(notes)
for (let i = 1; i <= 20; i++) {
  writeFileSync(join(notes, `n${i}.md`), `# Note ${i}\n\nA few words about topic ${i}.\n`)
}

function cli(env: Record<string, string>, ...cliArgs: string[]) {
  const start = performance.now()
  const r = spawnSync(process.execPath, [BIN, '--library', library, ...cliArgs], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  if (r.status !== 0) throw new Error(`broadsheet ${cliArgs.join(' ')} failed: ${r.stderr}`)
  return { ms: performance.now() - start, stdout: r.stdout }
}

cli({}, 'import', notes)
const id = (JSON.parse(cli({}, 'list', '--json').stdout) as { id: string }[])[0]!.id
const commands: Record<string, string[]> = {
  '--version': ['--version'],
  list: ['list'],
  search: ['search', 'topic'],
  show: ['show', id],
}
const loadBefore = os.loadavg()[0]!
const times: Record<string, { bundle: number[]; tsx: number[] }> = {}
for (const [name, cliArgs] of Object.entries(commands)) {
  times[name] = { bundle: [], tsx: [] }
  for (let run = 0; run < RUNS; run++) {
    times[name].bundle.push(cli({}, ...cliArgs).ms)
    times[name].tsx.push(cli({ BROADSHEET_CLI_BUNDLE: '0' }, ...cliArgs).ms)
  }
}
const loadAfter = os.loadavg()[0]!
rmSync(root, { recursive: true, force: true })

const p50 = (xs: number[]) => percentiles(xs).p50
const figures: Record<string, unknown> = {
  runs: RUNS,
  cores: os.cpus().length,
  loadAverage: { before: loadBefore, after: loadAfter },
}
for (const [name, t] of Object.entries(times)) {
  figures[`${name.replace(/^-+/, '')}Ms`] = {
    value: p50(t.bundle),
    unit: 'ms',
    compared: { with: 'the same sources through tsx', value: p50(t.tsx) },
  } satisfies Figure
}
saveResults('cli-start', figures)

const load = `load ${loadBefore.toFixed(1)}–${loadAfter.toFixed(1)} on ${os.cpus().length} cores`
const rows = Object.entries(times).map(
  ([name, t]) =>
    `| \`broadsheet ${commands[name]!.join(' ').replace(id, 'ID')}\` | ${Math.round(p50(t.bundle))} ms | ${Math.round(p50(t.tsx))} ms | ${(p50(t.bundle) / p50(t.tsx)).toFixed(2)}× |`,
)
const table = [
  `| start to exit (median of ${RUNS}, ${load}, ${new Date().toISOString().slice(0, 10)}) | bundle | through tsx | ratio |`,
  '| --- | --- | --- | --- |',
  ...rows,
  '',
].join('\n')
console.log(table)
await updateReadmeSection('cli-start', table)
