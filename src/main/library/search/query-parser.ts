/**
 * The search box's query language, parsed into a structured query (see `toFtsExpression` for
 * how it reaches FTS5).
 *
 * People type into this box one keystroke at a time, so every prefix of a sensible query is a
 * query too: the parser never throws, never rejects, and explains what it ignored in
 * `warnings` instead. Half-typed parts (`tag:`, a trailing `OR`, an unclosed quote) are taken
 * as far as they go, silently.
 *
 * Parentheses are separators, not grouping: `(cats OR dogs) pictures` means the same as
 * `cats OR dogs pictures`. Grouping would let one stray `(` swallow the rest of a query
 * typed so far, and OR already binds tighter than AND, which covers what people use it for.
 */

import { tokenize } from './fts-text'

import { IS_FILTERS, type IsFilter } from '../../../shared/model'

export { IS_FILTERS, type IsFilter }

/** One thing to search for. */
export interface QueryTerm {
  /** As typed, without quotes, the prefix star or the minus. */
  text: string
  kind: 'word' | 'phrase' | 'prefix'
  /** `title:foo`, `author:smith`, `source:guardian` search those FTS columns; null = all columns. */
  field: 'title' | 'author' | 'source' | null
}

/** A clause is one or more alternatives joined by OR; all clauses must match (AND). */
export interface QueryClause {
  anyOf: QueryTerm[]
  negated: boolean
}

/** A parsed search-box query: text clauses for FTS5 plus filters for plain SQL. */
export interface ParsedQuery {
  clauses: QueryClause[]
  /** `tag:x`, `-tag:x` (quotes allowed: `tag:"machine learning"`). */
  tags: string[]
  excludedTags: string[]
  /** `feed:x` */
  feeds: string[]
  /** `is:starred`, `-is:read` */
  is: IsFilter[]
  isNot: IsFilter[]
  /** `before:` / `after:` as YYYY-MM-DD (YYYY-MM and YYYY are expanded to the first day). */
  before: string | null
  after: string | null
  /** Human notes about ignored parts, e.g. 'Ignored "before:yesterday": use before:YYYY-MM-DD.' */
  warnings: string[]
}

/** Options of `parseQuery`. */
export interface ParseOptions {
  /**
   * Treat the word being typed (the last one, with nothing after it) as a prefix, so results
   * follow each keystroke. Default true; pass false for queries that were submitted whole.
   */
  prefixLastWord?: boolean
}

/**
 * Most terms searched in one query. A pasted paragraph would otherwise become hundreds of
 * prefix and substring lookups (far past the search budget) for a query nobody means.
 */
export const MAX_TERMS = 32

type Field = NonNullable<QueryTerm['field']>
type Key = Field | 'tag' | 'feed' | 'is' | 'before' | 'after'
const KEYS: ReadonlySet<string> = new Set<Key>([
  'title',
  'author',
  'source',
  'tag',
  'feed',
  'is',
  'before',
  'after',
])

/** Whitespace, control characters and parentheses all just end a word. */
const SEPARATOR = /[\s\p{Cc}()]/u

/** A piece of the input: a word, a quoted phrase or a `key:value`, with where it was typed. */
interface Chunk {
  negated: boolean
  /** `key` when this is `key:value` with a known key, lower-cased. */
  key: Key | null
  /** The word, phrase or value without minus, key, quotes or trailing stars. */
  text: string
  quoted: boolean
  /** An unclosed quote ran to the end of the input. */
  unclosed: boolean
  star: boolean
  /** The chunk as typed, for warnings. */
  source: string
  /** Nothing (not even a space) follows the chunk: it may still be being typed. */
  atEnd: boolean
}

