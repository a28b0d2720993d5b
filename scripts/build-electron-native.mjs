#!/usr/bin/env node
// better-sqlite3 for Electron, beside (never instead of) node_modules' build for Node.
//
// `npm install` builds better-sqlite3 for Node, which the tests and the CLI use. Electron has
// another ABI, so this script (run by `postinstall`, and by `npm run dist` with --strict) puts
// an Electron build in build/native/electron-v<abi>-<platform>-<arch>/better_sqlite3.node,
// which the app loads through better-sqlite3's `nativeBinding` option
// (src/main/electron/native-binding.ts). node_modules is never touched.
//
// It first downloads better-sqlite3's own prebuilt binary for this Electron (prebuild-install,
// in a scratch folder), and only if none is published builds it from source with
// @electron/rebuild (also in a scratch copy). Without internet it prints one line and exits 0:
// installing must never fail for this, and the tests and the CLI do not need it.
//
// Options: --arch <arch> --platform <platform> (another target, for packaging), --force
// (rebuild even if present), --strict (exit 1 when no build could be made, for `npm run dist`),
// --out <dir> (instead of build/native; the tests use it).
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { parseArgs } from 'node:util'

const ROOT = join(import.meta.dirname, '..')
const require = createRequire(join(ROOT, 'package.json'))
const PREFIX = 'better-sqlite3 for Electron:'
/** A download (a few MB) that takes longer than this is treated as no connection. */
const DOWNLOAD_TIMEOUT_MS = 120_000
/** Compiling SQLite takes a few minutes on a slow machine. */
const BUILD_TIMEOUT_MS = 15 * 60_000
const OFFLINE =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up|timed out/i

const { values: args } = parseArgs({
  options: {
    arch: { type: 'string', default: process.arch },
    platform: { type: 'string', default: process.platform },
    force: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'build', 'native') },
  },
})

/** Stop here: one line, and success unless --strict asked for a build. */
function done(message, ok = true) {
  console.log(`${PREFIX} ${message}`)
  process.exit(ok || !args.strict ? 0 : 1)
}

/** An installed package's folder and package.json fields, or null. */
function packageJson(name) {
  try {
    const file = require.resolve(`${name}/package.json`)
    return { dir: dirname(file), ...JSON.parse(readFileSync(file, 'utf8')) }
  } catch {
    return null
  }
}

if (process.env.BROADSHEET_SKIP_ELECTRON_NATIVE)
  done('skipped (BROADSHEET_SKIP_ELECTRON_NATIVE is set).')

const electron = packageJson('electron')
const sqlite = packageJson('better-sqlite3')
if (!electron)
  done('skipped: Electron is not installed (a production install needs no desktop app).')
if (!sqlite) done('skipped: better-sqlite3 is not installed.', false)

const abi = electronAbi(electron)
if (!abi)
  done(`skipped: cannot tell the ABI of Electron ${electron.version}; update node-abi.`, false)
const targetDir = join(args.out, `electron-v${abi}-${args.platform}-${args.arch}`)
const target = join(targetDir, 'better_sqlite3.node')
const shown = relative(ROOT, target)
if (existsSync(target) && !args.force) done(`${shown} is already there.`)

const scratch = mkdtempSync(join(tmpdir(), 'broadsheet-native-'))
try {
  const download = downloadPrebuilt(scratch)
  if (download.file) {
    install(download.file)
    done(`downloaded the prebuilt binary for Electron ${electron.version} into ${shown}.`)
  }
  if (download.offline) {
    done(
      `no internet connection, so \`npm start\` cannot open a library yet (tests and the CLI are fine); run \`node scripts/build-electron-native.mjs\` when online.`,
      false,
    )
  }
  const built = await buildFromSource(scratch)
  if (built.file) {
    install(built.file)
    done(`built from source for Electron ${electron.version} into ${shown}.`)
  }
  done(
    `no prebuilt binary for Electron ${electron.version} and building failed (${built.reason}); install a C++ toolchain and Python, then run \`node scripts/build-electron-native.mjs\`.`,
    false,
  )
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

/** Electron's native-module ABI: from the electron package, else from node-abi. */
function electronAbi(pkg) {
  const file = join(pkg.dir, 'abi_version')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  try {
    return require('node-abi').getAbi(pkg.version, 'electron')
  } catch {
    return null
  }
}

function install(file) {
  mkdirSync(targetDir, { recursive: true })
  copyFileSync(file, `${target}.tmp`)
  // Same-folder rename: a half-copied file never has the name the app loads.
  renameSync(`${target}.tmp`, target)
}

/**
 * better-sqlite3's published binary for this Electron, via prebuild-install run in a scratch
 * folder holding only the package's package.json (so it unpacks there, not in node_modules).
 */
function downloadPrebuilt(dir) {
  let bin
  try {
    bin = createRequire(join(sqlite.dir, 'package.json')).resolve('prebuild-install/bin.js')
  } catch {
    return { offline: false }
  }
  const work = join(dir, 'prebuilt')
  mkdirSync(work)
  copyFileSync(join(sqlite.dir, 'package.json'), join(work, 'package.json'))
  const run = spawnSync(
    process.execPath,
    [
      bin,
      '--runtime',
      'electron',
      '--target',
      electron.version,
      '--arch',
      args.arch,
      '--platform',
      args.platform,
    ],
    { cwd: work, encoding: 'utf8', timeout: DOWNLOAD_TIMEOUT_MS },
  )
  const file = join(work, 'build', 'Release', 'better_sqlite3.node')
  if (run.status === 0 && existsSync(file)) return { file }
  const output = `${run.stderr ?? ''}${run.stdout ?? ''}${run.error?.message ?? ''}`
  return { offline: OFFLINE.test(output) || run.error?.code === 'ETIMEDOUT' }
}

/** Compile better-sqlite3 against Electron's headers with @electron/rebuild, in a scratch copy. */
async function buildFromSource(dir) {
  if (args.platform !== process.platform) {
    return { reason: `cannot compile for ${args.platform} on ${process.platform}` }
  }
  let rebuild
  try {
    ;({ rebuild } = await import(require.resolve('@electron/rebuild')))
  } catch {
    return { reason: '@electron/rebuild is not installed' }
  }
  const app = join(dir, 'source')
  const copy = join(app, 'node_modules', 'better-sqlite3')
  cpSync(sqlite.dir, copy, {
    recursive: true,
    filter: (src) => !src.startsWith(join(sqlite.dir, 'build')),
  })
  const manifest = {
    name: 'scratch',
    version: '1.0.0',
    dependencies: { 'better-sqlite3': sqlite.version },
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify(manifest))
  let timer
  try {
    await Promise.race([
      rebuild({
        buildPath: app,
        electronVersion: electron.version,
        arch: args.arch,
        onlyModules: ['better-sqlite3'],
        force: true,
        // The prebuilt download was tried already; compile.
        buildFromSource: true,
      }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), BUILD_TIMEOUT_MS)
        timer.unref()
      }),
    ])
  } catch (err) {
    return { reason: String(err?.message ?? err).split('\n')[0] }
  } finally {
    clearTimeout(timer)
  }
  const file = join(copy, 'build', 'Release', 'better_sqlite3.node')
  return existsSync(file) ? { file } : { reason: 'no better_sqlite3.node was produced' }
}
