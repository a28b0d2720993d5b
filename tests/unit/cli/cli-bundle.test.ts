import { spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The CLI's fast start (scripts/cli-bundle.mjs): an esbuild bundle of the sources that must
// never be stale. Checked on a small TypeScript project of its own, in real processes.
const ROOT = join(import.meta.dirname, '../../..')
const BUNDLER = join(ROOT, 'scripts/cli-bundle.mjs')
const BIN = join(ROOT, 'bin/broadsheet')

let tmp: string

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'broadsheet-cli-bundle-'))
})
afterAll(() => {
  chmodSync(tmp, 0o755)
  rmSync(tmp, { recursive: true, force: true })
})

/** A project whose entry prints a word from another module and where it thinks it lives. */
function project(name: string, word = 'first', cacheDir = join(tmp, name, 'cache')) {
  const root = join(tmp, name)
  mkdirSync(join(root, 'src'), { recursive: true })
  writeFileSync(
    join(root, 'src/main.ts'),
    [
      "import { word } from './word'",
      'export async function main(argv: string[]): Promise<number> {',
      "  process.stdout.write(`${word} ${new URL('.', import.meta.url).pathname}\\n`)",
      '  return argv.length',
      '}',
    ].join('\n'),
  )
  setWord(root, word)
  writeFileSync(
    join(root, 'run.mjs'),
    [
      `import { freshBundleUrl } from ${JSON.stringify(BUNDLER)}`,
      `const place = ${JSON.stringify({ root, entry: 'src/main.ts', cacheDir, extraInputs: [] })}`,
      'const url = await freshBundleUrl(place)',
      "if (!url) { console.log('no bundle'); process.exit(0) }",
      'const cli = await import(url)',
      'await cli.main([])',
      'console.log(url)',
    ].join('\n'),
  )
  return { root, cacheDir }
}

function setWord(root: string, word: string) {
  writeFileSync(join(root, 'src/word.ts'), `export const word: string = ${JSON.stringify(word)}\n`)
}

/** Run the project's entry through its bundle: the printed word, source folder and bundle. */
function run(root: string) {
  const r = spawnSync(process.execPath, [join(root, 'run.mjs')], { encoding: 'utf8' })
  expect(r.stderr).toBe('')
  const [line, url] = r.stdout.trim().split('\n')
  const [word, dir] = line!.split(' ')
  return { word, dir, url }
}

function runAsync(root: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'run.mjs')])
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d))
    child.on('error', reject)
    child.on('close', () => resolve(out))
  })
}

const buildFolders = (cacheDir: string) =>
  readdirSync(cacheDir).filter((n) => n.startsWith('build-'))

