import { describe, expect, it } from 'vitest'
import { deriveMetadata } from '../../../src/shared/document/derive-metadata'

const meta = (md: string) => deriveMetadata(md).metadata
const fm = (yaml: string, body = 'Body text.\n') => `---\n${yaml}\n---\n${body}`

describe('deriveMetadata: title', () => {
  it('prefers the front matter title', () => {
    expect(meta(fm('title: From front matter', '# Heading\n')).title).toBe('From front matter')
  })

  it('falls back to the first level-1 heading, stripped of markup', () => {
    expect(meta('Intro line\n\n# The *real* [title](https://x) #\n\nText').title).toBe(
      'The real title',
    )
    expect(meta('## Second level\n\n# First level\n').title).toBe('First level')
  })

  it('reads setext headings, in document order with ATX ones', () => {
    expect(meta('Setext **title**\n===\n\n# Later\n').title).toBe('Setext title')
    expect(meta('Not a title\n---\n\ntext').title).toBe('Not a title')
  })

  it('ignores headings inside fenced code', () => {
    expect(meta('```sh\n# install it\n```\n\n# Real\n').title).toBe('Real')
  })

  it('falls back to the first line of text, cut to 200 characters', () => {
    expect(meta('\n\n> **Quoted** first line\n\nMore').title).toBe('Quoted first line')
    const long = 'word '.repeat(100)
    const title = meta(long).title
    expect(title.length).toBeLessThanOrEqual(200)
    expect(title.endsWith('…')).toBe(true)
  })

  it('is "Untitled" for an empty document', () => {
    expect(meta('').title).toBe('Untitled')
    expect(meta(fm('tags: [a]', '')).title).toBe('Untitled')
    expect(meta('```\ncode only\n```').title).toBe('Untitled')
  })

  it('collapses whitespace in a front matter title', () => {
    expect(meta(fm('title: >\n  Folded\n  title')).title).toBe('Folded title')
  })
})

describe('deriveMetadata: summary', () => {
  it('takes summary, description, excerpt or subtitle from the front matter', () => {
    expect(meta(fm('description: Described.')).summary).toBe('Described.')
    expect(meta(fm('excerpt: Excerpted.\nsubtitle: Sub.')).summary).toBe('Excerpted.')
    expect(meta(fm('Summary: Cased key.')).summary).toBe('Cased key.')
  })

  it('falls back to the first paragraph, not the title heading', () => {
    const md =
      '# Title\n\n![photo](a.jpg)\n\n- a list\n\n> a quote\n\nThe **lead** paragraph\nwraps here.\n\nSecond.'
    expect(meta(md).summary).toBe('The lead paragraph wraps here.')
  })

  it('skips the line that became the title', () => {
    expect(meta('First line is the title\n\nThen the summary.').summary).toBe('Then the summary.')
  })

  it('cuts a long paragraph at a word boundary with an ellipsis', () => {
    const summary = meta('# T\n\n' + 'lorem ipsum '.repeat(40)).summary!
    expect(summary.length).toBeLessThanOrEqual(200)
    expect(summary).toMatch(/(ipsum|lorem)…$/)
  })

  it('is null when there is no paragraph', () => {
    expect(meta('# Only a heading\n').summary).toBeNull()
    expect(meta('').summary).toBeNull()
  })
})

describe('deriveMetadata: authors', () => {
  it.each([
    ['author: Jane Doe', ['Jane Doe']],
    ['author: "Doe, Jane"', ['Doe, Jane']],
    ['author: Ben and Jerry; Co', ['Ben and Jerry; Co']],
    ['authors: [Ann, Bob]', ['Ann', 'Bob']],
    ['authors:\n  - name: Ann\n  - Bob\n  - 42\n  - {x: 1}', ['Ann', 'Bob', '42']],
    ['byline: By Line', ['By Line']],
    ['creator: {name: Cre Ator}', ['Cre Ator']],
    ['author: ""\nauthors: [Fallback]', ['Fallback']],
    ['author: null', []],
  ])('%s', (yaml, authors) => {
    expect(meta(fm(yaml)).authors).toEqual(authors)
  })
})

describe('deriveMetadata: publishedAt', () => {
  it.each([
    ['date: 2024-01-05', '2024-01-05'],
    ['date: 2024-1-5', '2024-01-05'],
    ['date: 2024-01-05T10:00:00Z', '2024-01-05T10:00:00.000Z'],
    ['date: 2024-01-05T10:00:00+02:00', '2024-01-05T08:00:00.000Z'],
    ['date: 2024-01-05 10:00:00 +0100', '2024-01-05T09:00:00.000Z'],
    ['date: 2024-01-05 10:00', '2024-01-05T10:00:00.000Z'],
    ['pubDate: "Fri, 05 Jan 2024 10:00:00 GMT"', '2024-01-05T10:00:00.000Z'],
    ['published: January 5, 2024', '2024-01-05'],
    ['published_at: 2023-12-31', '2023-12-31'],
    ['publishedAt: 2023-12-30', '2023-12-30'],
    ['created: 2023-12-29', '2023-12-29'],
    ['date: 2024-02-30', null],
    ['date: 2024-13-01T00:00:00Z', null],
    ['date: someday', null],
    ['date: hello 1', null],
    ['date: 2024', null],
    ['date: [2024-01-05]', null],
    ['published: false\ndate: 2024-03-04', '2024-03-04'],
    ['published: false', null],
  ])('%s', (yaml, expected) => {
    expect(meta(fm(yaml)).publishedAt).toBe(expected)
  })

  it('reads TOML dates', () => {
    const md = '+++\ndate = 2024-01-05T10:00:00+02:00\n+++\n'
    expect(meta(md).publishedAt).toBe('2024-01-05T08:00:00.000Z')
    expect(meta('+++\ndate = 2024-01-05\n+++\n').publishedAt).toBe('2024-01-05')
  })
})

