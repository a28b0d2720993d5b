import { describe, expect, it } from 'vitest'
import {
  isEmptyQuery,
  MAX_TERMS,
  parseQuery,
  type ParsedQuery,
  type QueryTerm,
} from '../../../src/main/library/search/query-parser'
import { tokenize } from '../../../src/main/library/search/fts-text'
import { randomQuery, rng } from '../../helpers/fuzz-queries'

const whole = { prefixLastWord: false }

/** The clauses in a compact form: `-` for negated, `|` between alternatives. */
function shape(q: ParsedQuery): string[] {
  const term = (t: QueryTerm): string =>
    `${t.field ? `${t.field}:` : ''}${t.kind === 'phrase' ? `"${t.text}"` : t.text}${t.kind === 'prefix' ? '*' : ''}`
  return q.clauses.map((c) => `${c.negated ? '-' : ''}${c.anyOf.map(term).join('|')}`)
}

describe('parseQuery: words, phrases, prefixes', () => {
  it('splits words on whitespace; all of them must match', () => {
    expect(shape(parseQuery('cats  dogs\tbirds', whole))).toEqual(['cats', 'dogs', 'birds'])
    expect(parseQuery('cats', whole).clauses).toEqual([
      { anyOf: [{ text: 'cats', kind: 'word', field: null }], negated: false },
    ])
  })

  it('reads quoted phrases, and an unclosed quote runs to the end', () => {
    expect(shape(parseQuery('"a phrase" word', whole))).toEqual(['"a phrase"', 'word'])
    expect(shape(parseQuery('word "machine lea', whole))).toEqual(['word', '"machine lea"'])
    expect(shape(parseQuery('foo"bar baz"', whole))).toEqual(['foo', '"bar baz"'])
  })

  it('reads a trailing star as a prefix, also after a phrase', () => {
    expect(shape(parseQuery('photo* "one two thr"* x', whole))).toEqual([
      'photo*',
      'one two thr*',
      'x',
    ])
    expect(parseQuery('"one two thr"*', whole).clauses[0]?.anyOf[0]).toEqual({
      text: 'one two thr',
      kind: 'prefix',
      field: null,
    })
  })

  it('negates words and phrases with a minus', () => {
    expect(shape(parseQuery('cats -dogs -"hot dogs"', whole))).toEqual([
      'cats',
      '-dogs',
      '-"hot dogs"',
    ])
    // A minus inside a word is punctuation, not negation.
    expect(shape(parseQuery('e-mail', whole))).toEqual(['e-mail'])
  })

  it('ignores a minus before nothing', () => {
    expect(shape(parseQuery('- cats -', whole))).toEqual(['cats'])
    expect(shape(parseQuery('-', whole))).toEqual([])
    expect(shape(parseQuery('-(cats)', whole))).toEqual(['cats'])
  })

  it('drops terms that have no token at all', () => {
    expect(shape(parseQuery('+++ — cats *** -!!', whole))).toEqual(['cats'])
    expect(isEmptyQuery(parseQuery('+++ "" "  " -"…"'))).toBe(true)
  })

  it('treats parentheses as separators, not grouping', () => {
    expect(shape(parseQuery('(cats OR dogs) pictures', whole))).toEqual(['cats|dogs', 'pictures'])
    expect(shape(parseQuery('((cats', whole))).toEqual(['cats'])
  })

  it('keeps punctuation inside words for the FTS side to tokenize', () => {
    expect(shape(parseQuery("don't node.js c++ 10:30 http://x.org c++:", whole))).toEqual([
      "don't",
      'node.js',
      'c++',
      '10:30',
      'http://x.org',
      'c++:',
    ])
  })
})

describe('parseQuery: OR', () => {
  it('joins two neighbours into one clause; binds tighter than AND', () => {
    expect(shape(parseQuery('cats OR dogs pictures', whole))).toEqual(['cats|dogs', 'pictures'])
    expect(shape(parseQuery('x a OR b OR c y', whole))).toEqual(['x', 'a|b|c', 'y'])
    expect(shape(parseQuery('"hot dogs" OR title:burgers', whole))).toEqual([
      '"hot dogs"|title:burgers',
    ])
  })

  it('takes lowercase or as a word', () => {
    expect(shape(parseQuery('cats or dogs', whole))).toEqual(['cats', 'or', 'dogs'])
    expect(shape(parseQuery('"OR" -OR', whole))).toEqual(['"OR"', '-OR'])
  })

  it('ignores a dangling OR quietly (it is usually half-typed)', () => {
    for (const input of ['OR cats', 'cats OR', 'cats OR OR dogs', 'OR', 'cats OR +++']) {
      const q = parseQuery(input, whole)
      expect(q.warnings, input).toEqual([])
    }
    expect(shape(parseQuery('OR cats', whole))).toEqual(['cats'])
    expect(shape(parseQuery('cats OR', whole))).toEqual(['cats'])
    expect(shape(parseQuery('cats OR OR dogs', whole))).toEqual(['cats|dogs'])
  })

  it('ignores an OR beside an excluded word or a filter, with a warning', () => {
    const q = parseQuery('cats OR -dogs', whole)
    expect(shape(q)).toEqual(['cats', '-dogs'])
    expect(q.warnings).toEqual(['Ignored "OR" beside "-dogs": OR only joins words.'])
    const t = parseQuery('tag:a OR tag:b', whole)
    expect(t.tags).toEqual(['a', 'b'])
    expect(t.warnings).toEqual(['Ignored "OR" beside "tag:a": OR only joins words.'])
    expect(shape(parseQuery('-cats OR dogs', whole))).toEqual(['-cats', 'dogs'])
  })
})

