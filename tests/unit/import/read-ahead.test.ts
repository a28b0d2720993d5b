import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { collectFiles } from '../../../src/main/import/collect-files'
import { BINARY_REASON } from '../../../src/main/import/decode-text'
import { missingImageWarning } from '../../../src/main/import/image-warnings'
import { importPaths } from '../../../src/main/import/markdown-files'
import { READ_AHEAD_MIN_FILES, ReadAhead } from '../../../src/main/import/read-ahead'
import { deriveArticle } from '../../../src/main/library/derive-article'
import { checkIndex } from '../../../src/main/library/fts-source'
import { openLibrary, type Library } from '../../../src/main/library/open-library'
import { searchArticles } from '../../../src/main/library/search/search'

let tmp: string
let src: string
let lib: Library

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'broadsheet-read-ahead-'))
  src = join(tmp, 'src')
  mkdirSync(src)
  lib = openLibrary(join(tmp, 'library'))
})

afterEach(() => {
  lib.close()
  rmSync(tmp, { recursive: true, force: true })
})

function put(rel: string, content: string | Uint8Array): string {
  const file = join(src, rel)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, content)
  return file
}

/** Enough plain articles for the import to start its read-ahead worker. */
function putMany(n: number): void {
  for (let i = 0; i < n; i++) {
    const name = `a/${String(i).padStart(5, '0')}.md`
    put(name, `---\ntitle: Article ${i}\ntags: [bulk]\n---\n\nBody number ${i} with pelican.\n`)
  }
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

describe('read-ahead worker', () => {
  it('derives each file on its own thread exactly as the writing thread would', () => {
    putMany(READ_AHEAD_MIN_FILES)
    const { files } = collectFiles([src])
    const ahead = ReadAhead.start(files, 230)
    expect(ahead).not.toBeNull()
    try {
      ahead!.waitUntilReady()
      const answers = files.map((_, i) => ahead!.take(i))
      expect(answers.every((a) => a?.kind === 'derived')).toBe(true)
      const last = answers[answers.length - 1]!
      if (last.kind !== 'derived') throw new Error('not derived')
      const { terms, ...rest } = deriveArticle(last.article.markdown, 230)
      expect(last.article).toEqual({ ...rest, terms: last.article.terms })
      expect(last.article.columns.title).toBe(`Article ${READ_AHEAD_MIN_FILES - 1}`)
      // Each vocabulary word comes once per import, with the first article that has it.
      const given = new Set<string>()
      for (const a of answers) {
        if (a?.kind !== 'derived') throw new Error('not derived')
        const expected = deriveArticle(a.article.markdown, 230).terms.filter((t) => !given.has(t))
        expect(a.article.terms).toEqual(expected)
        for (const t of expected) given.add(t)
      }
      expect(terms.every((t) => given.has(t))).toBe(true)
    } finally {
      ahead!.close()
    }
  })

  it('a large import gives the same articles, skips and warnings as a small one', () => {
    putMany(READ_AHEAD_MIN_FILES + 200)
    // Files the worker answers for in other ways, after the bulk (folders are walked in order).
    put('z/binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]))
    put('z/empty.md', '')
    put('z/img.png', PNG)
    put('z/local-image.md', '# With an image\n\n![a dot](img.png)\n')
    put('z/missing-image.md', '# Missing\n\n![gone](nowhere.png)\n')
    put('z/web-image.md', '# Web\n\n![remote](https://example.com/x.png)\n')
    put('z/broken-front-matter.md', '---\ntitle: [unclosed\n---\n\nBroken but kept.\n')
    put('z/videokamera.md', '# Camera news\n\nThe Videokamera was sold out.\n')
    put(
      'z/duplicate.md',
      `---\ntitle: Article 7\ntags: [bulk]\n---\n\nBody number 7 with pelican.\n`,
    )

    const report = importPaths(lib, [src])

    const bulk = READ_AHEAD_MIN_FILES + 200
    expect(report.imported).toBe(bulk + 5)
    const skipped = report.skipped.map((s) => [s.path.slice(src.length + 1), s.reason])
    expect(skipped.sort((a, b) => (a[0]! < b[0]! ? -1 : 1))).toEqual([
      ['z/binary.md', BINARY_REASON],
      [
        'z/duplicate.md',
        expect.stringMatching(/^already in the library as [0-9a-z]{12}$/) as unknown as string,
      ],
      ['z/empty.md', 'empty file'],
    ])
    const warnings = report.warnings.map((w) => [w.path.slice(src.length + 1), w.message])
    expect(warnings).toContainEqual(['z/missing-image.md', missingImageWarning('nowhere.png')])
    expect(warnings.some(([p]) => p === 'z/broken-front-matter.md')).toBe(true)
    expect(warnings.some(([p]) => p === 'z/web-image.md' || p === 'z/local-image.md')).toBe(false)

    const doc = (title: string) =>
      (
        lib.db
          .prepare(
            `SELECT d.markdown FROM articles a JOIN documents d ON d.article_id = a.id WHERE a.title = ?`,
          )
          .get(title) as { markdown: string }
      ).markdown
    expect(doc('With an image')).toMatch(/!\[a dot\]\(assets\/[0-9a-f]{64}\.png\)/)
    expect(doc('Missing')).toBe('# Missing\n\n![gone](nowhere.png)\n')
    expect(doc(`Article ${bulk - 1}`)).toBe(
      `---\ntitle: Article ${bulk - 1}\ntags: [bulk]\n---\n\nBody number ${bulk - 1} with pelican.\n`,
    )

    // Everything is searchable when the import returns: words, tags and substrings.
    const titles = (query: string) =>
      searchArticles(lib, { query, limit: 5 }).items.map((a) => a.title)
    expect(titles(`Body number ${bulk - 1}`)).toContain(`Article ${bulk - 1}`)
    expect(titles('kamera')).toEqual(['Camera news'])
    expect(searchArticles(lib, { query: 'tag:bulk pelican', limit: 1 }).items).toHaveLength(1)
    checkIndex(lib.db)
  })

  it('a file that fails to store still gives later files the words they share with it', () => {
    // The worker sends each word with the first file that has it; here that file fails.
    lib.db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.vocabulary
      WHEN NEW.term = 'zyzzyva' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
    putMany(READ_AHEAD_MIN_FILES + 200)
    put('z/1.md', '# Aardvark zyzzyva\n')
    put('z/2.md', '# Three\n\nAn aardvark again.\n')

    const report = importPaths(lib, [src], { waitForReadAhead: true })

    expect(report.imported).toBe(READ_AHEAD_MIN_FILES + 201)
    expect(report.skipped).toEqual([
      { path: join(src, 'z/1.md'), reason: 'could not be stored (refused by the test)' },
    ])
    const titles = (query: string) =>
      searchArticles(lib, { query, limit: 5 }).items.map((a) => a.title)
    expect(titles('ardvar')).toEqual(['Three'])
    expect(titles('zyzzyva')).toEqual([])
    checkIndex(lib.db)
  })
})
