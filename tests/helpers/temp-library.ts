/**
 * Temporary libraries for tests: real SQLite files in fresh temp folders, closed and removed
 * after each test. Call `useTempLibraries()` once at the top of a test file.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { type Library, type OpenOptions, openLibrary } from '../../src/main/library/open-library'

const dirs: string[] = []
const libraries: Library[] = []

/** A new empty temp folder, removed after the test. */
export function tempDir(prefix = 'broadsheet-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

/** Open (and track, so it is closed after the test) the library in `dir`. */
export function openTracked(dir: string, options?: OpenOptions): Library {
  const lib = openLibrary(dir, options)
  libraries.push(lib)
  return lib
}

/** A fresh library in a new temp folder, closed and removed after the test. */
export function tempLibrary(options?: OpenOptions): Library {
  return openTracked(join(tempDir(), 'library'), options)
}

/**
 * A library for a whole test file (built in `beforeAll`): not cleaned up per test, so call
 * `dispose()` in `afterAll`.
 */
export function sharedTempLibrary(options?: OpenOptions): { lib: Library; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-test-'))
  const lib = openLibrary(join(dir, 'library'), options)
  return {
    lib,
    dispose() {
      lib.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Close every tracked library and remove every temp folder. */
export function cleanupTempLibraries(): void {
  for (const lib of libraries.splice(0)) lib.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** Register the cleanup with vitest for the calling test file. */
export function useTempLibraries(): void {
  afterEach(cleanupTempLibraries)
}

/** A clock for `lib.now` that tests move by hand. */
export class TestClock {
  private t: number
  constructor(start = '2025-03-01T09:00:00.000Z') {
    this.t = Date.parse(start)
  }
  readonly now = (): Date => new Date(this.t)
  advance(ms: number): void {
    this.t += ms
  }
  set(iso: string): void {
    this.t = Date.parse(iso)
  }
}

export const MINUTE = 60_000
export const DAY = 86_400_000