describe('parseQuery: prefixLastWord', () => {
  it('is on by default: the word being typed becomes a prefix', () => {
    expect(shape(parseQuery('cats pho'))).toEqual(['cats', 'pho*'])
    expect(shape(parseQuery('cats pho', { prefixLastWord: true }))).toEqual(['cats', 'pho*'])
    expect(shape(parseQuery('cats pho', whole))).toEqual(['cats', 'pho'])
  })

  it('leaves the last word whole once a space (or anything) follows it', () => {
    expect(shape(parseQuery('cats pho '))).toEqual(['cats', 'pho'])
    expect(shape(parseQuery('cats (pho)'))).toEqual(['cats', 'pho'])
    expect(shape(parseQuery('pho tag:x'))).toEqual(['pho'])
    expect(shape(parseQuery('pho +++'))).toEqual(['pho'])
  })

  it('applies to field words, OR alternatives and an unclosed phrase being typed', () => {
    expect(shape(parseQuery('title:pho'))).toEqual(['title:pho*'])
    expect(shape(parseQuery('cats OR do'))).toEqual(['cats|do*'])
    expect(shape(parseQuery('"machine lea'))).toEqual(['machine lea*'])
    expect(shape(parseQuery('"machine '))).toEqual(['"machine "'])
  })

  it('leaves closed phrases and excluded words alone', () => {
    expect(shape(parseQuery('"machine learning"'))).toEqual(['"machine learning"'])
    expect(shape(parseQuery('cats -m'))).toEqual(['cats', '-m'])
  })
})

describe('parseQuery: filters', () => {
  it('reads tags, excluded tags and quoted tags', () => {
    const q = parseQuery('tag:news -tag:sport tag:"machine learning" TAG:news cats')
    expect(q.tags).toEqual(['news', 'machine learning'])
    expect(q.excludedTags).toEqual(['sport'])
    expect(shape(q)).toEqual(['cats*'])
  })

  it('reads feeds, and warns that a feed cannot be excluded', () => {
    const q = parseQuery('feed:heise Feed:"The Guardian" -feed:bbc')
    expect(q.feeds).toEqual(['heise', 'The Guardian'])
    expect(q.warnings).toEqual(['Ignored "-feed:bbc": feeds cannot be excluded.'])
  })

  it('reads is: and -is:, case-insensitively, and warns about unknown states', () => {
    const q = parseQuery('is:Starred -is:read IS:unread is:starred is:sleepy')
    expect(q.is).toEqual(['starred', 'unread'])
    expect(q.isNot).toEqual(['read'])
    expect(q.warnings).toEqual([
      'Ignored "is:sleepy": use is:unread, is:read, is:starred, is:archived, is:draft, is:ready, is:published, is:trashed.',
    ])
  })

  it('reads dates, expanding YYYY-MM and YYYY to the first day', () => {
    expect(parseQuery('before:2024-05-17').before).toBe('2024-05-17')
    expect(parseQuery('before:2024-05').before).toBe('2024-05-01')
    expect(parseQuery('after:2024').after).toBe('2024-01-01')
    expect(parseQuery('after:2024-5-3').after).toBe('2024-05-03')
    expect(parseQuery('BEFORE:2024-02-29').before).toBe('2024-02-29')
  })

  it('ignores invalid dates with a warning', () => {
    const q = parseQuery('before:yesterday after:2023-02-29 after:2024-13 before:24 cats')
    expect(q.before).toBeNull()
    expect(q.after).toBeNull()
    expect(q.warnings).toEqual([
      'Ignored "before:yesterday": use before:YYYY-MM-DD.',
      'Ignored "after:2023-02-29": use after:YYYY-MM-DD.',
      'Ignored "after:2024-13": use after:YYYY-MM-DD.',
      'Ignored "before:24": use before:YYYY-MM-DD.',
    ])
    expect(shape(q)).toEqual(['cats*'])
    expect(parseQuery('-before:2020').warnings).toEqual([
      'Ignored "-before:2020": use after: instead of -before:.',
    ])
  })

  it('keeps the most restrictive of repeated dates', () => {
    const q = parseQuery('before:2024 before:2022-06 after:2010 after:2020-03-01 after:2015')
    expect(q.before).toBe('2022-06-01')
    expect(q.after).toBe('2020-03-01')
  })

  it('makes author:, source:, title: values terms of those fields', () => {
    const q = parseQuery('author:smith source:"the guardian" TITLE:photo* -title:draft', whole)
    expect(q.clauses).toEqual([
      { anyOf: [{ text: 'smith', kind: 'word', field: 'author' }], negated: false },
      { anyOf: [{ text: 'the guardian', kind: 'phrase', field: 'source' }], negated: false },
      { anyOf: [{ text: 'photo', kind: 'prefix', field: 'title' }], negated: false },
      { anyOf: [{ text: 'draft', kind: 'word', field: 'title' }], negated: true },
    ])
  })

  it('ignores a filter with no value yet, quietly', () => {
    const q = parseQuery('cats tag: is: before: title: author:"" feed:')
    expect(q.warnings).toEqual([])
    expect(q.tags).toEqual([])
    expect(shape(q)).toEqual(['cats'])
  })

  it('takes unknown keys as words', () => {
    const q = parseQuery('http://example.org 10:30 lang:de', whole)
    expect(shape(q)).toEqual(['http://example.org', '10:30', 'lang:de'])
  })
})

