/**
 * Where the article list's rows come from: the sidebar's view as a library filter, and pages
 * of either `articles.list` (no query) or `search` (a query), both keyset-paged by cursor.
 */
import type { MethodInput } from '../../../shared/contract'
import type { ArticleSummary } from '../../../shared/model'
import { api } from '../api'
import type { View } from './app-state.svelte'

type Filter = NonNullable<MethodInput<'articles.list'>['filter']>

/** One row of the list: an article, plus its snippet when it is a search hit. */
export interface ListRow extends ArticleSummary {
  /** HTML-escaped text whose only markup is `<mark>`; absent outside search. */
  snippet?: string
}

/** A page of rows. */
export interface RowPage {
  rows: ListRow[]
  nextCursor: string | null
  /** Total rows when the library knows it cheaply. */
  total: number | null
  /** What the query parser had to say (an unknown `is:` value …). */
  warnings: string[]
}

/** Rows per request: a few screens, so scrolling rarely waits. */
export const PAGE_SIZE = 200

/** The library filter for a sidebar view. "All" and "Unread" leave out archived articles. */
export function viewFilter(view: View): Filter {
  switch (view.kind) {
    case 'all':
      return { isNot: ['archived'] }
    case 'unread':
      return { is: ['unread'], isNot: ['archived'] }
    case 'starred':
      return { is: ['starred'] }
    case 'drafts':
      return { is: ['draft'], isNot: ['archived'] }
    case 'archive':
      return { is: ['archived'] }
    case 'trash':
      return { is: ['trashed'] }
    case 'tag':
      return { tags: [view.tag] }
    case 'feed':
      return { feeds: [view.feedId] }
  }
}

/** What a view is called in the sidebar and the list's heading. */
export function viewTitle(view: View): string {
  switch (view.kind) {
    case 'tag':
      return `#${view.tag}`
    case 'feed':
      return 'Feed'
    default:
      return {
        all: 'All',
        unread: 'Unread',
        starred: 'Starred',
        drafts: 'Drafts',
        archive: 'Archive',
        trash: 'Trash',
      }[view.kind]
  }
}

/** One page of the view (`query` '' lists it; anything else searches within it). */
export async function fetchRows(
  view: View,
  query: string,
  cursor: string | null,
  limit = PAGE_SIZE,
): Promise<RowPage> {
  const filter = viewFilter(view)
  if (query.trim()) {
    const page = await api().search({
      query,
      filter,
      cursor,
      limit: Math.min(limit, 200),
      prefixLastWord: true,
    })
    return {
      rows: page.items,
      nextCursor: page.nextCursor,
      total: page.total,
      warnings: page.warnings,
    }
  }
  const page = await api()['articles.list']({ filter, cursor, limit })
  return { rows: page.items, nextCursor: page.nextCursor, total: page.total, warnings: [] }
}

/**
 * A search snippet made safe to insert as HTML. The library escapes the text and adds only
 * `<mark>` and `</mark>`; anything else that looks like a tag is escaped here too, so a
 * snippet can never carry other markup whatever the library returned.
 */
export function safeSnippet(snippet: string): string {
  return snippet.replace(/<(?!\/?mark>)/g, '&lt;')
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
})

/** The row's date: when it was published, or else created, as `3 Mar 2026`. */
export function rowDate(row: ArticleSummary): string {
  const value = row.publishedAt ?? row.createdAt
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date)
}
