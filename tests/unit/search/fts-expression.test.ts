import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import {
  hasOnlyNegatives,
  MAX_EXPANSIONS,
  negativesExpression,
  toFtsExpression,
  type SubstringExpander,
} from '../../../src/main/library/search/fts-expression'
import { segmentForIndex, vocabularyTerms } from '../../../src/main/library/search/fts-text'
import { parseQuery, type ParsedQuery } from '../../../src/main/library/search/query-parser'
import { randomQuery, rng } from '../../helpers/fuzz-queries'

/** Rows: title, body, author, tags, source. */
const ROWS: [string, string, string, string, string][] = [
  [
    'Die Videokamera im Test',
    'Eine Überwachungskamera für draußen und ein Stativ.',
    'Jürgen Müller',
    'technik',
    'heise',
  ],
  [
    'Le café du coin',
    'Un café crème et des croissants. Photography of the terrace.',
    'Amélie Dupont',
    'food',
    'lemonde',
  ],
  [
    '人工智能的未来',
    '人工智能正在改变世界。机器学习是人工智能的一个分支。',
    '李明',
    'ai',
    'xinhua',
  ],
  ['東京の天気', '今日は東京で雨が降っています。明日は晴れるでしょう。', '田中', 'weather', 'nhk'],
  [
    'Getting started with node.js',
    "Don't forget to install node.js and answer the e-mail. C++ and C# differ. Photo editing.",
    'Jane Smith',
    'code',
    'guardian',
  ],
  ['Cats and dogs', 'Pictures of cats. Dogs are friends too.', 'John Smithers', 'pets', 'bbc'],
]

const db = new Database(':memory:')
db.exec(
  `CREATE VIRTUAL TABLE fts USING fts5(title, body, author, tags, source, tokenize='unicode61 remove_diacritics 2')`,
)
const insert = db.prepare(
  'INSERT INTO fts (rowid, title, body, author, tags, source) VALUES (?, ?, ?, ?, ?, ?)',
)
const vocabulary = new Set<string>()
ROWS.forEach((row, i) => {
  const segmented = row.map(segmentForIndex)
  insert.run(i + 1, ...segmented)
  for (const text of segmented) vocabularyTerms(text, vocabulary)
})
afterAll(() => db.close())

/** Vocabulary words containing the term, as the trigram table would answer. */
const expand: SubstringExpander = (term) => [...vocabulary].filter((w) => w.includes(term)).sort()

const match = db.prepare('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid')
const all = db.prepare('SELECT rowid FROM fts ORDER BY rowid')

function rowids(expression: string): number[] {
  return match.all(expression).map((r) => (r as { rowid: number }).rowid)
}

/** The rows a query finds, the way the search service would run it. */
function find(input: string, options = { prefixLastWord: false }, ex = expand): number[] {
  const q = parseQuery(input, options)
  const expression = toFtsExpression(q, ex)
  if (expression !== null) return rowids(expression)
  if (!hasOnlyNegatives(q)) return []
  const excluded = new Set(rowids(negativesExpression(q, ex) ?? '""'))
  return all
    .all()
    .map((r) => (r as { rowid: number }).rowid)
    .filter((id) => !excluded.has(id))
}