describe('parseQuery: limits and emptiness', () => {
  it('searches at most MAX_TERMS terms and says so', () => {
    const words = Array.from({ length: MAX_TERMS + 5 }, (_, i) => `w${i}`)
    const q = parseQuery(words.join(' '))
    expect(q.clauses).toHaveLength(MAX_TERMS)
    expect(q.warnings).toEqual([`Searched for the first ${MAX_TERMS} words only.`])
  })

  it('isEmptyQuery: no clauses, even with filters', () => {
    expect(isEmptyQuery(parseQuery(''))).toBe(true)
    expect(isEmptyQuery(parseQuery('   '))).toBe(true)
    expect(isEmptyQuery(parseQuery('tag:x is:unread before:2024'))).toBe(true)
    expect(isEmptyQuery(parseQuery('-cats'))).toBe(false)
    expect(isEmptyQuery(parseQuery('人工智能'))).toBe(false)
  })
})

/** A small seeded generator, so a failing fuzz case can be replayed. */

function checkInvariants(q: ParsedQuery): void {
  for (const c of q.clauses) {
    expect(c.anyOf.length).toBeGreaterThan(0)
    // OR never joins an excluded word, so a negated clause has one term.
    if (c.negated) expect(c.anyOf).toHaveLength(1)
    for (const t of c.anyOf) expect(tokenize(t.text).length).toBeGreaterThan(0)
  }
  expect(q.clauses.reduce((n, c) => n + c.anyOf.length, 0)).toBeLessThanOrEqual(MAX_TERMS)
  for (const d of [q.before, q.after]) if (d !== null) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/)
}

describe('parseQuery: fuzz', () => {
  it('never throws and keeps its invariants for random input', () => {
    const next = rng(20240517)
    for (let i = 0; i < 3000; i++) {
      const input = randomQuery(next)
      for (const prefixLastWord of [true, false]) {
        let q: ParsedQuery | undefined
        expect(
          () => (q = parseQuery(input, { prefixLastWord })),
          JSON.stringify(input),
        ).not.toThrow()
        if (q) checkInvariants(q)
      }
    }
  })

  it('copes with 10 KB inputs', () => {
    const next = rng(7)
    const inputs = [
      'a'.repeat(10_000),
      '"'.repeat(10_000),
      '('.repeat(5_000) + ')'.repeat(5_000),
      '-'.repeat(10_000),
      'tag:'.repeat(2_500),
      '人'.repeat(10_000),
      'a OR '.repeat(2_000),
      Array.from({ length: 400 }, () => randomQuery(next, 12))
        .join(' ')
        .slice(0, 10_000),
    ]
    for (const input of inputs) {
      const q = parseQuery(input)
      checkInvariants(q)
    }
    expect(shape(parseQuery('a OR '.repeat(2_000)))).toEqual([
      'a|' + 'a|'.repeat(MAX_TERMS - 2) + 'a',
    ])
  })

  it('accepts whatever a JavaScript caller might pass', () => {
    expect(isEmptyQuery(parseQuery(undefined as unknown as string))).toBe(true)
  })
})
