import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { deriveMetadata } from '../../../src/shared/document/derive-metadata'
import { splitFrontMatter } from '../../../src/shared/document/front-matter'
import {
  rewriteFrontMatter,
  type MetadataPatch,
} from '../../../src/shared/document/rewrite-front-matter'

const rewrite = rewriteFrontMatter

describe('rewriteFrontMatter: YAML in place', () => {
  const doc = [
    '---',
    '# Written by hand',
    "title: 'Old title' # keep this comment",
    'date: 2023-05-01',
    '',
    'tags:',
    '    - one',
    '    - two   # inner comment',
    'extra: "keep me"',
    'nested:',
    '  deep: [1, 2]',
    '---',
    '# Heading',
    '',
    'Body **text**.',
    '',
  ].join('\n')

  it('changes only the value of the key being set', () => {
    expect(rewrite(doc, { title: 'New title' })).toBe(
      doc.replace("'Old title' # keep", 'New title # keep'),
    )
  })

  it('keeps a block list a block list, with its indentation', () => {
    expect(rewrite(doc, { tags: ['x', 'y z', 'three'] })).toBe(
      doc.replace('    - one\n    - two   # inner comment\n', '    - x\n    - y z\n    - three\n'),
    )
  })

  it('rewrites the alias key the document uses', () => {
    expect(rewrite(doc, { publishedAt: '2024-02-03' })).toBe(
      doc.replace('date: 2023-05-01', 'date: 2024-02-03'),
    )
    const withKeywords = '---\nkeywords: a, b\n---\n'
    expect(rewrite(withKeywords, { tags: ['c'] })).toBe('---\nkeywords: [c]\n---\n')
    const withDescription = '---\ndescription: old\n---\n'
    expect(rewrite(withDescription, { summary: 'new' })).toBe('---\ndescription: new\n---\n')
  })

  it('writes tags into the first tag key and removes the other tag keys', () => {
    const md = '---\ncategories: [c]\ntitle: T\ntags: [a]\nlabels:\n  - l\n---\n'
    expect(rewrite(md, { tags: ['new'] })).toBe('---\ntitle: T\ntags: [new]\n---\n')
    expect(deriveMetadata(rewrite(md, { tags: ['new'] })).metadata.tags).toEqual(['new'])
  })

  it('removes a key with its whole value for null or an empty list', () => {
    expect(rewrite(doc, { tags: [] })).toBe(
      doc.replace('tags:\n    - one\n    - two   # inner comment\n', ''),
    )
    expect(rewrite(doc, { tags: null, title: null })).toBe(
      doc
        .replace("title: 'Old title' # keep this comment\n", '')
        .replace('tags:\n    - one\n    - two   # inner comment\n', ''),
    )
    const folded = '---\nsummary: >\n  a long\n  summary\n\nnext: 1\n---\n'
    expect(rewrite(folded, { summary: null })).toBe('---\n\nnext: 1\n---\n')
  })

  it('leaves the document alone for undefined fields and removals of absent keys', () => {
    expect(rewrite(doc, {})).toBe(doc)
    expect(rewrite(doc, { title: undefined })).toBe(doc)
    expect(rewrite(doc, { summary: null, authors: [] })).toBe(doc)
    expect(rewrite('No front matter', { title: null })).toBe('No front matter')
  })

  it('appends missing keys at the end under their usual names', () => {
    const patch: MetadataPatch = {
      authors: ['Jane Doe'],
      summary: 'Short.',
      sourceName: 'The Paper',
      sourceUrl: 'https://paper.example/a',
      featuredImage: 'assets/abc.png',
      language: 'en',
    }
    expect(rewrite(doc, patch)).toBe(
      doc.replace(
        '  deep: [1, 2]\n',
        '  deep: [1, 2]\nauthor: Jane Doe\nsummary: Short.\nsource: The Paper\n' +
          'source_url: https://paper.example/a\nimage: assets/abc.png\nlang: en\n',
      ),
    )
  })

  it('writes one author as a string and several as a list', () => {
    expect(rewrite('---\n---\n', { authors: ['A', 'B'] })).toBe('---\nauthor: [A, B]\n---\n')
    expect(rewrite('---\nauthors: [A, B]\n---\n', { authors: ['C'] })).toBe(
      '---\nauthors: [C]\n---\n',
    )
    expect(rewrite('---\nauthor: A\n---\n', { authors: ['B', 'Doe, Jane'] })).toBe(
      '---\nauthor: [B, "Doe, Jane"]\n---\n',
    )
  })

  it('fills an empty value, keeping a comment after it', () => {
    expect(rewrite('---\ntitle:   # to do\ntags:\n---\n', { title: 'T', tags: ['a'] })).toBe(
      '---\ntitle: T   # to do\ntags: [a]\n---\n',
    )
  })

  it('replaces tagged, anchored and multi-line values whole', () => {
    expect(rewrite('---\ntitle: !!str 12\n---\n', { title: 'T' })).toBe('---\ntitle: T\n---\n')
    expect(rewrite('---\ntitle: &a x\n---\n', { title: 'T' })).toBe('---\ntitle: T\n---\n')
    expect(rewrite('---\ntitle: "two\n  lines"\nx: 1\n---\n', { title: 'T' })).toBe(
      '---\ntitle: T\nx: 1\n---\n',
    )
    expect(rewrite('---\nsummary: |\n  a\n  b\nx: 1\n---\n', { summary: 'S' })).toBe(
      '---\nsummary: S\nx: 1\n---\n',
    )
  })

  it('indents new keys like the existing ones', () => {
    expect(rewrite('---\n  title: x\n---\n', { tags: ['a'] })).toBe(
      '---\n  title: x\n  tags: [a]\n---\n',
    )
  })

  it('keeps CRLF line endings and the BOM', () => {
    const crlf = '\ufeff---\r\ntitle: Old\r\ntags:\r\n  - a\r\n---\r\nBody\r\n'
    expect(rewrite(crlf, { title: 'New', tags: ['b', 'c'], language: 'fr' })).toBe(
      '\ufeff---\r\ntitle: New\r\ntags:\r\n  - b\r\n  - c\r\nlang: fr\r\n---\r\nBody\r\n',
    )
    expect(rewrite(crlf, { tags: null })).toBe('\ufeff---\r\ntitle: Old\r\n---\r\nBody\r\n')
  })
})

