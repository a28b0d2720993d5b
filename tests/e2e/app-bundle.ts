/**
 * The built renderer that browser tests serve. The run's global setup (tests/setup/app-build.ts)
 * builds the app once, before any test file starts, into a folder nothing else writes to, so
 * every file shares it and a page can never load half a build.
 */
import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import { buildApp } from './browser'

/** The run's built renderer folder, shared by every test file: serve it, never write to it. */
export function appBundle(): string {
  const dir = process.env.VITEST ? inject('appBundle') : ''
  const failed = process.env.VITEST ? inject('appBundleError') : ''
  if (failed) throw new Error(`The app did not build for this run: ${failed}`)
  if (!dir) {
    throw new Error(
      'No app build for this run: tests/setup/app-build.ts builds it when a chosen test file ' +
        'imports tests/e2e/app-bundle.ts (directly or through a helper under tests/).',
    )
  }
  return dir
}

/**
 * A renderer bundle in a new temp folder of its own (remove it when done): a fresh build for a
 * bench run outside vitest, a copy of the run's build inside it.
 */
export function privateBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bundle-'))
  try {
    if (process.env.VITEST) {
      cpSync(appBundle(), dir, { recursive: true })
      return dir
    }
    const build = mkdtempSync(join(tmpdir(), 'broadsheet-build-'))
    try {
      buildApp(build)
      rmSync(dir, { recursive: true })
      renameSync(join(build, 'renderer'), dir)
    } finally {
      rmSync(build, { recursive: true, force: true })
    }
    return dir
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw err
  }
}
