import type { ArticleSummary, Page } from '../../shared/model'
import { SUMMARY_COLUMNS, type SummaryRow, toSummary } from './article-rows'
import { decodeCursor, encodeCursor } from './cursor'
import { type ArticleFilter, filterSql } from './filters'
import type { Library } from './open-library'

/** Orders a list can be sorted in. */
export type SortKey = 'updated' | 'created' | 'published' | 'title' | 'reading'

/** Each sort key's SQL expression; every one has an index (see migrations.ts) ending in `id`. */
const SORT_SQL: Record<SortKey, string> = {
  updated: 'a.updated_at',
  created: 'a.created_at',
  published: `ifnull(a.published_at, '')`,
  title: 'a.title COLLATE NOCASE',
  reading: 'a.reading_minutes',
}

/** Natural direction of each key: newest, A→Z, shortest first. */
const DEFAULT_DESC: Record<SortKey, boolean> = {
  updated: true,
  created: true,
  published: true,
  title: false,
  reading: false,
}

/** What to list. */
export interface ListOptions {
  filter?: ArticleFilter
  sort?: SortKey
  /** Reverse the sort key's natural direction. */
  reverse?: boolean
  /** Default 50, at most 500. */
  limit?: number
  cursor?: string | null
}

/** The SQL for a list page: exposed so tests can check its query plan. */
export function listQuery(options: ListOptions = {}): {
  sql: string
  params: Record<string, unknown>
  limit: number
} {
  const sort = options.sort ?? 'updated'
  const desc = DEFAULT_DESC[sort] !== (options.reverse ?? false)
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500)
  const { where, params } = filterSql(options.filter ?? {})
  const key = SORT_SQL[sort]
  if (options.cursor) {
    const [value, id] = decodeCursor(options.cursor)
    where.push(`(${key}, a.id) ${desc ? '<' : '>'} (@cursorValue, @cursorId)`)
    params.cursorValue = value
    params.cursorId = id
  }
  const dir = desc ? 'DESC' : 'ASC'
  const sql = `SELECT ${SUMMARY_COLUMNS}, ${key} AS sort_value FROM articles a
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${key} ${dir}, a.id ${dir} LIMIT ${limit + 1}`
  return { sql, params, limit }
}

/**
 * A page of articles matching `filter`, in `sort` order, keyset-paged: each page is an index
 * range scan however deep the page, and rows added meanwhile never shift a page.
 */
export function listArticles(lib: Library, options: ListOptions = {}): Page<ArticleSummary> {
  const { sql, params, limit } = listQuery(options)
  const rows = lib.db.prepare(sql).all(params) as (SummaryRow & { sort_value: string | number })[]
  const more = rows.length > limit
  const page = more ? rows.slice(0, limit) : rows
  const last = page[page.length - 1]
  return {
    items: page.map(toSummary),
    nextCursor: more && last ? encodeCursor(last.sort_value, last.id) : null,
    total: null,
  }
}
