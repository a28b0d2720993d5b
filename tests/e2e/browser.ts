/**
 * End-to-end helpers: building the app, Debian's Chromium driven by
 * playwright-core (never a downloaded browser), and a real server over a real temp library.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'

const ROOT = join(import.meta.dirname, '..', '..')
/** Where the tests put screenshots for a person to look at. */
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots')
/** The bundle the server serves. */
export const RENDERER_DIR = join(ROOT, 'out', 'renderer')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Build the app (renderer, preload, main) with electron-vite, as `npm run build` does, into
 * `outDir` (its `renderer/` holds the bundle). Tests use the one build the run's global setup
 * made (`appBundle()` in app-bundle.ts); a bench builds into a folder of its own. Without
 * `outDir` it builds into the project's `out/` (what the Electron smoke test launches), with a
 * lock folder so two such builds take turns (a stale lock older than five minutes is taken over).
 */
export function buildApp(outDir?: string): void {
  if (outDir !== undefined) return electronViteBuild(outDir)
  const lock = join(ROOT, 'out.build-lock')
  const deadline = Date.now() + 10 * 60_000
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 5 * 60_000) rmSync(lock, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`${lock} held for 10 minutes; remove it`)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200)
    }
  }
  try {
    electronViteBuild()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

function electronViteBuild(outDir?: string): void {
  const bin = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const args = outDir === undefined ? [bin, 'build'] : [bin, 'build', '--outDir', outDir]
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (run.status !== 0) {
    throw new Error(`electron-vite build failed:\n${run.stdout}\n${run.stderr}`)
  }
}

/** Launch Debian's Chromium headless, with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium).`,
    )
  }
  mkdirSync(SCREENSHOTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}
