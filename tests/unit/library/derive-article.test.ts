import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createArticle, updateArticle } from '../../../src/main/library/articles'
import { deriveArticle } from '../../../src/main/library/derive-article'
import { checkIndex } from '../../../src/main/library/fts-source'
import { openLibrary, type Library } from '../../../src/main/library/open-library'

let tmp: string
let lib: Library

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'broadsheet-derive-'))
  lib = openLibrary(join(tmp, 'library'))
})

afterEach(() => {
  lib.close()
  rmSync(tmp, { recursive: true, force: true })
})

const DOCUMENTS = [
  '# Only a heading\n\nAnd a body.\n',
  '---\ntitle: Café society\nauthor: Ana Müller\ntags: [food, "AI-generated"]\nsource: Le Monde\nurl: https://example.com/a\n---\n\nText *with* [a link](https://x.y).\n',
  '---\nauthors: [One Person, Two Person]\nkeywords: economy\n---\n\n人工智能正在改变新闻业。\n',
  '---\ntitle: [broken\n---\n\nBody kept.\n',
  'no heading, no front matter\n',
]

describe('deriveArticle', () => {
  it('gives the index the very text the article_fts_source view gives it', () => {
    for (const markdown of DOCUMENTS) {
      const article = createArticle(lib, markdown)
      const viewRow = lib.db
        .prepare(
          `SELECT s.title, s.body, s.author, s.tags, s.source FROM article_fts_source s
           JOIN articles a ON a.id = s.id WHERE a.uid = ?`,
        )
        .get(article.id) as Record<string, string | null>
      const fts = deriveArticle(markdown, 230).fts
      // The view's NULL and the empty string index the same: nothing.
      const expected = Object.fromEntries(Object.entries(viewRow).map(([k, v]) => [k, v ?? '']))
      expect(fts).toEqual(expected)
    }
    // Updating unindexes through the view: it must find exactly what was indexed.
    const a = createArticle(lib, DOCUMENTS[1]!)
    updateArticle(lib, a.id, `${DOCUMENTS[1]!}\nMore.\n`, a.version)
    checkIndex(lib.db)
  })
})
