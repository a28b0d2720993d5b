/**
 * Vitest global setup: build the app once per test run, before any test file starts, into a
 * temp folder of the run's own, and hand its renderer folder to the test files
 * (`appBundle()` in tests/e2e/app-bundle.ts). Nothing writes to that folder while tests run,
 * so a page never loads half a build (when each file rebuilt `out/`, one file's page could
 * load while another file's build replaced it, and showed no list). `out/`, which `npm start`
 * and `broadsheet serve` use, is left alone.
 *
 * A run whose chosen files never import app-bundle.ts (say one unit test file) skips the build.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildApp } from '../e2e/browser'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's built renderer folder; '' when no chosen test file needs it or it failed. */
    appBundle: string
    /** Why the build failed ('' when it did not): the browser tests fail with it. */
    appBundleError: string
  }
}

const TESTS = resolve(import.meta.dirname, '..')
const APP_BUNDLE_MODULE = join(TESTS, 'e2e', 'app-bundle.ts')

/** Build the app when a chosen test file needs it; returns the teardown that removes it. */
export default async function setup(project: TestProject): Promise<() => void> {
  let dir = ''
  const prepare = (files: string[]) => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    project.provide('appBundle', '')
    project.provide('appBundleError', '')
    dir = needsBundle(files) ? buildInto(project) : ''
  }
  prepare(await chosenFiles(project))
  // Watch mode: the sources may have changed since, so a rerun that needs the app builds anew.
  project.onTestsRerun((specs) => prepare(specs.map((spec) => spec.moduleId)))
  return () => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  }
}

/** Build into a new temp folder and provide its renderer (or why it failed); '' on failure. */
function buildInto(project: TestProject): string {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-test-build-'))
  const started = Date.now()
  const renderer = join(dir, 'renderer')
  try {
    buildApp(dir)
    if (!existsSync(join(renderer, 'index.html'))) {
      throw new Error(`electron-vite build left no ${join(renderer, 'index.html')}`)
    }
  } catch (err) {
    // A broken build fails the browser tests, with this reason, and lets the others run.
    console.error(`Building the app for the browser tests failed: ${String(err)}`)
    project.provide('appBundleError', String(err))
    rmSync(dir, { recursive: true, force: true })
    return ''
  }
  console.log(`Built the app for this run in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  project.provide('appBundle', renderer)
  return dir
}

/** The test files this run chose; when they cannot be told (vitest's filters are internal), all. */
async function chosenFiles(project: TestProject): Promise<string[]> {
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern
  const { testFiles } = await project.globTestFiles(filters)
  return testFiles.length > 0 ? testFiles : (await project.globTestFiles()).testFiles
}

/** Whether any of `files` imports app-bundle.ts, directly or through helpers under tests/. */
function needsBundle(files: string[]): boolean {
  const seen = new Set<string>()
  return files.some((file) => importsBundle(resolve(file), seen))
}

/** Follows relative imports within tests/ (src/ never imports test helpers). */
function importsBundle(file: string, seen: Set<string>): boolean {
  if (file === APP_BUNDLE_MODULE) return true
  if (seen.has(file) || !file.startsWith(TESTS)) return false
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return false
  seen.add(file)
  const text = readFileSync(file, 'utf8')
  const specifiers = text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)
  for (const [, spec] of specifiers) {
    const target = resolve(dirname(file), spec!)
    const candidates = [target, `${target}.ts`, target.replace(/\.js$/, '.ts')]
    if (candidates.some((c) => importsBundle(c, seen))) return true
  }
  return false
}
