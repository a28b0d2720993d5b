import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { splitFrontMatter, YAML_OPTIONS } from '../../../src/shared/document/front-matter'
import { parseSimpleYaml } from '../../../src/shared/document/yaml-lite'

describe('splitFrontMatter', () => {
  it('finds YAML front matter and the body after it', () => {
    const doc = '---\ntitle: Hello\ntags: [a, b]\n---\n# Body\n'
    const fm = splitFrontMatter(doc)
    expect(fm.kind).toBe('yaml')
    expect(fm.raw).toBe('title: Hello\ntags: [a, b]\n')
    expect(doc.slice(fm.rawStart, fm.rawEnd)).toBe(fm.raw)
    expect(fm.body).toBe('# Body\n')
    expect(doc.slice(fm.bodyStart)).toBe(fm.body)
    expect(fm.data).toEqual({ title: 'Hello', tags: ['a', 'b'] })
    expect(fm.error).toBeNull()
  })

  it('accepts `...` as the closing line and trailing blanks on delimiters', () => {
    const fm = splitFrontMatter('--- \ntitle: x\n...  \nbody')
    expect(fm.kind).toBe('yaml')
    expect(fm.data).toEqual({ title: 'x' })
    expect(fm.body).toBe('body')
  })

  it('handles a BOM and CRLF line endings', () => {
    const doc = '\ufeff---\r\ntitle: Hi\r\ndate: 2024-01-05\r\n---\r\nText\r\n'
    const fm = splitFrontMatter(doc)
    expect(fm.kind).toBe('yaml')
    expect(fm.rawStart).toBe(6)
    expect(fm.raw).toBe('title: Hi\r\ndate: 2024-01-05\r\n')
    expect(fm.data).toEqual({ title: 'Hi', date: '2024-01-05' })
    expect(fm.body).toBe('Text\r\n')
  })

  it('treats a document without front matter as all body', () => {
    for (const doc of ['# Title\n\nText', '', '\ufeffHello', '-- \nx', '----\nx\n----\n']) {
      const fm = splitFrontMatter(doc)
      expect(fm.kind).toBeNull()
      expect(fm.body).toBe(doc.replace(/^\ufeff/, ''))
      expect(fm.data).toEqual({})
      expect(fm.error).toBeNull()
    }
  })

  it('does not take an unclosed opening line for front matter', () => {
    const doc = '---\ntitle: x\n\nA thematic break started this document.\n'
    const fm = splitFrontMatter(doc)
    expect(fm.kind).toBeNull()
    expect(fm.body).toBe(doc)
    expect(fm.bodyStart).toBe(0)
  })

  it('reads empty and comment-only front matter as no fields', () => {
    expect(splitFrontMatter('---\n---\nbody').data).toEqual({})
    expect(splitFrontMatter('---\n---\nbody').raw).toBe('')
    expect(splitFrontMatter('---\n# just a note\n---\nbody').data).toEqual({})
    expect(splitFrontMatter('---\n---\nbody').error).toBeNull()
  })

  it('keeps YAML dates as strings, with no time zone surprises', () => {
    const fm = splitFrontMatter('---\ndate: 2024-01-05\nupdated: 2024-01-05T10:00:00Z\n---\n')
    expect(fm.data).toEqual({ date: '2024-01-05', updated: '2024-01-05T10:00:00Z' })
    // The same through the full parser (a comment forces it).
    const full = splitFrontMatter('---\ndate: 2024-01-05 # c\nx: !!str 1\n---\n')
    expect(full.data).toEqual({ date: '2024-01-05', x: '1' })
  })

  it('reads TOML front matter and turns its dates into ISO strings', () => {
    const doc =
      '+++\ntitle = "T"\ndate = 2024-01-05\nat = 2024-01-05T10:00:00+02:00\n[params]\nx = 1\n+++\nbody'
    const fm = splitFrontMatter(doc)
    expect(fm.kind).toBe('toml')
    expect(fm.data).toEqual({
      title: 'T',
      date: '2024-01-05',
      at: '2024-01-05T10:00:00.000+02:00',
      params: { x: 1 },
    })
    expect(fm.body).toBe('body')
  })

  it('reports broken YAML with the document line, keeping the text', () => {
    const doc = '---\ntitle: ok\nsummary: a: b\n---\nbody'
    const fm = splitFrontMatter(doc)
    expect(fm.kind).toBe('yaml')
    expect(fm.data).toEqual({})
    expect(fm.body).toBe('body')
    expect(fm.error).toBe(
      'Front matter line 3: Nested mappings are not allowed in compact mappings — the text was kept as is; fix the YAML to use its fields.',
    )
    expect(splitFrontMatter('---\nsummary: "unclosed\n---\n').error).toMatch(/closing "quote/)
  })

  it('reports broken TOML', () => {
    const fm = splitFrontMatter('+++\ntitle = "x"\ntags = [\n+++\nbody')
    expect(fm.error).toMatch(/^Front matter line \d+: .+ fix the TOML to use its fields\.$/)
    expect(fm.data).toEqual({})
  })

  it('calls front matter that is a list or a single value broken', () => {
    expect(splitFrontMatter('---\n- a\n- b\n---\n').error).toMatch(/a list, not a set of fields/)
    expect(splitFrontMatter('---\njust text\n---\n').error).toMatch(/a single value/)
  })

  it('keeps duplicate keys readable (the last one wins)', () => {
    expect(splitFrontMatter('---\ntitle: a\ntitle: b\n---\n').data).toEqual({ title: 'b' })
  })

  it('survives alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (let i = 0; i < 8; i++) bomb.push(`${'b'.repeat(i + 1)}: &b${i} [${'*a, '.repeat(9)}*a]`)
    const fm = splitFrontMatter(`---\n${bomb.join('\n')}\n---\n`)
    expect(fm.error === null || typeof fm.error === 'string').toBe(true)
  })
})

