import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BroadsheetError } from '../../../src/shared/errors'
import { createArticle, getArticle } from '../../../src/main/library/articles'
import {
  FTS_TEXT_VERSION,
  checkIndex,
  indexArticle,
  registerFtsFunctions,
} from '../../../src/main/library/fts-source'
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/main/library/migrations'
import { openLibrary } from '../../../src/main/library/open-library'
import { searchArticles } from '../../../src/main/library/search/search'
import { openTracked, tempDir, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

const sha256 = (file: string): string =>
  createHash('sha256').update(readFileSync(file)).digest('hex')

function refusal(fn: () => unknown): BroadsheetError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(BroadsheetError)
    return err as BroadsheetError
  }
  throw new Error('expected the library to be refused')
}

describe('openLibrary: the folder', () => {
  it('creates a missing folder, with its database and assets folder', () => {
    const dir = join(tempDir(), 'not', 'there', 'yet')
    const lib = openTracked(dir)
    expect(statSync(dir).isDirectory()).toBe(true)
    expect(existsSync(join(dir, 'library.db'))).toBe(true)
    expect(statSync(join(dir, 'assets')).isDirectory()).toBe(true)
    expect(lib.dir).toBe(dir)
    expect(lib.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
  })

  it('turns an empty folder into a library, and opens it again later', () => {
    const dir = tempDir()
    const lib = openTracked(dir)
    const a = createArticle(lib, '# Kept\n\nAcross reopening.\n')
    lib.close()
    const again = openTracked(dir)
    expect(getArticle(again, a.id).markdown).toBe('# Kept\n\nAcross reopening.\n')
    // Reopening a current library is not a migration: no backup.
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([])
  })

  it('refuses a non-empty folder that is not a library, and leaves it alone', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'thesis.docx'), 'my work')
    const err = refusal(() => openLibrary(dir))
    expect(err.code).toBe('library_unusable')
    expect(err.message).toContain(dir)
    expect(err.message).toMatch(/not a Broadsheet library/)
    expect(err.message).toMatch(/empty/)
    expect(readdirSync(dir)).toEqual(['thesis.docx'])
  })

  it('accepts a non-empty default folder (explicit: false), which Electron shares', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'Preferences'), '{}')
    mkdirSync(join(dir, 'Cache'))
    const lib = openTracked(dir, { explicit: false })
    expect(existsSync(lib.dbPath)).toBe(true)
    expect(readFileSync(join(dir, 'Preferences'), 'utf8')).toBe('{}')
  })

  it('refuses a file path', () => {
    const file = join(tempDir(), 'notes.txt')
    writeFileSync(file, 'hello')
    const err = refusal(() => openLibrary(file))
    expect(err.code).toBe('library_unusable')
    expect(err.message).toContain(file)
    expect(err.message).toMatch(/file/)
    expect(readFileSync(file, 'utf8')).toBe('hello')
  })
})