/** Cut the input into chunks; never fails, whatever the input. */
function chunks(input: string): Chunk[] {
  const out: Chunk[] = []
  const n = input.length
  const isSep = (i: number): boolean => i >= n || SEPARATOR.test(input[i] ?? ' ')
  let i = 0
  while (i < n) {
    if (isSep(i)) {
      i++
      continue
    }
    const start = i
    let negated = false
    if (input[i] === '-') {
      // A minus before nothing is half-typed or a dash used as punctuation: ignore it.
      if (isSep(i + 1)) {
        i++
        continue
      }
      negated = true
      i++
    }
    let key: Key | null = null
    let text = ''
    let word = false
    let quoted = false
    let unclosed = false
    if (input[i] !== '"') {
      // A word runs to a separator or a quote, so `tag:"a b"` and `foo"bar"` split cleanly.
      let j = i
      while (j < n && !isSep(j) && input[j] !== '"') j++
      text = input.slice(i, j)
      i = j
      word = true
      const m = /^([A-Za-z]+):/.exec(text)
      const k = m?.[1]?.toLowerCase()
      if (m && k && KEYS.has(k)) {
        key = k as Key
        text = text.slice(m[0].length)
      }
    }
    // A quote opens a phrase, or the value of a `key:` written right before it.
    if (input[i] === '"' && (!word || (key !== null && text === ''))) {
      const close = input.indexOf('"', i + 1)
      quoted = true
      unclosed = close === -1
      text = input.slice(i + 1, unclosed ? n : close)
      i = unclosed ? n : close + 1
    }
    let star = false
    if (quoted) {
      while (input[i] === '*') {
        star = true
        i++
      }
    } else if (key === null || key === 'title' || key === 'author' || key === 'source') {
      // Filter values keep their stars: a tag may well be called `c*`.
      const stripped = text.replace(/\*+$/, '')
      star = stripped.length < text.length
      text = stripped
    }
    out.push({
      negated,
      key,
      text,
      quoted,
      unclosed,
      star,
      source: input.slice(start, i),
      atEnd: i >= n,
    })
  }
  return out
}

/** YYYY, YYYY-MM or YYYY-MM-DD (single-digit month and day allowed) → YYYY-MM-DD, or null. */
function parseDate(value: string): string | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value)
  if (!m) return null
  const year = Number(m[1])
  const month = Number(m[2] ?? 1)
  const day = Number(m[3] ?? 1)
  if (month < 1 || month > 12 || day < 1) return null
  // Day 0 of the next month is the last day of this one (leap years included).
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null
  const pad = (v: number): string => String(v).padStart(2, '0')
  return `${m[1]}-${pad(month)}-${pad(day)}`
}

function pushUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value)
}

/** An item of the query in order: a search term, an OR, or a filter (which breaks OR chains). */
type Item =
  | { type: 'term'; term: QueryTerm; negated: boolean; source: string }
  | { type: 'or'; source: string }
  | { type: 'filter'; source: string }

/**
 * Parse what was typed into the search box. Never throws: anything that cannot be used is
 * ignored, and explained in `warnings` when it looks deliberate. `prefixLastWord` defaults to
 * true (see `ParseOptions`).
 */
export function parseQuery(input: string, options: ParseOptions = {}): ParsedQuery {
  const prefixLast = options.prefixLastWord ?? true
  const q: ParsedQuery = {
    clauses: [],
    tags: [],
    excludedTags: [],
    feeds: [],
    is: [],
    isNot: [],
    before: null,
    after: null,
    warnings: [],
  }
  const items: Item[] = []
  for (const c of chunks(String(input ?? ''))) {
    if (c.key === null || c.key === 'title' || c.key === 'author' || c.key === 'source') {
      if (!c.quoted && !c.negated && !c.star && c.key === null && c.text === 'OR') {
        items.push({ type: 'or', source: c.source })
        continue
      }
      // Nothing FTS5 could match (`+++`, `—`, an empty `title:`): drop it rather than fail.
      if (tokenize(c.text).length === 0) continue
      let kind: QueryTerm['kind'] = c.star ? 'prefix' : c.quoted ? 'phrase' : 'word'
      // The word being typed: no space after it yet. Excluded words stay whole, so that typing
      // `-machine` does not exclude every word starting with "m" on the way.
      const typing =
        c.atEnd && !c.negated && (kind === 'word' || (c.unclosed && /\S$/u.test(c.text)))
      if (prefixLast && typing) kind = 'prefix'
      items.push({
        type: 'term',
        term: { text: c.text, kind, field: c.key },
        negated: c.negated,
        source: c.source,
      })
      continue
    }
    items.push({ type: 'filter', source: c.source })
    addFilter(q, c)
  }
  buildClauses(q, items)
  return q
}