describe('rewriteFrontMatter: values that need quoting', () => {
  it.each([
    'Foo: bar',
    '#1',
    'yes',
    'No',
    'null',
    '~',
    '123',
    '1e3',
    '0x1F',
    'true',
    '2024-01-05',
    '"quoted"',
    "it's",
    '- dash',
    '[bracket]',
    '{brace}',
    '@at',
    '`tick`',
    '%pct',
    'a # b',
    'ends with colon:',
    '*star',
    '&amp',
    '!bang',
    '>fold',
    '|pipe',
    'Ünïcödé 标题 😀',
    'tab\there',
    'ctrl\u0001char',
    'del\u007fchar',
    'line\u2028sep',
    'back\\slash',
  ])('title %j reads back as a string', (title) => {
    for (const base of ['---\ntitle: x\n---\n', 'Body', '+++\ntitle = "x"\n+++\n']) {
      const out = rewrite(base, { title })
      expect(deriveMetadata(out).metadata.title).toBe(title.replace(/\s+/g, ' '))
      if (!base.startsWith('+++')) {
        const raw = splitFrontMatter(out).raw
        expect(parse(raw, { version: '1.1' }).title).toBe(title)
      }
    }
  })

  it('keeps tags that look like other things strings', () => {
    const tags = ['yes', '1', 'a, b', 'c]', 'null', 'x: y']
    const out = rewrite('---\n---\n', { tags })
    expect(deriveMetadata(out).metadata.tags).toEqual(tags)
  })

  it('writes multi-line summaries on one line', () => {
    const out = rewrite('---\nx: 1\n---\n', { summary: 'First line.\nSecond line.' })
    expect(out).toBe('---\nx: 1\nsummary: "First line.\\nSecond line."\n---\n')
  })

  it('writes dates unquoted', () => {
    expect(rewrite('---\n---\n', { publishedAt: '2024-01-05T10:00:00Z' })).toBe(
      '---\ndate: 2024-01-05T10:00:00Z\n---\n',
    )
  })
})

