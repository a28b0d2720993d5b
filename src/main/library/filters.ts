import type { IsFilter } from './search/query-parser'

/** Filters shared by listing and search (the `tag:`/`is:`/date parts of a query). */
export interface ArticleFilter {
  tags?: string[]
  excludedTags?: string[]
  /** Feed ids or parts of a feed's title or URL. */
  feeds?: string[]
  is?: IsFilter[]
  isNot?: IsFilter[]
  /** `YYYY-MM-DD`: published (or, without a date, created) before this day. */
  before?: string | null
  /** `YYYY-MM-DD`: published (or created) on or after this day. */
  after?: string | null
}

/** Conditions on `articles a`, as SQL with named parameters. */
export interface FilterSql {
  where: string[]
  params: Record<string, unknown>
}

const IS_SQL: Record<IsFilter, string> = {
  unread: 'a.read = 0',
  read: 'a.read = 1',
  starred: 'a.starred = 1',
  archived: 'a.archived = 1',
  draft: `a.status = 'draft'`,
  ready: `a.status = 'ready'`,
  published: `a.status = 'published'`,
  trashed: 'a.trashed_at IS NOT NULL',
}

/**
 * SQL for a filter. Trashed articles are left out unless `is:trashed` asks for them;
 * archived ones are kept (the sidebar's "All" view excludes them itself).
 */
export function filterSql(filter: ArticleFilter): FilterSql {
  const where: string[] = []
  const params: Record<string, unknown> = {}
  let n = 0
  const param = (value: unknown): string => {
    const name = `f${n++}`
    params[name] = value
    return `@${name}`
  }
  for (const tag of filter.tags ?? []) {
    where.push(`a.id IN (SELECT article_id FROM article_tags WHERE tag = ${param(tag)})`)
  }
  for (const tag of filter.excludedTags ?? []) {
    where.push(`a.id NOT IN (SELECT article_id FROM article_tags WHERE tag = ${param(tag)})`)
  }
  for (const feed of filter.feeds ?? []) {
    // A number is a feed's id and nothing else (every local URL has digits in it).
    if (/^\d+$/.test(feed)) {
      where.push(`a.feed_id = ${param(Number(feed))}`)
      continue
    }
    const like = param(`%${feed.replace(/[\\%_]/g, '\\$&')}%`)
    where.push(
      `a.feed_id IN (SELECT id FROM feeds WHERE title LIKE ${like} ESCAPE '\\' OR user_title LIKE ${like} ESCAPE '\\' OR url LIKE ${like} ESCAPE '\\')`,
    )
  }
  const is = filter.is ?? []
  for (const f of is) where.push(IS_SQL[f])
  for (const f of filter.isNot ?? []) where.push(`NOT (${IS_SQL[f]})`)
  if (!is.includes('trashed')) where.push('a.trashed_at IS NULL')
  if (filter.before) where.push(`coalesce(a.published_at, a.created_at) < ${param(filter.before)}`)
  if (filter.after) where.push(`coalesce(a.published_at, a.created_at) >= ${param(filter.after)}`)
  return { where, params }
}