describe('toFtsExpression: the expression text', () => {
  // `null` runs without an expander (an omitted argument would take the default).
  const expr = (input: string, ex: SubstringExpander | null = expand): string | null =>
    toFtsExpression(parseQuery(input, { prefixLastWord: false }), ex ?? undefined)

  it('writes a plain word as itself plus the vocabulary words starting with or containing it', () => {
    expect(expr('kamera')).toBe('("kamera" OR "uberwachungskamera" OR "videokamera")')
    expect(expr('kamera', null)).toBe('("kamera")')
    // No FTS5 prefix query: the words that start with it come from the vocabulary too.
    expect(expr('photo')).toBe('("photo" OR "photography")')
  })

  it('writes short words exactly, and punctuated and CJK words as phrases', () => {
    expect(expr('ai')).toBe('("ai")')
    expect(expr("node.js don't e-mail c++")).toBe(
      '("node js") AND ("don t") AND ("e mail") AND ("c")',
    )
    expect(expr('人工智能')).toBe('("人 工 智 能")')
    expect(expr('café')).toBe('("cafe")')
  })

  it('writes phrases exactly and prefixes with a star on the last token', () => {
    expect(expr('"Pictures of cats"')).toBe('("pictures of cats")')
    expect(expr('"one two thr"* pho*')).toBe(
      '("one two thr"*) AND ("pho" OR "photo" OR "photography")',
    )
    expect(toFtsExpression(parseQuery('node.j'), expand)).toBe('("node j"*)')
  })

  it('uses column filters for field terms', () => {
    expect(expr('title:cafe author:"jane smith"')).toBe(
      '({title} : "cafe") AND ({author} : "jane smith")',
    )
    expect(expr('source:guardian OR title:kamera')).toBe(
      '({source} : "guardian" OR {title} : ("kamera" OR "uberwachungskamera" OR "videokamera"))',
    )
  })

  it('joins OR alternatives and appends negatives after one NOT', () => {
    expect(expr('cats OR dogs pictures', null)).toBe('("cats" OR "dogs") AND ("pictures")')
    expect(expr('cats -dogs', null)).toBe('("cats") NOT ("dogs")')
    expect(expr('cats -dogs -"hot dog" -ai', null)).toBe(
      '("cats") NOT (("dogs") OR ("hot dog") OR ("ai"))',
    )
  })

  it('returns null for an empty query, and for one with only negatives', () => {
    expect(expr('')).toBeNull()
    expect(expr('tag:x is:unread +++')).toBeNull()
    const q = parseQuery('-cats -"hot dog"', { prefixLastWord: false })
    expect(hasOnlyNegatives(q)).toBe(true)
    expect(toFtsExpression(q, expand)).toBeNull()
    expect(negativesExpression(q, expand)).toBe('("cats") OR ("hot dog")')
    expect(hasOnlyNegatives(parseQuery('cats -dogs'))).toBe(false)
    expect(hasOnlyNegatives(parseQuery(''))).toBe(false)
    expect(negativesExpression(parseQuery('cats'), expand)).toBeNull()
  })

  it('quotes everything: FTS5 operators typed as words stay words', () => {
    expect(expr('AND NOT NEAR ^cats {title}')).toBe(
      '("and") AND ("not") AND ("near") AND ("cats") AND ("title")',
    )
  })

  it('caps expansions and drops ones that are not a single index token', () => {
    const many: SubstringExpander = (t) => [
      `x${t}`,
      `x${t}`,
      'not"a token',
      'two words',
      '',
      `${t}suffix`,
      ...Array.from({ length: 100 }, (_, i) => `a${i}${t}`),
    ]
    const e = expr('kamera', many) ?? ''
    expect(e.startsWith('("kamera" OR "xkamera" OR "kamerasuffix" OR "a0kamera"')).toBe(true)
    expect(e.match(/ OR /g)).toHaveLength(MAX_EXPANSIONS)
    expect(e).not.toContain('token')
  })
})