/** Apply one `key:value` filter chunk (everything except the text fields) to `q`. */
function addFilter(q: ParsedQuery, c: Chunk): void {
  const value = c.text.trim()
  // `tag:` with nothing yet is being typed: not worth a warning.
  if (value === '') return
  switch (c.key) {
    case 'tag':
      pushUnique(c.negated ? q.excludedTags : q.tags, value)
      return
    case 'feed':
      if (c.negated) q.warnings.push(`Ignored "${c.source}": feeds cannot be excluded.`)
      else pushUnique(q.feeds, value)
      return
    case 'is': {
      const state = value.toLowerCase() as IsFilter
      if (IS_FILTERS.includes(state)) pushUnique(c.negated ? q.isNot : q.is, state)
      else q.warnings.push(`Ignored "${c.source}": use is:${IS_FILTERS.join(', is:')}.`)
      return
    }
    case 'before':
    case 'after': {
      const date = parseDate(value)
      if (c.negated) {
        const other = c.key === 'before' ? 'after' : 'before'
        q.warnings.push(`Ignored "${c.source}": use ${other}: instead of -${c.key}:.`)
      } else if (date === null) {
        q.warnings.push(`Ignored "${c.source}": use ${c.key}:YYYY-MM-DD.`)
      } else if (c.key === 'before') {
        // Both must hold, so the earliest `before` (latest `after`) is the one that counts.
        if (q.before === null || date < q.before) q.before = date
      } else if (q.after === null || date > q.after) {
        q.after = date
      }
      return
    }
    default:
      return
  }
}

/**
 * Group terms into clauses: `a OR b` joins neighbours into one clause. An OR with nothing to
 * join (first, last, doubled) is ignored silently, as it is usually half-typed; one beside an
 * excluded word or a filter is ignored with a warning, as its meaning cannot be expressed.
 */
function buildClauses(q: ParsedQuery, items: Item[]): void {
  let terms = 0
  let capped = false
  // The clause of the previous item when it was a positive term: what a following OR extends.
  let joinable: QueryClause | null = null
  let prev: Item | null = null
  let pendingOr: Item | null = null
  const warnOr = (or: Item, beside: Item): void => {
    q.warnings.push(`Ignored "${or.source}" beside "${beside.source}": OR only joins words.`)
  }
  for (const item of items) {
    if (item.type === 'or') {
      if (prev && prev.type !== 'or') {
        if (prev.type === 'term' && !prev.negated) pendingOr = item
        else warnOr(item, prev)
      }
      prev = item
      continue
    }
    if (item.type === 'filter') {
      if (pendingOr) warnOr(pendingOr, item)
      pendingOr = null
      joinable = null
      prev = item
      continue
    }
    prev = item
    if (terms >= MAX_TERMS) {
      capped = true
      continue
    }
    terms++
    if (pendingOr && joinable && !item.negated) {
      joinable.anyOf.push(item.term)
    } else {
      if (pendingOr) warnOr(pendingOr, item)
      const clause: QueryClause = { anyOf: [item.term], negated: item.negated }
      q.clauses.push(clause)
      joinable = item.negated ? null : clause
    }
    pendingOr = null
  }
  if (capped) q.warnings.push(`Searched for the first ${MAX_TERMS} words only.`)
}

/** True when there is nothing to search for in the text (filters may still exist). */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.clauses.length === 0
}
