/** Reading and writing the settings stored in the library (schema in src/shared/settings.ts). */
import { DEFAULT_WORDS_PER_MINUTE, readingMinutes } from '../../shared/document'
import { SETTINGS_SCHEMA, type Settings } from '../../shared/settings'
import type { Library } from './open-library'
import { stmt } from './statements'

/** The current settings, defaults where unset (a stored value that no longer validates is ignored). */
export function getSettings(lib: Library): Settings {
  const rows = stmt<[], { key: string; value: string }>(
    lib.db,
    'SELECT key, value FROM settings',
  ).all()
  const stored: Record<string, unknown> = {}
  for (const { key, value } of rows) {
    // Own keys only: a stored `constructor` or `toString` must not reach Object.prototype.
    if (!Object.hasOwn(SETTINGS_SCHEMA.shape, key)) continue
    const field = SETTINGS_SCHEMA.shape[key as keyof Settings]
    const parsed = field.safeParse(parseJson(value))
    if (parsed.success) stored[key] = parsed.data
  }
  return SETTINGS_SCHEMA.parse(stored)
}

/** A stored value, or undefined when it is not JSON (written by hand or damaged): then ignored. */
function parseJson(value: string): unknown {
  try {
    return JSON.parse(value)
  } catch {
    return undefined
  }
}

/**
 * Change some settings (already validated by the contract). Changing the reading speed
 * recomputes every article's reading time, so lists sorted by it stay right.
 */
export function updateSettings(lib: Library, patch: Partial<Settings>): Settings {
  lib.transaction(() => {
    const put = stmt(lib.db, 'INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)')
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) put.run(key, JSON.stringify(value))
    }
    if (patch.readingWordsPerMinute !== undefined) {
      recomputeReadingTimes(lib, patch.readingWordsPerMinute)
    }
  })
  return getSettings(lib)
}

function recomputeReadingTimes(lib: Library, wpm: number): void {
  lib.db.function('bs_reading_minutes', { deterministic: true }, (words: unknown, cjk: unknown) =>
    readingMinutes(Number(words), Number(cjk), wpm),
  )
  lib.db.exec('UPDATE articles SET reading_minutes = bs_reading_minutes(word_count, cjk_chars)')
}

/** The reading speed in words per minute (read on every save, so it is one indexed lookup). */
export function readingSpeed(lib: Library): number {
  const row = stmt<[], { value: string }>(
    lib.db,
    `SELECT value FROM settings WHERE key = 'readingWordsPerMinute'`,
  ).get()
  const n = row ? Number(parseJson(row.value)) : NaN
  return Number.isFinite(n) && n >= 50 ? n : DEFAULT_WORDS_PER_MINUTE
}
