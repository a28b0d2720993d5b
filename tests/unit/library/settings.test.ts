import { describe, expect, it } from 'vitest'
import { createArticle, getArticle } from '../../../src/main/library/articles'
import { listArticles } from '../../../src/main/library/list'
import { getSettings, updateSettings } from '../../../src/main/library/settings'
import { createRouter } from '../../../src/main/rpc/router'
import { openTracked, tempDir, tempLibrary, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 97}`).join(' ')

describe('settings', () => {
  it('has defaults before anything is set', () => {
    const lib = tempLibrary()
    expect(getSettings(lib)).toEqual({
      readingWordsPerMinute: 230,
      theme: 'system',
      fontFamily: 'serif',
      fontSize: 18,
      vimMode: false,
      markReadOnOpen: true,
      lineHeight: 1.65,
      contentWidth: 42,
      sidebarVisible: true,
    })
  })

  it('stores changes in the library, so they survive reopening', () => {
    const dir = tempDir()
    const lib = openTracked(dir)
    const next = updateSettings(lib, { theme: 'sepia', fontSize: 21, vimMode: true })
    expect(next).toMatchObject({ theme: 'sepia', fontSize: 21, vimMode: true })
    expect(next.readingWordsPerMinute).toBe(230)
    lib.close()
    expect(getSettings(openTracked(dir))).toMatchObject({
      theme: 'sepia',
      fontSize: 21,
      vimMode: true,
      fontFamily: 'serif',
    })
  })

  it('ignores a stored value that no longer validates', () => {
    const lib = tempLibrary()
    updateSettings(lib, { theme: 'dark' })
    lib.db
      .prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('fontSize', '"huge"')`)
      .run()
    lib.db
      .prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('vimMode', 'not json')`)
      .run()
    lib.db.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('retired', '1')`).run()
    lib.db.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('constructor', '1')`).run()
    lib.db.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('toString', '"x"')`).run()
    expect(getSettings(lib)).toMatchObject({ theme: 'dark', fontSize: 18, vimMode: false })
    // A damaged reading speed falls back to the default rather than breaking every save.
    lib.db
      .prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('readingWordsPerMinute', '{')`)
      .run()
    expect(getSettings(lib).readingWordsPerMinute).toBe(230)
    expect(createArticle(lib, `${words(2000)}\n`).readingMinutes).toBe(9)
  })

  it('recomputes every reading time when the reading speed changes', () => {
    const lib = tempLibrary()
    const long = createArticle(lib, `# Long read\n\n${words(2000)}\n`)
    const short = createArticle(lib, `# Short\n\n${words(100)}\n`)
    const cjk = createArticle(lib, `# 长文\n\n${'人工智能技术'.repeat(450)}\n`)
    expect(long.readingMinutes).toBe(9) // 2,000 words at 230 wpm
    expect(short.readingMinutes).toBe(1)
    expect(cjk.readingMinutes).toBe(6) // 2,700 characters at 500 a minute

    updateSettings(lib, { readingWordsPerMinute: 460 })
    expect(getArticle(lib, long.id).readingMinutes).toBe(5)
    expect(getArticle(lib, short.id).readingMinutes).toBe(1)
    // Characters are read at their own speed, whatever the words-per-minute.
    expect(getArticle(lib, cjk.id).readingMinutes).toBe(6)
    // Lists sorted by reading time see the new figures.
    const byLength = listArticles(lib, { sort: 'reading' }).items.map((a) => a.readingMinutes)
    expect(byLength).toEqual([1, 5, 6])
    // New articles are timed at the new speed.
    expect(createArticle(lib, `# Another\n\n${words(2000)}\n`).readingMinutes).toBe(5)
  })

  it('changes only the settings a patch names, through the contract', async () => {
    const lib = tempLibrary()
    const call = createRouter(lib)
    expect(await call('settings.update', { patch: { theme: 'dark' } })).toMatchObject({ ok: true })
    const result = await call('settings.update', { patch: { fontSize: 21 } })
    expect(result).toMatchObject({ ok: true, value: { theme: 'dark', fontSize: 21 } })
    expect(getSettings(lib)).toMatchObject({ theme: 'dark', fontSize: 21 })
    const bad = await call('settings.update', { patch: { fontSize: 'huge' } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await call('settings.update', { patch: { nope: 1 } })).toMatchObject({ ok: false })
  })
})