describe('toFtsExpression: rows found in real FTS5', () => {
  it('finds words inside German compounds through substring expansion', () => {
    expect(find('kamera')).toEqual([1])
    expect(find('kamera', undefined, () => [])).toEqual([])
    expect(find('überwachung')).toEqual([1])
    expect(find('draussen')).toEqual([])
    expect(find('draußen')).toEqual([1])
  })

  it('ignores diacritics and case', () => {
    expect(find('cafe')).toEqual([2])
    expect(find('CAFÉ')).toEqual([2])
    expect(find('juergen')).toEqual([])
    expect(find('jurgen')).toEqual([1])
  })

  it('treats plain words as prefixes', () => {
    expect(find('photo')).toEqual([2, 5])
    expect(find('"photo"')).toEqual([5])
  })

  it('finds CJK words inside sentences, only as consecutive characters', () => {
    expect(find('人工智能')).toEqual([3])
    expect(find('智能')).toEqual([3])
    expect(find('能正在')).toEqual([3])
    expect(find('能智')).toEqual([])
    expect(find('東京')).toEqual([4])
    expect(find('晴れる')).toEqual([4])
    expect(find('京都')).toEqual([])
    expect(find('人工', { prefixLastWord: true })).toEqual([3])
  })

  it('finds code words and punctuated words as phrases of their tokens', () => {
    expect(find('node.js')).toEqual([5])
    expect(find('NODE.JS')).toEqual([5])
    expect(find("don't")).toEqual([5])
    expect(find('e-mail')).toEqual([5])
    expect(find('c++')).toEqual([5])
    expect(find('js.node')).toEqual([])
    expect(find('node.j', { prefixLastWord: true })).toEqual([5])
  })

  it('searches the named column only', () => {
    expect(find('title:cafe')).toEqual([2])
    expect(find('title:photography')).toEqual([])
    expect(find('author:smith')).toEqual([5, 6])
    expect(find('author:"jane smith"')).toEqual([5])
    expect(find('source:guardian')).toEqual([5])
    expect(find('title:cats OR author:jane')).toEqual([5, 6])
  })

  it('combines AND, OR and NOT', () => {
    expect(find('cats OR kamera')).toEqual([1, 6])
    expect(find('cats OR dogs pictures')).toEqual([6])
    expect(find('smith -node')).toEqual([6])
    expect(find('smith -node -cats')).toEqual([])
    expect(find('"pictures of cats"')).toEqual([6])
    expect(find('"cats of pictures"')).toEqual([])
    expect(find('cats AND dogs')).toEqual([6])
  })

  it('excludes rows for a query of only negatives', () => {
    expect(find('-node')).toEqual([1, 2, 3, 4, 6])
    expect(find('-node -人工智能 -"Pictures of cats"')).toEqual([1, 2, 4])
  })
})

/** A small seeded generator, so a failing fuzz case can be replayed. */

describe('toFtsExpression: fuzz against FTS5', () => {
  /** Runs the query's expressions; returns how many there were. */
  function compileAndRun(q: ParsedQuery, input: string): number {
    let ran = 0
    for (const expression of [toFtsExpression(q, expand), negativesExpression(q, expand)]) {
      if (expression === null) continue
      expect(() => rowids(expression), `${JSON.stringify(input)} → ${expression}`).not.toThrow()
      ran++
    }
    return ran
  }

  it('never produces an expression FTS5 rejects', () => {
    const next = rng(42)
    let ran = 0
    for (let i = 0; i < 3000; i++) {
      const input = randomQuery(next)
      ran += compileAndRun(parseQuery(input, { prefixLastWord: next() < 0.5 }), input)
    }
    // Most random queries must reach FTS5, or this test proves nothing.
    expect(ran).toBeGreaterThan(2000)
  })

  it('copes with 10 KB queries', () => {
    const next = rng(99)
    const inputs = [
      'kamera '.repeat(1_500),
      '-cat '.repeat(2_000),
      'a.b'.repeat(3_000),
      '人'.repeat(10_000),
      '"' + 'word '.repeat(2_000),
      'cat OR '.repeat(1_500),
      Array.from({ length: 400 }, () => randomQuery(next, 12))
        .join(' ')
        .slice(0, 10_000),
    ]
    for (const input of inputs) expect(compileAndRun(parseQuery(input), input)).toBeGreaterThan(0)
  })

  it('survives hand-built queries with many negatives (no NOT chain too deep)', () => {
    const q: ParsedQuery = {
      ...parseQuery('cats'),
      clauses: [
        { anyOf: [{ text: 'cats', kind: 'word', field: null }], negated: false },
        ...Array.from({ length: 500 }, (_, i) => ({
          anyOf: [{ text: `w${i}`, kind: 'word' as const, field: null }],
          negated: true,
        })),
      ],
    }
    expect(rowids(toFtsExpression(q, expand) ?? '')).toEqual([6])
  })
})
