import { describe, expect, it } from 'vitest'
import { markdownToPlainText } from '../../../src/shared/document/plain-text'

/** Plain text with whitespace runs collapsed, for readable expectations. */
const plain = (md: string): string => markdownToPlainText(md).replace(/\s+/g, ' ').trim()

describe('markdownToPlainText', () => {
  it('keeps heading, paragraph and list text without markers', () => {
    expect(plain('# Title #\n\n## Sub\n\nPara one.\n\n- a\n* b\n+ c\n1. d\n2) e\n- [x] done')).toBe(
      'Title Sub Para one. a b c d e done',
    )
  })

  it('keeps setext heading text and drops underlines and breaks', () => {
    expect(plain('Big\n===\n\nSmall\n---\n\n***\n- - -\n___')).toBe('Big Small')
  })

  it('keeps link text and image alt text, drops their URLs', () => {
    expect(plain('See [the docs](https://x.com/a_(b) "t") and ![a cat](cat.png).')).toBe(
      'See the docs and a cat.',
    )
    expect(plain('[![badge](b.svg)](https://ci)')).toBe('badge')
    expect(plain('A [ref link][r] and [collapsed][].\n\n[r]: https://example.com "T"')).toBe(
      'A ref link and collapsed.',
    )
  })

  it('keeps autolink and bare URL text (people search for domains)', () => {
    expect(plain('<https://example.com/x> and https://bare.example.org')).toBe(
      'https://example.com/x and https://bare.example.org',
    )
    expect(plain('Mail <me@example.com>')).toBe('Mail me@example.com')
  })

  it('drops emphasis but keeps snake_case words and escaped characters', () => {
    expect(plain('**bold** _em_ ~~gone~~ ***both*** __strong__ my_var_name')).toBe(
      'bold em gone both strong my_var_name',
    )
    expect(plain('5 \\* 3 \\_x\\_ \\# not a heading')).toBe('5 * 3 _x_ # not a heading')
  })

  it('keeps code spans and fenced code verbatim', () => {
    expect(plain('Run `npm test` now.')).toBe('Run npm test now.')
    const md =
      'Before\n\n```js\nconst a = b * c // **x**\n```\n\n~~~~\n# not a heading\n~~~~\nAfter'
    expect(markdownToPlainText(md)).toContain('const a = b * c // **x**')
    expect(markdownToPlainText(md)).toContain('# not a heading')
    expect(plain(md)).toMatch(/^Before .* After$/)
  })

  it('runs an unclosed fence to the end', () => {
    expect(markdownToPlainText('Text\n```\ncode *here*\nmore')).toContain('code *here*\nmore')
  })

  it('does not take inline triple backticks for a fence', () => {
    expect(plain('```inline``` code')).toBe('inline code')
  })

  it('keeps table cell text, drops pipes and delimiter rows', () => {
    expect(plain('| A | B |\n|:--|--:|\n| 1 | 2 |')).toBe('A B 1 2')
    expect(plain('A | B\n--- | ---\n1 | 2')).toBe('A B 1 2')
  })

  it('keeps quote text and footnote text', () => {
    expect(plain('> quoted\n> > deeper\n\nText[^n].\n\n[^n]: The note.')).toBe(
      'quoted deeper Text. The note.',
    )
  })

  it('drops HTML tags and comments but keeps the text between tags', () => {
    expect(plain('<div class="a">Inside <b>bold</b></div>\n<!-- secret\nnote -->\nafter')).toBe(
      'Inside bold after',
    )
    expect(plain('<script>alert("x")</script><style>p{}</style>ok')).toBe('ok')
  })

  it('decodes common character references', () => {
    expect(plain('Fish &amp; chips &mdash; &#233;t&#xE9; &unknown;')).toBe(
      'Fish & chips — été &unknown;',
    )
  })

  it('handles CRLF and CJK text', () => {
    expect(plain('# 标题\r\n\r\n这是**正文**。\r\n')).toBe('标题 这是正文。')
  })

  it('does not confuse NUL characters in the text with code blocks', () => {
    expect(plain('a\u0000b\n```\ncode\n```\nc')).toBe('a b code c')
  })

  it('leaves code blocks in place among the prose', () => {
    const out = markdownToPlainText('one\n```\nA\n```\ntwo\n```\nB\n```\nthree')
    expect(out.replace(/\s+/g, ' ').trim()).toBe('one A two B three')
  })

  it('never throws on odd input', () => {
    for (const md of [
      '',
      '\n\n',
      '[',
      '](',
      '<',
      '`',
      '\ue000',
      '\u0000',
      '```',
      '# ',
      '>',
      '|',
      '&#0;',
      '&#xFFFFFF;',
    ]) {
      expect(typeof markdownToPlainText(md)).toBe('string')
    }
  })
})
