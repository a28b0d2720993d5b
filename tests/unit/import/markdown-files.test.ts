import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NOT_MARKDOWN_REASON } from '../../../src/main/import/collect-files'
import { BINARY_REASON, INVALID_UTF8_REASON } from '../../../src/main/import/decode-text'
import { importPaths } from '../../../src/main/import/markdown-files'
import { checkIndex } from '../../../src/main/library/fts-source'
import { openLibrary, type Library } from '../../../src/main/library/open-library'

let tmp: string
let src: string
let lib: Library

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'broadsheet-import-'))
  src = join(tmp, 'src')
  mkdirSync(src)
  lib = openLibrary(join(tmp, 'library'))
})

afterEach(() => {
  lib.close()
  rmSync(tmp, { recursive: true, force: true })
})

/** Write a file under the source folder (folders created as needed) and return its path. */
function put(rel: string, content: string | Uint8Array): string {
  const file = join(src, rel)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, content)
  return file
}

function stored(uid: string): { markdown: string; title: string } {
  const sql = `SELECT d.markdown, a.title FROM articles a JOIN documents d ON d.article_id = a.id
    WHERE a.uid = ?`
  return lib.db.prepare(sql).get(uid) as {
    markdown: string
    title: string
  }
}

function articleCount(): number {
  return (lib.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
}

/** Articles whose full-text index entry holds `word`. */
function matches(word: string): number {
  const row = lib.db.prepare('SELECT count(*) AS n FROM article_fts WHERE article_fts MATCH ?')
  return (row.get(word) as { n: number }).n
}

/** 1×1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9])
const GIF = Buffer.from('GIF89a-not-really-a-gif')

describe('importPaths: what is imported', () => {
  it('walks nested folders in sorted order, taking .md, .markdown and .txt only', () => {
    put('b.md', '# Bravo\n')
    put('a.md', '# Alpha\n')
    put('sub/c.markdown', '# Charlie\n')
    put('sub/deeper/d.txt', 'Delta\n\nplain text note\n')
    put('sub/E.MD', '# Echo\n')
    put('report.pdf', '%PDF-1.4 not markdown')
    put('photo.png', PNG)
    put('.hidden/secret.md', '# Hidden\n')
    put('.notes.md', '# Dot file\n')
    put('node_modules/pkg/readme.md', '# Package\n')

    const report = importPaths(lib, [src])

    expect(report.skipped).toEqual([])
    expect(report.warnings).toEqual([])
    expect(report.imported).toBe(5)
    expect(report.ids).toHaveLength(5)
    expect(report.ids.map((id) => stored(id).title)).toEqual([
      'Alpha',
      'Bravo',
      'Echo',
      'Charlie',
      'Delta',
    ])
    expect(articleCount()).toBe(5)
    checkIndex(lib.db)
  })

  it('reports missing paths and explicit files that are not Markdown', () => {
    const pdf = put('report.pdf', '%PDF-1.4')
    const md = put('note.md', '# Note\n')
    const missing = join(src, 'nope.md')

    const report = importPaths(lib, [missing, pdf, md])

    expect(report.imported).toBe(1)
    expect(report.skipped).toEqual([
      { path: missing, reason: 'does not exist' },
      { path: pdf, reason: NOT_MARKDOWN_REASON },
    ])
  })

  it('imports a file once when it is named twice', () => {
    const file = put('one.md', '# One\n')
    const report = importPaths(lib, [src, file])
    expect(report.imported).toBe(1)
    expect(report.skipped).toEqual([])
  })

  it('does not follow a symlink to a file outside the folder', () => {
    const outside = join(tmp, 'outside.md')
    writeFileSync(outside, '# Outside\n')
    put('inside.md', '# Inside\n')
    symlinkSync(outside, join(src, 'link.md'))

    const report = importPaths(lib, [src])

    expect(report.ids.map((id) => stored(id).title)).toEqual(['Inside'])
    expect(report.skipped).toEqual([
      { path: join(src, 'link.md'), reason: 'symbolic link to a file outside the folder' },
    ])
  })
})

describe('importPaths: the stored text', () => {
  it('keeps every byte: CRLF, BOM, trailing spaces, no final newline, NUL after 8 KB', () => {
    const files = {
      'crlf.md': '# CRLF\r\n\r\nLine one  \r\nLine two\r\n',
      'bom.md': '\uFEFF---\ntitle: With BOM\n---\nBody\n',
      'spaces.md': '# Spaces   \n\n\ttabbed\t \n   ',
      'no-newline.md': '# No newline\n\nlast line',
      'unicode.md': '# Ünïcödé 人工智能 🎉\n\nCafé\u0301\n',
      'late-nul.md': `# Late NUL\n\n${'x'.repeat(9000)}\u0000tail\n`,
    }
    for (const [name, text] of Object.entries(files)) put(name, text)

    const report = importPaths(lib, [src])

    expect(report.imported).toBe(Object.keys(files).length)
    for (const id of report.ids) {
      const { markdown } = stored(id)
      const name = Object.entries(files).find(([, t]) => t === markdown)?.[0]
      expect(name, `stored text of ${id} matches a file`).toBeDefined()
      expect(Buffer.from(markdown, 'utf8').equals(readFileSync(join(src, name!)))).toBe(true)
    }
    const bom = report.ids.map(stored).find((a) => a.markdown.startsWith('\uFEFF'))
    expect(bom?.title).toBe('With BOM')
  })

  it('skips binary and invalid UTF-8 files with their reasons, and empty files', () => {
    put('binary.md', Buffer.concat([Buffer.from('# Looks like text\n'), Buffer.from([0, 1, 2])]))
    put('latin1.md', Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a])) // "# Café" in Latin-1
    put('empty.md', '')
    put('good.md', '# Good\n')

    const report = importPaths(lib, [src])

    expect(report.imported).toBe(1)
    expect(report.skipped).toEqual([
      { path: join(src, 'binary.md'), reason: BINARY_REASON },
      { path: join(src, 'empty.md'), reason: 'empty file' },
      { path: join(src, 'latin1.md'), reason: INVALID_UTF8_REASON },
    ])
  })

  it('decodes UTF-16 with a byte-order mark', () => {
    const text = '# UTF-16 title\r\n\r\nCafé 人工\r\n'
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const be = Buffer.from(le)
    be.swap16()
    put('le.md', le)
    put('be.md', be)

    const report = importPaths(lib, [src])

    // Both decode to the same text, so the second is a duplicate of the first.
    expect(report.imported).toBe(1)
    expect(stored(report.ids[0]!)).toEqual({ markdown: text, title: 'UTF-16 title' })
    expect(report.skipped[0]!.reason).toBe(`already in the library as ${report.ids[0]}`)
  })

  it('imports broken front matter with its text intact and a warning', () => {
    const text = '---\ntitle: [unclosed\nauthor: Someone\n---\n# Heading title\n\nBody text.\n'
    const file = put('broken.md', text)

    const report = importPaths(lib, [src])

    expect(report.imported).toBe(1)
    expect(stored(report.ids[0]!)).toEqual({ markdown: text, title: 'Heading title' })
    expect(report.warnings).toHaveLength(1)
    expect(report.warnings[0]!.path).toBe(file)
    expect(report.warnings[0]!.message).toMatch(/front matter/i)
  })

  it('derives the title from TOML front matter', () => {
    const text = '+++\ntitle = "A TOML title"\ntags = ["x", "y"]\n+++\n\n# Not the title\n'
    put('toml.md', text)

    const report = importPaths(lib, [src])

    expect(report.warnings).toEqual([])
    expect(stored(report.ids[0]!)).toEqual({ markdown: text, title: 'A TOML title' })
  })
})

describe('importPaths: images', () => {
  it('stores relative images as assets and rewrites only their links', () => {
    put('posts/images/a.png', PNG)
    put('posts/my pic.jpg', JPEG)
    put('posts/c.gif', GIF)
    writeFileSync(join(tmp, 'outside.png'), PNG)
    const lines = [
      '# Pictures',
      '![a](images/a.png)',
      '![spaces](<my pic.jpg>)',
      '![encoded](my%20pic.jpg "A title")',
      '![dot](./c.gif)',
      '![ref][r]',
      '<img alt="html" src="images/a.png" width="10">',
      '![url](https://example.com/a.png)',
      '![data](data:image/png;base64,AAAA)',
      '![escape](../../etc/passwd)',
      '![outside](../../outside.png)',
      '![missing](missing.png)',
      '`![code](images/a.png)`',
      '',
      '[r]: images/a.png "Ref title"',
      '',
    ]
    const file = put('posts/article.md', lines.join('\n'))

    const report = importPaths(lib, [src])

    expect(report.imported).toBe(1)
    const { markdown } = stored(report.ids[0]!)
    const assetOf = (bytes: Buffer): string => {
      const link = /assets\/[0-9a-f]{64}\.[a-z]+/g
      const found = [...markdown.matchAll(link)].map((m) => m[0])
      const match = found.find((l) => readFileSync(join(lib.dir, l)).equals(bytes))
      expect(match, 'an asset with the same bytes').toBeDefined()
      return match!
    }
    const png = assetOf(PNG)
    const jpg = assetOf(JPEG)
    const gif = assetOf(GIF)
    expect(png).toMatch(/\.png$/)
    expect(jpg).toMatch(/\.jpg$/)
    expect(gif).toMatch(/\.gif$/)
    expect(markdown).toBe(
      [
        '# Pictures',
        `![a](${png})`,
        `![spaces](<${jpg}>)`,
        `![encoded](${jpg} "A title")`,
        `![dot](${gif})`,
        '![ref][r]',
        `<img alt="html" src="${png}" width="10">`,
        '![url](https://example.com/a.png)',
        '![data](data:image/png;base64,AAAA)',
        '![escape](../../etc/passwd)',
        '![outside](../../outside.png)',
        '![missing](missing.png)',
        '`![code](images/a.png)`',
        '',
        `[r]: ${png} "Ref title"`,
        '',
      ].join('\n'),
    )
    expect(report.warnings).toEqual([
      {
        path: file,
        message:
          'image "../../outside.png" is outside the imported folder; its link was left as it is',
      },
      { path: file, message: 'image "missing.png" was not found; its link was left as it is' },
    ])
    const assets = lib.db.prepare('SELECT count(*) AS n FROM assets').get() as { n: number }
    expect(assets.n).toBe(3)
  })

  it('lets an explicitly named file reach images beside it but not above it', () => {
    put('pic.png', PNG)
    const file = put('notes/note.md', '![ok](../pic.png) ![here](here.png)\n')
    put('notes/here.png', PNG)

    const report = importPaths(lib, [file])

    const { markdown } = stored(report.ids[0]!)
    expect(markdown).toMatch(/^!\[ok\]\(\.\.\/pic\.png\) !\[here\]\(assets\/[0-9a-f]{64}\.png\)\n$/)
    expect(report.warnings).toHaveLength(1)
  })
})

describe('importPaths: duplicates, batches and failures', () => {
  it('skips exact duplicates on re-import, naming the article already there', () => {
    put('a.md', '# A\n')
    put('b.md', '# B\n')
    put('img.md', '![x](x.png)\n')
    put('x.png', PNG)
    const first = importPaths(lib, [src])
    expect(first.imported).toBe(3)

    const again = importPaths(lib, [src])

    expect(again.imported).toBe(0)
    expect(again.ids).toEqual([])
    expect(again.skipped).toEqual(
      ['a.md', 'b.md', 'img.md'].map((name, i) => ({
        path: join(src, name),
        reason: `already in the library as ${first.ids[i]}`,
      })),
    )
    expect(articleCount()).toBe(3)
  })

  it('imports more files than one batch holds, reporting progress up to the total', () => {
    const n = 1234
    for (let i = 0; i < n; i++) {
      put(`many/${String(i).padStart(4, '0')}.md`, `# Article ${i}\n\nBody ${i}.\n`)
    }
    const calls: [number, number][] = []

    const report = importPaths(lib, [src], {
      onProgress: (done, total) => calls.push([done, total]),
    })

    expect(report.imported).toBe(n)
    expect(new Set(report.ids).size).toBe(n)
    expect(articleCount()).toBe(n)
    expect(stored(report.ids[n - 1]!).title).toBe(`Article ${n - 1}`)
    expect(matches('body')).toBe(n)
    expect(calls[0]).toEqual([0, n])
    expect(calls[calls.length - 1]).toEqual([n, n])
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0])
    checkIndex(lib.db)
  })

  it('rolls back only the file that fails, keeping the others, the index and the vocabulary', () => {
    // The vocabulary is written after the article row and its index entry, so this fails at
    // the very end of a file, when there is most to roll back.
    lib.db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.vocabulary
      WHEN NEW.term = 'zyzzyva' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
    put('1.md', '# One\n')
    put('2.md', '# Aardvark zyzzyva\n')
    put('3.md', '# Three\n\nAn aardvark again.\n')

    const report = importPaths(lib, [src])

    expect(report.ids.map((id) => stored(id).title)).toEqual(['One', 'Three'])
    expect(report.skipped).toEqual([
      { path: join(src, '2.md'), reason: 'could not be stored (refused by the test)' },
    ])
    expect(articleCount()).toBe(2)
    expect(matches('zyzzyva')).toBe(0)
    expect(matches('aardvark')).toBe(1)
    // A word first seen in the failed file is still recorded when a later file uses it.
    const vocabulary = lib.db.prepare(`SELECT count(*) AS n FROM vocabulary WHERE term = ?`)
    expect((vocabulary.get('aardvark') as { n: number }).n).toBe(1)
    checkIndex(lib.db)
  })
})