describe('rewriteFrontMatter: aliases and odd entries', () => {
  it('does not overwrite entries that mean something else', () => {
    // Jekyll's `published: false` and Hugo's relative `url` are not ours to change.
    const md = '---\npublished: false\nurl: /posts/x/\n---\n'
    const out = rewrite(md, { publishedAt: '2024-01-05', sourceUrl: 'https://a.example' })
    expect(out).toBe(
      '---\npublished: false\nurl: /posts/x/\ndate: 2024-01-05\nsource_url: https://a.example\n---\n',
    )
    expect(rewrite(md, { publishedAt: null, sourceUrl: null })).toBe(md)
  })

  it('replaces an unusable value under the usual name instead of duplicating the key', () => {
    expect(rewrite('---\ndate: someday\n---\n', { publishedAt: '2024-01-05' })).toBe(
      '---\ndate: 2024-01-05\n---\n',
    )
    expect(rewrite('---\ntags: 5\n---\n', { tags: ['a'] })).toBe('---\ntags: [a]\n---\n')
  })

  it('matches keys ignoring case and rewrites the last of duplicated keys', () => {
    expect(rewrite('---\nTitle: Old\n---\n', { title: 'New' })).toBe('---\nTitle: New\n---\n')
    expect(rewrite('---\ntitle: a\ntitle: b\n---\n', { title: 'c' })).toBe(
      '---\ntitle: a\ntitle: c\n---\n',
    )
  })

  it('edits name and url inside a source mapping', () => {
    const md = '---\nsource:\n  name: Old  # c\n  url: https://old.example\nx: 1\n---\n'
    expect(rewrite(md, { sourceName: 'New' })).toBe(md.replace('Old  #', 'New  #'))
    expect(rewrite(md, { sourceUrl: null })).toBe(md.replace('  url: https://old.example\n', ''))
    expect(rewrite(md, { sourceName: null, sourceUrl: null })).toBe('---\nx: 1\n---\n')
    const onlyUrl = '---\nsource:\n  url: https://old.example\n---\n'
    expect(rewrite(onlyUrl, { sourceName: 'Added' })).toBe(
      '---\nsource:\n  url: https://old.example\n  name: Added\n---\n',
    )
    const flow = '---\nsource: {name: A, url: "https://a.example"}\n---\n'
    const out = rewrite(flow, { sourceName: 'B' })
    expect(out).toBe('---\nsource: { name: B, url: https://a.example }\n---\n')
    expect(rewrite(flow, { sourceName: 'C', sourceUrl: 'https://c.example' })).toBe(
      '---\nsource: { name: C, url: https://c.example }\n---\n',
    )
  })

  it('refuses values that do not fit their field', () => {
    expect(() => rewrite('Body', { publishedAt: 'someday' })).toThrow(/not a date/)
    expect(() => rewrite('Body', { sourceUrl: 'ftp://x.example' })).toThrow(/http/)
    expect(() => rewrite('Body', { language: 'not a tag' })).toThrow(/language code/)
    expect(() => rewrite('Body', { featuredImage: 'javascript:alert(1)' })).toThrow()
    expect(() => rewrite('Body', { tags: 'a' as unknown as string[] })).toThrow(TypeError)
  })
})

describe('rewriteFrontMatter: documents without front matter', () => {
  it('adds a YAML block at the top with the document’s line endings', () => {
    expect(rewrite('# Hi\n\nText\n', { title: 'T', tags: ['a', 'b'] })).toBe(
      '---\ntitle: T\ntags: [a, b]\n---\n# Hi\n\nText\n',
    )
    expect(rewrite('Line\r\nTwo\r\n', { language: 'de' })).toBe(
      '---\r\nlang: de\r\n---\r\nLine\r\nTwo\r\n',
    )
    expect(rewrite('\ufeffText', { title: 'T' })).toBe('\ufeff---\ntitle: T\n---\nText')
    expect(rewrite('', { title: 'T' })).toBe('---\ntitle: T\n---\n')
  })

  it('adds front matter before an unclosed opening line', () => {
    const md = '---\nnot front matter\n'
    const out = rewrite(md, { title: 'T' })
    expect(out).toBe('---\ntitle: T\n---\n---\nnot front matter\n')
    expect(splitFrontMatter(out).body).toBe(md)
  })
})

