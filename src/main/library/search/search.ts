import type { Page, SearchHit } from '../../../shared/model'
import { SUMMARY_COLUMNS, type SummaryRow, toSummary } from '../article-rows'
import { decodeCursor, encodeCursor } from '../cursor'
import { type ArticleFilter, filterSql, matchFilterSql } from '../filters'
import type { Library } from '../open-library'
import {
  expansions as usedExpansions,
  negativesExpression,
  toFtsExpression,
} from './fts-expression'
import { stmt } from '../statements'
import { tokenize } from './fts-text'
import { escapeHtml, makeSnippet, queryMatcher, type TokenMatcher } from './snippet'
import { markdownToPlainText, splitFrontMatter } from '../../../shared/document'
import { type ParsedQuery, parseQuery } from './query-parser'
import { expandWord } from './vocabulary'

/**
 * How many matches are ranked. Scoring every match of a word found in most articles costs
 * ~100 ms at 100,000 articles; ranking the newest matches bounds the cost. A query matching
 * more articles than this ranks its newest ones: for a news archive, recent matches first.
 */
export const RANKED_CANDIDATES = 1000

/** Column weights for bm25, in FTS column order: title, body, author, tags, source. */
const BM25_WEIGHTS = '10.0, 1.0, 3.0, 4.0, 2.0'

/** What to search. */
export interface SearchOptions {
  query: string
  /** Extra filters from the UI (sidebar view), combined with those typed in the query. */
  filter?: ArticleFilter
  /** Default 50, at most 200. */
  limit?: number
  cursor?: string | null
  /** Treat the last word as a prefix (search as you type). Default true. */
  prefixLastWord?: boolean
}

/** A page of hits, plus notes about parts of the query that were ignored. */
export interface SearchResult extends Page<SearchHit> {
  warnings: string[]
}

interface HitRow extends SummaryRow {
  rank: number
  markdown: string
}

/** The SQL of one search page, built by `searchQuery`. */
export interface SearchQuery {
  sql: string
  params: Record<string, unknown>
  limit: number
  /** Which words of a hit to mark in its snippet, or null for a query of filters only. */
  matcher: TokenMatcher | null
  warnings: string[]
}

/**
 * The SQL for a page of search results: exposed (like `listQuery`) so tests can check its
 * query plan. A query with words ranks its matches; one with only filters (or only excluded
 * words) lists newest first.
 */
export function searchQuery(lib: Library, options: SearchOptions): SearchQuery {
  const parsed = parseQuery(options.query, { prefixLastWord: options.prefixLastWord ?? true })
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200)
  // Remember each word's expansions: the snippets mark the same words the index matched.
  const expansions = new Map<string, string[]>()
  const expand = (term: string) => {
    let words = expansions.get(term)
    if (!words) {
      // Only those the expression will use: a snippet marks no word the search did not match.
      words = usedExpansions(term, (t) => expandWord(lib, t))
      expansions.set(term, words)
    }
    return words
  }
  const filter = mergeFilters(parsed, options.filter)
  const words = toFtsExpression(parsed, expand)
  // A tag filter also goes into the expression as a phrase in the tags column: FTS5 then
  // intersects doclists instead of every match being tested against the tag's articles (the
  // SQL filter stays, and stays exact).
  const positive = words === null ? null : [words, ...tagPhrases(filter.tags ?? [])].join(' AND ')

  if (positive === null) {
    const { where, params } = filterSql(filter)
    const negatives = negativesExpression(parsed, expand)
    if (negatives) {
      where.push('a.id NOT IN (SELECT rowid FROM article_fts WHERE article_fts MATCH @negatives)')
      params.negatives = negatives
    }
    const sql = filterOnlySql(where, params, limit, options.cursor)
    return { sql, params, limit, matcher: null, warnings: parsed.warnings }
  }

  // Rank the newest RANKED_CANDIDATES matches. Filters test the match's rowid against sets of ids where an index allows; the article's
  // row is joined only for those that need it (dates, read, status).
  const { where, params, needsRow } = matchFilterSql(filter, 'f.rowid')
  params.match = positive
  const join = needsRow ? 'JOIN articles a ON a.id = f.rowid' : ''
  const conditions = where.length ? `AND ${where.join(' AND ')}` : ''
  let keyset = ''
  if (options.cursor) {
    const [rank, id] = decodeCursor(options.cursor)
    keyset = ' WHERE (c.rank, -c.id) > (@cursorRank, -@cursorId)'
    params.cursorRank = rank
    params.cursorId = id
  }
  // The page is picked from the ranked ids first; only its rows then read their summary
  // columns and document (reading the documents of all 1,000 candidates cost ~3 ms).
  const sql = `
    WITH c AS (
      SELECT f.rowid AS id, bm25(article_fts, ${BM25_WEIGHTS}) AS rank
      FROM article_fts f ${join}
      WHERE article_fts MATCH @match ${conditions}
      ORDER BY f.rowid DESC LIMIT ${RANKED_CANDIDATES}
    ),
    page AS (SELECT id, rank FROM c${keyset} ORDER BY c.rank, c.id DESC LIMIT ${limit + 1})
    SELECT ${SUMMARY_COLUMNS}, d.markdown, p.rank AS rank
    FROM page p JOIN articles a ON a.id = p.id JOIN documents d ON d.article_id = p.id
    ORDER BY p.rank, p.id DESC`
  const matcher = queryMatcher(parsed, expansions)
  return { sql, params, limit, matcher, warnings: parsed.warnings }
}

