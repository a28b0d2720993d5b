import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalServer, startServer } from '../../helpers/local-http-server'
import { tempDir, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

const ROOT = join(import.meta.dirname, '..', '..', '..')
const SCRIPT = join(ROOT, 'scripts', 'build-electron-native.mjs')
const require = createRequire(import.meta.url)
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'))
const sqliteVersion = (require('better-sqlite3/package.json') as { version: string }).version
const electronDir = dirname(require.resolve('electron/package.json'))
const electronVersion = (require('electron/package.json') as { version: string }).version
const abi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim()
const nodeBuild = join(sqliteDir, 'build', 'Release', 'better_sqlite3.node')
const folder = `electron-v${abi}-${process.platform}-${process.arch}`
/** The bytes served as "Electron's build" (any bytes do: the script only places the file). */
const FAKE_BINARY = Buffer.from('not really a native module, but placed like one\n')

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

async function runScript(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRIPT, ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

let server: LocalServer
let tarball: Buffer

beforeAll(async () => {
  // A release asset laid out as better-sqlite3 publishes them: build/Release/better_sqlite3.node.
  const dir = tempDir()
  mkdirSync(join(dir, 'build', 'Release'), { recursive: true })
  writeFileSync(join(dir, 'build', 'Release', 'better_sqlite3.node'), FAKE_BINARY)
  const tar = await promisify(execFile)('tar', ['-czf', '-', '-C', dir, 'build'], {
    encoding: 'buffer',
  })
  tarball = tar.stdout
  const asset = `/v${sqliteVersion}/better-sqlite3-v${sqliteVersion}-electron-v${abi}-${process.platform}-${process.arch}.tar.gz`
  server = await startServer({
    [asset]: (_req, res) => {
      res.setHeader('Content-Type', 'application/gzip')
      res.end(tarball)
    },
  })
})

afterAll(async () => {
  await server?.close()
})

describe('scripts/build-electron-native.mjs (postinstall)', () => {
  it('downloads Electron’s build into its own folder and leaves node_modules’ build alone', async () => {
    const before = hash(nodeBuild)
    const out = tempDir()
    const run = await runScript(['--out', out], {
      npm_config_better_sqlite3_binary_host: server.origin,
      npm_config_cache: tempDir(),
    })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout.trim().split('\n')).toHaveLength(1)
    expect(run.stdout).toContain(`downloaded the prebuilt binary for Electron ${electronVersion}`)
    expect(readFileSync(join(out, folder, 'better_sqlite3.node'))).toEqual(FAKE_BINARY)
    expect(hash(nodeBuild)).toBe(before)
    expect(server.requests.some((r) => r.path.includes(`electron-v${abi}`))).toBe(true)

    // A second install finds it there and asks no one.
    const seen = server.requests.length
    const again = await runScript(['--out', out], {
      npm_config_better_sqlite3_binary_host: server.origin,
    })
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('is already there')
    expect(server.requests.length).toBe(seen)
  })

  it('never fails an install without internet: one line, exit 0 (1 only with --strict)', async () => {
    const offline = {
      // Nothing listens on port 1: the connection is refused at once, as with no network.
      npm_config_better_sqlite3_binary_host: 'http://127.0.0.1:1',
      npm_config_cache: tempDir(),
    }
    const started = Date.now()
    const run = await runScript(['--out', tempDir()], offline)
    expect(run.code).toBe(0)
    expect(run.stdout.trim().split('\n')).toHaveLength(1)
    expect(run.stdout).toMatch(/no internet connection.*node scripts\/build-electron-native\.mjs/)
    expect(Date.now() - started).toBeLessThan(20_000)

    const strict = await runScript(['--out', tempDir(), '--strict'], offline)
    expect(strict.code).toBe(1)
  })

  it('can be switched off', async () => {
    const run = await runScript(['--out', tempDir()], { BROADSHEET_SKIP_ELECTRON_NATIVE: '1' })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/skipped/)
  })
})