describe('openLibrary: the connection', () => {
  it('uses WAL, foreign keys and synchronous=FULL', () => {
    const lib = openTracked(tempDir())
    expect(lib.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(lib.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(lib.db.pragma('synchronous', { simple: true })).toBe(2)
  })
})

describe('openLibrary: versions and migrations', () => {
  it('refuses a library written by a newer version and does not change a byte of it', () => {
    const dir = tempDir()
    const dbPath = join(dir, 'library.db')
    const raw = new Database(dbPath)
    raw.exec('CREATE TABLE articles (id INTEGER PRIMARY KEY, future_column TEXT)')
    raw.exec(`INSERT INTO articles (future_column) VALUES ('from the future')`)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    const before = sha256(dbPath)
    const filesBefore = readdirSync(dir).sort()

    const err = refusal(() => openLibrary(dir))
    expect(err.code).toBe('library_unusable')
    expect(err.message).toMatch(/newer/)
    expect(err.message).toContain(String(SCHEMA_VERSION + 1))
    expect(sha256(dbPath)).toBe(before)
    expect(readdirSync(dir).sort()).toEqual(filesBefore)
  })

  it('leaves the write-ahead log of a newer library alone (no checkpoint into its file)', () => {
    // A newer Broadsheet that was killed: its last writes are still only in library.db-wal.
    const writerDir = tempDir()
    const dir = tempDir()
    const raw = new Database(join(writerDir, 'library.db'))
    raw.pragma('journal_mode = WAL')
    raw.pragma('wal_autocheckpoint = 0')
    raw.exec('CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)')
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.exec(`INSERT INTO articles (body) VALUES ('only in the log')`)
    for (const f of readdirSync(writerDir)) copyFileSync(join(writerDir, f), join(dir, f))
    raw.close()
    const files = readdirSync(dir).sort()
    expect(files).toContain('library.db-wal')
    // The -shm file is a shared-memory index that any reader may rebuild; the content is in
    // the database and its log.
    const content = ['library.db', 'library.db-wal']
    const before = content.map((f) => sha256(join(dir, f)))

    expect(refusal(() => openLibrary(dir)).code).toBe('library_unusable')
    expect(readdirSync(dir).sort()).toEqual(files)
    expect(content.map((f) => sha256(join(dir, f)))).toEqual(before)
  })

  it('rebuilds the search index on open when it was built by an older text preparation', () => {
    const dir = tempDir()
    const lib = openTracked(dir)
    const a = createArticle(
      lib,
      '---\nauthors: [Hans Müller]\ntags: [technik]\n---\n# Videokamera\n',
    )
    lib.db.prepare(`UPDATE meta SET value = '0' WHERE key = 'fts_text_version'`).run()
    lib.close()

    const again = openTracked(dir)
    const version = again.db.prepare(`SELECT value FROM meta WHERE key = 'fts_text_version'`).get()
    expect(version).toEqual({ value: String(FTS_TEXT_VERSION) })
    checkIndex(again.db)
    for (const query of ['videokamera', 'kamera', 'author:müller', 'tag:technik']) {
      expect(
        searchArticles(again, { query }).items.map((h) => h.id),
        query,
      ).toEqual([a.id])
    }
  })

  it('migrates an empty database file to the current schema without a backup', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'library.db'), '')
    const lib = openTracked(dir)
    expect(lib.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    const tables = (
      lib.db.prepare(`SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')`).all() as {
        name: string
      }[]
    ).map((r) => r.name)
    for (const t of ['articles', 'revisions', 'assets', 'settings', 'article_fts', 'vocabulary']) {
      expect(tables).toContain(t)
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([])
    checkIndex(lib.db)
  })

  it('migrates a populated v1 library: keeps the data, backfills the vocabulary, backs up first', () => {
    const dir = tempDir()
    const dbPath = join(dir, 'library.db')
    const texts = [
      '---\ntitle: Die neue Videokamera\ntags: [technik]\n---\n\nDie Videokamera filmt in 8K.\n',
      '# Café culture\r\n\r\nA long essay about espresso.\r\n',
      '# 人工智能\n\n近年来，人工智能技术发展迅速。\n',
    ]
    // A library as version 1 of this code wrote it: the v1 schema, its rows and its index.
    const v1 = new Database(dbPath)
    v1.pragma('journal_mode = WAL')
    registerFtsFunctions(v1)
    v1.transaction(() => {
      MIGRATIONS[0]!.up(v1)
      v1.pragma('user_version = 1')
    })()
    v1.prepare(`INSERT INTO meta (key, value) VALUES ('fts_text_version', ?)`).run(
      String(FTS_TEXT_VERSION),
    )
    const insert = v1.prepare(
      `INSERT INTO articles (uid, content_hash, title, tags, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    const document = v1.prepare('INSERT INTO documents (article_id, markdown) VALUES (?, ?)')
    texts.forEach((markdown, i) => {
      const title = ['Die neue Videokamera', 'Café culture', '人工智能'][i]!
      const tags = i === 0 ? '["technik"]' : '[]'
      const id = insert.run(
        `v1article000${i}`,
        createHash('sha256').update(markdown).digest('hex'),
        title,
        tags,
        '2024-01-0' + (i + 1) + 'T10:00:00.000Z',
        '2024-01-0' + (i + 1) + 'T10:00:00.000Z',
      ).lastInsertRowid
      document.run(id, markdown)
      indexArticle(v1, Number(id))
    })
    v1.close()

    const lib = openTracked(dir)
    expect(lib.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    texts.forEach((markdown, i) => {
      expect(getArticle(lib, `v1article000${i}`).markdown).toBe(markdown)
    })
    // The vocabulary was built from the old articles, so substrings find them.
    const hits = searchArticles(lib, { query: 'kamera' }).items.map((h) => h.id)
    expect(hits).toEqual(['v1article0000'])
    expect(searchArticles(lib, { query: 'cafe' }).items.map((h) => h.id)).toEqual(['v1article0001'])
    expect(searchArticles(lib, { query: '人工智能' }).items.map((h) => h.id)).toEqual([
      'v1article0002',
    ])
    checkIndex(lib.db)

    const backups = readdirSync(dir).filter((f) => /^library\.db\.before-v\d+.*\.bak$/.test(f))
    expect(backups).toHaveLength(1)
    const backup = new Database(join(dir, backups[0]!), { readonly: true })
    try {
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(backup.pragma('user_version', { simple: true })).toBe(1)
      const rows = backup
        .prepare(
          'SELECT uid, markdown FROM articles JOIN documents ON article_id = articles.id ORDER BY id',
        )
        .all()
      expect(rows).toEqual(texts.map((markdown, i) => ({ uid: `v1article000${i}`, markdown })))
    } finally {
      backup.close()
    }
  })
})