/**
 * Search the library with the query language (words, "phrases", prefix*, -word, OR, field
 * filters; see query-parser.ts). Never throws on what a person types. Results are ranked
 * by bm25 with the title weighted up, carry a snippet, and page by cursor.
 */
export function searchArticles(lib: Library, options: SearchOptions): SearchResult {
  const { sql, params, limit, matcher, warnings } = searchQuery(lib, options)
  const rows = stmt(lib.db, sql).all(params) as HitRow[]
  const more = rows.length > limit
  const page = more ? rows.slice(0, limit) : rows
  const last = page[page.length - 1]
  if (matcher === null) {
    return {
      items: page.map((r) => ({ ...toSummary(r), snippet: escapeHtml(r.summary ?? ''), score: 0 })),
      nextCursor: more && last ? encodeCursor(last.updated_at, last.id) : null,
      total: null,
      warnings,
    }
  }
  return {
    items: page.map((r) => ({
      ...toSummary(r),
      snippet: hitSnippet(r, matcher),
      score: Math.round(-r.rank * 1000) / 1000,
    })),
    nextCursor: more && last ? encodeCursor(last.rank, last.id) : null,
    total: null,
    warnings,
  }
}

/** `{tags} : "machine learning"` for each tag that has words. */
function tagPhrases(tags: string[]): string[] {
  return tags.flatMap((tag) => {
    const tokens = tokenize(tag)
    return tokens.length ? [`{tags} : "${tokens.join(' ').replaceAll('"', '""')}"`] : []
  })
}

function mergeFilters(q: ParsedQuery, extra: ArticleFilter = {}): ArticleFilter {
  return {
    tags: [...q.tags, ...(extra.tags ?? [])],
    excludedTags: [...q.excludedTags, ...(extra.excludedTags ?? [])],
    feeds: [...q.feeds, ...(extra.feeds ?? [])],
    is: [...q.is, ...(extra.is ?? [])],
    isNot: [...q.isNot, ...(extra.isNot ?? [])],
    // Both apply: the stricter date wins.
    before: [q.before, extra.before].filter(Boolean).sort()[0] ?? null,
    after: [q.after, extra.after].filter(Boolean).sort().at(-1) ?? null,
  }
}

/** A query with filters but no words: newest first (the summary is the snippet). */
function filterOnlySql(
  where: string[],
  params: Record<string, unknown>,
  limit: number,
  cursor: string | null | undefined,
): string {
  if (cursor) {
    const [value, id] = decodeCursor(cursor)
    where.push('(a.updated_at, a.id) < (@cursorValue, @cursorId)')
    params.cursorValue = value
    params.cursorId = id
  }
  return `SELECT ${SUMMARY_COLUMNS} FROM articles a
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY a.updated_at DESC, a.id DESC LIMIT ${limit + 1}`
}

/** A hit's snippet: from its body, else its summary (a title-only match), else the summary as is. */
function hitSnippet(r: HitRow, matcher: TokenMatcher): string {
  const body = markdownToPlainText(splitFrontMatter(r.markdown).body)
  return (
    makeSnippet(body, matcher) ||
    makeSnippet(r.summary ?? '', matcher) ||
    escapeHtml(r.summary ?? '')
  )
}