describe('deriveMetadata: tags', () => {
  it('unites every tag key, de-duplicated ignoring case, first spelling kept', () => {
    const yaml =
      'tags: [AI, news]\nkeywords: "ai, Tech , , science"\ncategories: [News, World]\nlabels: AI-generated'
    expect(meta(fm(yaml)).tags).toEqual(['AI', 'news', 'Tech', 'science', 'World', 'AI-generated'])
  })

  it('takes list items whole and ignores odd values', () => {
    expect(meta(fm('tags: ["a, b", 7, null, {x: 1}, [y], " "]')).tags).toEqual(['a, b', '7'])
    expect(meta(fm('tags: 5')).tags).toEqual([])
    expect(meta(fm('TAGS:\n  - Upper')).tags).toEqual(['Upper'])
  })
})

describe('deriveMetadata: source, image, language', () => {
  it('reads the source name and URL', () => {
    const m = meta(fm('source: The Paper\nsource_url: https://paper.example/a'))
    expect([m.sourceName, m.sourceUrl]).toEqual(['The Paper', 'https://paper.example/a'])
    const nested = meta(fm('source:\n  name: Nested\n  url: http://n.example'))
    expect([nested.sourceName, nested.sourceUrl]).toEqual(['Nested', 'http://n.example'])
    const aliases = meta(fm('site_name: Site\ncanonical: https://c.example/x'))
    expect([aliases.sourceName, aliases.sourceUrl]).toEqual(['Site', 'https://c.example/x'])
  })

  it('accepts only http(s) source URLs', () => {
    expect(meta(fm('url: /posts/relative/')).sourceUrl).toBeNull()
    expect(meta(fm('link: javascript:alert(1)')).sourceUrl).toBeNull()
    expect(meta(fm('url: /relative\nlink: https://ok.example')).sourceUrl).toBe(
      'https://ok.example',
    )
  })

  it('reads the featured image as a string or {src|url}', () => {
    expect(meta(fm('image: assets/a.png')).featuredImage).toBe('assets/a.png')
    expect(meta(fm('cover:\n  src: c.jpg')).featuredImage).toBe('c.jpg')
    expect(meta(fm('thumbnail: {url: t.jpg}')).featuredImage).toBe('t.jpg')
    expect(meta(fm('image: "javascript:alert(1)"')).featuredImage).toBeNull()
    expect(meta('![not featured](body.png)').featuredImage).toBeNull()
  })

  it('reads the language, or guesses it from CJK script only', () => {
    expect(meta(fm('lang: " pt-BR "')).language).toBe('pt-BR')
    expect(meta(fm('language: en')).language).toBe('en')
    expect(meta(fm('lang: "not a tag!"')).language).toBeNull()
    expect(meta('これは日本語の文章です。漢字も使います。').language).toBe('ja')
    expect(meta('这是一个中文句子，没有假名。').language).toBe('zh')
    expect(meta('한국어 문장입니다. 안녕하세요.').language).toBe('ko')
    expect(meta('An English text with one word 中文 inside it.').language).toBeNull()
    expect(meta('Plain English.').language).toBeNull()
  })
})

describe('deriveMetadata: counts and text', () => {
  it('counts words of the body including the title heading', () => {
    const d = deriveMetadata(fm('title: Not counted', '# Two words\n\nThree more words.\n'))
    expect(d.metadata.wordCount).toBe(5)
    expect(d.plainText).toContain('Three more words.')
    expect(d.plainText).not.toContain('Not counted')
  })

  it('counts CJK characters separately', () => {
    expect(meta('中文字符 and words').cjkChars).toBe(4)
    expect(meta('中文字符 and words').wordCount).toBe(2)
  })
})

describe('deriveMetadata: broken front matter', () => {
  it('reports the problem and derives from the body alone', () => {
    const d = deriveMetadata('---\ntitle: [unclosed\n---\n# Body title\n\nText.')
    expect(d.frontMatterError).toMatch(/^Front matter line 2: /)
    expect(d.metadata.title).toBe('Body title')
    expect(d.metadata.summary).toBe('Text.')
  })

  it('never throws on values of unexpected types', () => {
    const odd = [
      'title: 42',
      'title: null',
      'title: [a, b]',
      'title: {a: 1}',
      'title: true',
      'author: {name: {deep: 1}}',
      'date: {y: 2024}',
      'date: 1.5',
      'tags: {a: 1}',
      'source: [x]',
      'source: {name: 5, url: 7}',
      'image: [a]',
      'lang: 12',
      `title: "${'x'.repeat(100_000)}"`,
      `tags: [${Array.from({ length: 2000 }, (_, i) => `t${i % 50}`).join(', ')}]`,
      'date: .inf',
      '__proto__: {title: hacked}',
      'constructor: x\ntoString: y',
      '"": empty key',
      '? [complex, key]\n: value',
      'date: !!binary aGVsbG8=',
    ]
    for (const yaml of odd) {
      const d = deriveMetadata(fm(yaml))
      expect(typeof d.metadata.title, yaml).toBe('string')
      expect(Array.isArray(d.metadata.tags)).toBe(true)
    }
    expect(meta(fm('title: 42')).title).toBe('42')
    expect(meta(fm('__proto__: {title: hacked}')).title).toBe('Body text.')
  })

  it('never throws on odd documents', () => {
    const docs = [
      '',
      '---',
      '---\n---',
      '+++\n+++',
      '\ufeff',
      '\r\n\r\n',
      '#',
      '# \n===',
      '---\n:\n---\n',
    ]
    for (const md of docs) expect(() => deriveMetadata(md)).not.toThrow()
  })
})