describe('rewriteFrontMatter: TOML', () => {
  const toml = [
    '+++',
    'title = "Old" # the title',
    'date = 2023-01-01',
    'tags = [',
    '  "a",',
    '  "b",',
    ']',
    '',
    '[params]',
    'x = 1',
    '+++',
    'Body',
  ].join('\n')

  it('replaces a one-line value keeping its comment', () => {
    expect(rewrite(toml, { title: 'New "quoted"' })).toBe(
      toml.replace('"Old" #', '"New \\"quoted\\"" #'),
    )
  })

  it('replaces a multi-line value and writes dates unquoted', () => {
    expect(rewrite(toml, { tags: ['x'], publishedAt: '2024-02-03' })).toBe(
      toml
        .replace('tags = [\n  "a",\n  "b",\n]', 'tags = ["x"]')
        .replace('2023-01-01', '2024-02-03'),
    )
  })

  it('appends new keys after the top-level ones, before the first table', () => {
    expect(rewrite(toml, { authors: ['Jane'], language: 'en' })).toBe(
      toml.replace(']\n\n[params]', ']\nauthor = "Jane"\nlang = "en"\n\n[params]'),
    )
  })

  it('removes keys with their whole value', () => {
    expect(rewrite(toml, { tags: null })).toBe(toml.replace('tags = [\n  "a",\n  "b",\n]\n', ''))
  })

  it('edits inline and dotted source tables', () => {
    const inline = '+++\nsource = { name = "Old", url = "https://o.example" } # c\n+++\n'
    expect(rewrite(inline, { sourceName: 'New' })).toBe(
      '+++\nsource = { name = "New", url = "https://o.example" } # c\n+++\n',
    )
    expect(rewrite(inline, { sourceName: 'N', sourceUrl: 'https://n.example' })).toBe(
      '+++\nsource = { name = "N", url = "https://n.example" } # c\n+++\n',
    )
    const dotted = '+++\nsource.name = "Old"\ntitle = "T"\n+++\n'
    expect(rewrite(dotted, { sourceName: 'New', sourceUrl: 'https://n.example' })).toBe(
      '+++\nsource.name = "New"\nsource.url = "https://n.example"\ntitle = "T"\n+++\n',
    )
  })

  it('refuses to rewrite a field held in a TOML table it cannot edit', () => {
    const md = '+++\n[[authors]]\nname = "A"\n+++\n'
    expect(deriveMetadata(md).metadata.authors).toEqual(['A'])
    expect(() => rewrite(md, { authors: ['B'] })).toThrow(/edit it in the text/)
  })

  it('edits a [source] table', () => {
    const md = '+++\ntitle = "T"\n[source]\nname = "Old"\n+++\n'
    expect(rewrite(md, { sourceName: 'New', sourceUrl: 'https://n.example' })).toBe(
      '+++\ntitle = "T"\n[source]\nname = "New"\nurl = "https://n.example"\n+++\n',
    )
  })
})

describe('rewriteFrontMatter: broken front matter', () => {
  it('throws and asks for the front matter to be fixed first', () => {
    const md = '---\ntitle: [unclosed\n---\nBody'
    expect(() => rewrite(md, { title: 'T' })).toThrow(/must be fixed/)
    expect(() => rewrite('---\n- a list\n---\n', { title: 'T' })).toThrow(/must be fixed/)
    expect(() => rewrite('+++\ntitle = \n+++\n', { title: 'T' })).toThrow(/must be fixed/)
  })

  it('refuses a front matter written as one flow mapping rather than reformat it', () => {
    expect(() => rewrite('---\n{title: x}\n---\n', { title: 'T' })).toThrow(/edit it in the text/)
  })
})