/** The fast reader must agree with the full parser on everything it accepts. */
describe('parseSimpleYaml', () => {
  const full = (raw: string): unknown => {
    const doc = parseDocument(raw, YAML_OPTIONS)
    return doc.errors.length > 0 ? 'ERROR' : (doc.toJS() ?? {})
  }
  const cases = [
    'title: Hello world\n',
    'title: "Quoted: with colon"\ndate: 2024-01-05\n',
    "title: 'It''s single'\n",
    'tags: [a, b, "c d"]\n',
    'tags: [a, b,]\n',
    'tags: []\n',
    'tags:\n  - a\n  - "b"\n  # note\n  - c # trailing\nnext: 1\n',
    'tags:\n- a\n- b\n',
    'n: 12\nm: -3\nf: 1.5\nh: 0x1F\no: 0o7\nb: true\nc: False\nz: ~\ne:\n',
    'k: value # comment\n# comment line\n\nk2: C#\n',
    'url: https://example.com/a?b=c#frag\n',
    'a: b: c\n',
    'a: [unclosed\n',
    'a: "x\\ty\\u00e9"\n',
    'a: "bad \\q escape"\n',
    'a: multi\n  line plain\n',
    'a:\n  nested: map\n',
    'a: |\n  block\n',
    'a: &x anchor\nb: *x\n',
    'a: - x\n',
    '- a\n- b\n',
    'just text\n',
    '__proto__: x\n',
    'key with space: 1\n',
    'a: yes\nb: no\nc: on\n',
    'a: .inf\nb: .NaN\nc: 1e3\nd: 007\n',
    'a: x\r\nb:\r\n  - y\r\n',
    'a: [a: b]\n',
    'a: [x, , y]\n',
    'a: "x" trailing\n',
    'a: 2024-01-05 10:00:00 +01:00\n',
    '  indented: 1\n',
    'a: {x: 1}\n',
    'a: -x\nb: --y\n',
    'a: @x\n',
    'a: x\tb\n',
  ]
  it.each(cases)('agrees with yaml on %j', (raw) => {
    const fast = parseSimpleYaml(raw)
    if (fast !== undefined) expect(fast).toEqual(full(raw))
  })

  it('takes the fast path for ordinary front matter', () => {
    expect(parseSimpleYaml(cases[0]!)).toBeDefined()
    expect(parseSimpleYaml(cases[6]!)).toBeDefined()
    expect(parseSimpleYaml(cases[8]!)).toBeUndefined() // hex and octal go to the full parser
  })

  it('agrees with yaml on generated front matter', () => {
    const atoms = [
      'x',
      'hello world',
      '"q"',
      "'s'",
      '12',
      'true',
      'null',
      '',
      '[a, b]',
      'a:b',
      'a: b',
      '# c',
      'x # c',
      '- a',
      '2024-01-05',
      '"a\\"b"',
      '[',
      '&a',
      'é',
      "it's",
      'x,y',
      '[a, [b]]',
    ]
    let seed = 7
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    for (let i = 0; i < 400; i++) {
      const lines: string[] = []
      const count = 1 + rand(5)
      for (let j = 0; j < count; j++) {
        const shape = rand(6)
        if (shape === 0) lines.push(`k${j}:`, `  - ${atoms[rand(atoms.length)]}`)
        else if (shape === 1) lines.push(`# ${atoms[rand(atoms.length)]}`)
        else if (shape === 2)
          lines.push(`k${j}:`, `${' '.repeat(rand(3))}${atoms[rand(atoms.length)]}`)
        else lines.push(`k${rand(3)}: ${atoms[rand(atoms.length)]}`)
      }
      const raw = lines.join('\n') + '\n'
      const fast = parseSimpleYaml(raw)
      if (fast !== undefined) expect(fast, raw).toEqual(full(raw))
    }
  })
})