describe('the CLI bundle', () => {
  it('is reused while nothing changed, and each module keeps its own location', () => {
    const { root, cacheDir } = project('reuse')
    const first = run(root)
    expect(first.word).toBe('first')
    // import.meta.url is the source's, so files beside a module are found as with tsx.
    expect(first.dir).toBe(join(root, 'src') + '/')
    expect(first.url).toContain(cacheDir)
    // A file saved just before a build may be built once more (see RACY_MARGIN_MS); no more.
    const second = run(root)
    expect(run(root)).toEqual(second)
    expect(buildFolders(cacheDir).length).toBeLessThanOrEqual(2)
  })

  it('is rebuilt after a source changed, even one whose modification time was set back', () => {
    const { root } = project('edited')
    const before = run(root)
    setWord(root, 'second')
    const old = new Date(Date.now() - 3_600_000)
    utimesSync(join(root, 'src/word.ts'), old, old)
    const after = run(root)
    expect(after.word).toBe('second')
    expect(after.url).not.toBe(before.url)
  })

  it('is rebuilt after a source was only touched', () => {
    const { root } = project('touched')
    const before = run(root)
    const now = new Date()
    utimesSync(join(root, 'src/main.ts'), now, now)
    expect(run(root).url).not.toBe(before.url)
  })

  it('is not used when a source is gone or does not build (the caller falls back to tsx)', () => {
    const { root } = project('broken')
    run(root)
    writeFileSync(join(root, 'src/word.ts'), 'export const word: string = \n')
    expect(spawnSync(process.execPath, [join(root, 'run.mjs')], { encoding: 'utf8' }).stdout).toBe(
      'no bundle\n',
    )
    rmSync(join(root, 'src/word.ts'))
    expect(spawnSync(process.execPath, [join(root, 'run.mjs')], { encoding: 'utf8' }).stdout).toBe(
      'no bundle\n',
    )
  })

  it('serves processes that start together after a change: each runs the new code', async () => {
    const { root, cacheDir } = project('together')
    run(root)
    setWord(root, 'together')
    const outs = await Promise.all([1, 2, 3, 4].map(() => runAsync(root)))
    for (const out of outs) expect(out).toMatch(/^together /)
    // The manifest names a complete build, and the next start uses it without building.
    const manifest = readdirSync(cacheDir).find((n) => n.startsWith('current-'))!
    const { dir } = JSON.parse(readFileSync(join(cacheDir, manifest), 'utf8')) as { dir: string }
    expect(statSync(join(cacheDir, dir, 'main.js')).isFile()).toBe(true)
    const builds = buildFolders(cacheDir).length
    expect(run(root).url).toContain(dir)
    expect(buildFolders(cacheDir)).toHaveLength(builds)
    expect(readdirSync(cacheDir).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('keeps two checkouts that share a cache apart', () => {
    const shared = join(tmp, 'shared-cache')
    const a = project('checkout-a', 'alpha', shared)
    const b = project('checkout-b', 'beta', shared)
    expect(run(a.root).word).toBe('alpha')
    expect(run(b.root).word).toBe('beta')
    expect(run(a.root)).toMatchObject({ word: 'alpha', dir: join(a.root, 'src') + '/' })
  })

  it('is not used when the cache folder cannot be made', () => {
    writeFileSync(join(tmp, 'a-file'), '')
    const { root } = project('no-cache', 'first', join(tmp, 'a-file', 'cache'))
    const r = spawnSync(process.execPath, [join(root, 'run.mjs')], { encoding: 'utf8' })
    expect(r.stdout).toBe('no bundle\n')
  })

  // Root may write anywhere, so a read-only folder can only be tried as another user.
  it.skipIf(process.getuid?.() === 0)('is used from a read-only cache, and not built there', () => {
    const { root, cacheDir } = project('read-only')
    const built = run(root)
    chmodSync(cacheDir, 0o555)
    try {
      expect(run(root)).toEqual(built)
      setWord(root, 'changed')
      const r = spawnSync(process.execPath, [join(root, 'run.mjs')], { encoding: 'utf8' })
      expect(r.stdout).toBe('no bundle\n')
    } finally {
      chmodSync(cacheDir, 0o755)
    }
  })
})

describe('bin/broadsheet', () => {
  const cli = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      env: { ...process.env, BROADSHEET_LIBRARY: '', ...env },
    })

  it('answers the same from the bundle and through tsx', () => {
    for (const args of [['--version'], ['--help'], ['list', '--state', 'nope'], ['nosuch']]) {
      const bundled = cli({}, ...args)
      const tsx = cli({ BROADSHEET_CLI_BUNDLE: '0' }, ...args)
      expect({ ...bundled, pid: 0, output: null }).toEqual({ ...tsx, pid: 0, output: null })
    }
  })

  // Touching a real source here would send a watching test runner round in circles, so the
  // rebuild itself is shown on the small project above; this shows what the CLI's is built from.
  it('checks every source of the CLI on each start', () => {
    expect(cli({}, '--version').stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    const cacheDir = join(ROOT, 'node_modules/.cache/broadsheet-cli')
    const inputs = readdirSync(cacheDir)
      .filter((n) => n.startsWith('current-'))
      .flatMap((n) => {
        const manifest = JSON.parse(readFileSync(join(cacheDir, n), 'utf8')) as {
          root: string
          inputs: [string, string][]
        }
        return manifest.root === ROOT ? manifest.inputs.map(([file]) => file) : []
      })
    for (const file of [
      'src/main/cli/main.ts',
      'src/main/cli/commands/list-commands.ts',
      'src/main/cli/commands/export-command.ts', // loaded only by `export`, checked all the same
      'src/main/library/open-library.ts',
      'src/shared/contract.ts',
      'package.json',
      'scripts/cli-bundle.mjs',
    ]) {
      expect(inputs).toContain(file)
    }
  })
})
