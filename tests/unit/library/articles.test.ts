import { describe, expect, it } from 'vitest'
import { BroadsheetError } from '../../../src/shared/errors'
import type { Article } from '../../../src/shared/model'
import {
  createArticle,
  findByContent,
  getArticle,
  getArticleSummary,
  setArticleState,
  updateArticle,
} from '../../../src/main/library/articles'
import { listRevisions } from '../../../src/main/library/revisions'
import { openTracked, tempDir, tempLibrary, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

/** Documents whose bytes must survive every save exactly. */
const TRICKY: Record<string, string> = {
  crlf: '---\r\ntitle: Windows line endings\r\n---\r\n\r\n# Heading\r\n\r\nBody text.\r\n',
  bom: '\uFEFF---\ntitle: With a BOM\n---\n\nBody\n',
  tabs: '# Tabs\n\n\tindented code\n\t\tmore\n- item\twith\ttabs\n',
  trailingWhitespace: '# Trailing   \n\nLine with two spaces  \nLine with tab\t\n   \n',
  emoji: '# Emoji 🎉👩‍👩‍👧‍👦\n\nFlags 🇩🇪🇯🇵, skin tones 👍🏽, ZWJ, combining é (e\u0301).\n',
  noFinalNewline: '# No final newline\n\nThe end',
  frontMatterExtras:
    '---\n# a comment at the top\ntitle: "Quoted: title"   # trailing comment\nx-custom-key: [1, 2, {nested: true}]\nunknown:\n  deep:\n    - keep\n\ntags: [b, a]\n---\n\nBody.\n',
  toml: '+++\ntitle = "TOML front matter"\nweird_key = 1979-05-27T07:32:00Z\n+++\n\nBody\n',
  brokenFrontMatter: '---\ntitle: [unclosed\n---\n\n# Still readable\n',
  nul: 'Text with a NUL \u0000 and other controls \u0001\u001f\n',
  lonelySurrogateFree: 'Mixed scripts: Ελληνικά, русский, العربية, עברית, हिन्दी\n',
  empty: '',
  whitespaceOnly: ' \n\t\n',
}

describe('documents are stored byte for byte', () => {
  it.each(Object.entries(TRICKY))('%s survives create, read, update and reopening', (_, text) => {
    const dir = tempDir()
    const lib = openTracked(dir)
    const created = createArticle(lib, text)
    expect(created.markdown).toBe(text)
    expect(Buffer.from(getArticle(lib, created.id).markdown, 'utf8')).toEqual(
      Buffer.from(text, 'utf8'),
    )
    const changed = `${text}\n`
    const updated = updateArticle(lib, created.id, changed, created.version)
    expect(updated.markdown).toBe(changed)
    const restoredText = updateArticle(lib, created.id, text, updated.version)
    expect(restoredText.markdown).toBe(text)
    lib.close()
    const again = openTracked(dir)
    expect(getArticle(again, created.id).markdown).toBe(text)
    expect(findByContent(again, text)).toBe(created.id)
  })

  it('reports broken front matter without changing the text', () => {
    const lib = tempLibrary()
    const a = createArticle(lib, TRICKY.brokenFrontMatter!)
    expect(a.frontMatterError).toMatch(/front matter/i)
    expect(a.markdown).toBe(TRICKY.brokenFrontMatter)
    expect(a.title).toBe('Still readable')
  })
})

describe('metadata derived from the document', () => {
  it('takes the title from front matter, else the first heading, else the first line', () => {
    const lib = tempLibrary()
    expect(createArticle(lib, '---\ntitle: From front matter\n---\n# Heading\n').title).toBe(
      'From front matter',
    )
    expect(createArticle(lib, 'Intro line\n\n# The *real* heading\n\nText\n').title).toBe(
      'The real heading',
    )
    expect(createArticle(lib, '\n\nJust a **first** line\nand a second\n').title).toBe(
      'Just a first line',
    )
    expect(createArticle(lib, TRICKY.crlf!).title).toBe('Windows line endings')
    expect(createArticle(lib, TRICKY.bom!).title).toBe('With a BOM')
  })

  it('reads authors, tags, date, source and language', () => {
    const lib = tempLibrary()
    const a = createArticle(
      lib,
      [
        '---',
        'title: Climate summit',
        'authors: [Jane Smith, "Okafor, Chidi"]',
        'tags: [climate, Politics]',
        'date: 2024-11-20',
        'source: Reuters',
        'source_url: https://www.reuters.com/climate',
        'lang: en-GB',
        '---',
        '',
        'Delegates agreed.',
        '',
      ].join('\n'),
    )
    expect(a.author).toBe('Jane Smith')
    expect(a.authors).toEqual(['Jane Smith', 'Okafor, Chidi'])
    expect(a.tags).toEqual(['climate', 'Politics'])
    expect(a.publishedAt).toBe('2024-11-20')
    expect(a.sourceName).toBe('Reuters')
    expect(a.sourceUrl).toBe('https://www.reuters.com/climate')
    expect(a.language).toBe('en-GB')
    const tags = lib.db
      .prepare('SELECT tag FROM article_tags ORDER BY tag')
      .all()
      .map((r) => (r as { tag: string }).tag)
    expect(tags).toEqual(['climate', 'Politics'])
  })

  it('times reading at 230 words a minute, and CJK text by characters', () => {
    const lib = tempLibrary()
    const english = Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ')
    expect(createArticle(lib, `${english}\n`).readingMinutes).toBe(5) // 1,000 / 230 = 4.3
    expect(createArticle(lib, `${english} ${english}\n`).readingMinutes).toBe(9) // 8.7
    // 1,300 characters of Chinese: 2.6 minutes at 500 a minute, not "one word".
    const chinese = createArticle(lib, `${'近年来人工智能技术发展迅速。'.repeat(100)}\n`)
    expect(chinese.readingMinutes).toBe(3)
    const japanese = createArticle(lib, `${'今日の東京は晴れです'.repeat(120)}\n`)
    expect(japanese.readingMinutes).toBe(3)
    expect(createArticle(lib, 'Short.\n').readingMinutes).toBe(1)
    expect(createArticle(lib, '').readingMinutes).toBe(0)
  })

  it('recomputes derived columns on update', () => {
    const lib = tempLibrary()
    const a = createArticle(lib, '---\ntitle: Before\ntags: [old]\n---\nText\n')
    const b = updateArticle(lib, a.id, '---\ntitle: After\ntags: [new, fresh]\n---\nText\n', 1)
    expect(b.title).toBe('After')
    expect(b.tags).toEqual(['new', 'fresh'])
    const tags = lib.db
      .prepare('SELECT tag FROM article_tags ORDER BY tag')
      .all()
      .map((r) => (r as { tag: string }).tag)
    expect(tags).toEqual(['fresh', 'new'])
  })
})

describe('updates and versions', () => {
  it('starts at version 1 and bumps the version on each changed save', () => {
    const lib = tempLibrary()
    const a = createArticle(lib, 'one\n')
    expect(a.version).toBe(1)
    const b = updateArticle(lib, a.id, 'two\n', 1)
    expect(b.version).toBe(2)
    const c = updateArticle(lib, a.id, 'three\n', 2)
    expect(c.version).toBe(3)
    expect(getArticle(lib, a.id).markdown).toBe('three\n')
  })

  it('refuses a save based on a stale version, carrying the current article', () => {
    const lib = tempLibrary()
    const a = createArticle(lib, 'original\n')
    const other = updateArticle(lib, a.id, 'saved by another window\n', a.version)
    let error: unknown
    try {
      updateArticle(lib, a.id, 'my stale edit\n', a.version)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(BroadsheetError)
    const e = error as BroadsheetError
    expect(e.code).toBe('conflict')
    expect(e.message).toMatch(/version 2/)
    const current = e.current as Article
    expect(current.id).toBe(a.id)
    expect(current.version).toBe(other.version)
    expect(current.markdown).toBe('saved by another window\n')
    expect(e.toPayload()).toMatchObject({ code: 'conflict', current: { version: 2 } })
    // Nothing was written: not the text, not the version, not a revision.
    const now = getArticle(lib, a.id)
    expect(now.markdown).toBe('saved by another window\n')
    expect(now.version).toBe(2)
    expect(listRevisions(lib, a.id)).toHaveLength(1)
  })

  it('treats saving the same text as a no-op', () => {
    const lib = tempLibrary()
    const a = createArticle(lib, 'same\n')
    const b = updateArticle(lib, a.id, 'same\n', a.version)
    expect(b.version).toBe(1)
    expect(b.updatedAt).toBe(a.updatedAt)
  })

  it('changes state without touching the document or its version', () => {
    const lib = tempLibrary()
    const a = createArticle(lib, '# Read me\n')
    const b = setArticleState(lib, a.id, {
      read: true,
      starred: true,
      archived: true,
      status: 'published',
      progress: 0.42,
    })
    expect(b).toMatchObject({
      read: true,
      starred: true,
      archived: true,
      status: 'published',
      progress: 0.42,
      version: 1,
      markdown: '# Read me\n',
    })
    // Progress is clamped to 0..1.
    expect(setArticleState(lib, a.id, { progress: 7 }).progress).toBe(1)
    expect(setArticleState(lib, a.id, { starred: false }).starred).toBe(false)
    // The editor's base version still holds after a state change.
    expect(updateArticle(lib, a.id, '# Read me again\n', 1).version).toBe(2)
  })

  it('gives an article without its document: the same version, state and metadata', () => {
    const lib = tempLibrary()
    const a = createArticle(lib, '---\ntags: [x]\n---\n# Summed up\n\nBody.\n')
    setArticleState(lib, a.id, { starred: true })
    const b = updateArticle(lib, a.id, '# Summed up again\n', a.version)
    const summary = getArticleSummary(lib, a.id.slice(0, 6))
    const { markdown, frontMatterError, ...rest } = getArticle(lib, a.id)
    expect(summary).toEqual(rest)
    expect(summary).toMatchObject({ version: b.version, starred: true, title: 'Summed up again' })
    expect(summary).not.toHaveProperty('markdown')
    expect(markdown).toBe('# Summed up again\n')
    expect(frontMatterError).toBeNull()
  })

  it('reports a missing article as not found', () => {
    const lib = tempLibrary()
    expect(() => getArticle(lib, 'zzzzzzzzzzzz')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
    expect(() => getArticleSummary(lib, 'zzzzzzzzzzzz')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
    expect(() => updateArticle(lib, 'zzzzzzzzzzzz', 'x', 1)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })
})

describe('article ids', () => {
  it('are 12 characters of lower-case base32, unique', () => {
    const lib = tempLibrary()
    const ids = new Set<string>()
    for (let i = 0; i < 50; i++) ids.add(createArticle(lib, `article ${i}\n`).id)
    expect(ids.size).toBe(50)
    for (const id of ids) expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{12}$/)
  })

  it('resolve from an unambiguous prefix of 4+ characters', () => {
    const lib = tempLibrary()
    const a = createArticle(lib, 'a\n')
    const b = createArticle(lib, 'b\n')
    lib.db.prepare('UPDATE articles SET uid = ? WHERE uid = ?').run('abcd1234wxyz', a.id)
    lib.db.prepare('UPDATE articles SET uid = ? WHERE uid = ?').run('abcd5678wxyz', b.id)

    expect(getArticle(lib, 'abcd1234wxyz').markdown).toBe('a\n')
    expect(getArticle(lib, 'abcd1').markdown).toBe('a\n')
    expect(getArticle(lib, 'abcd5').markdown).toBe('b\n')
    // Ambiguous: says so, and asks for more of the id.
    expect(() => getArticle(lib, 'abcd')).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/more/) }),
    )
    // Too short to be taken as a prefix, even when only one id matches.
    lib.db.prepare('UPDATE articles SET uid = ? WHERE uid = ?').run('xyzw5678wxyz', 'abcd5678wxyz')
    expect(() => getArticle(lib, 'xyz')).toThrow(expect.objectContaining({ code: 'not_found' }))
    expect(getArticle(lib, 'xyzw').markdown).toBe('b\n')
    // Not a prefix of anything, or not id characters at all.
    for (const bad of ['abcd9', 'ABCD1', 'abc%', "abcd' OR 1=1 --", 'abcd1234wxyz0']) {
      expect(() => getArticle(lib, bad), bad).toThrow(
        expect.objectContaining({ code: 'not_found' }),
      )
    }
  })
})
