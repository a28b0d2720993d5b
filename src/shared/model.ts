/**
 * The article model shared by every door (desktop, browser mode, CLI).
 * The Markdown document is the truth; everything in `DocumentMetadata` is derived from it.
 */

/** Writer's workflow status, kept in the library (not in the document). Default `draft`. */
export type ArticleStatus = 'draft' | 'ready' | 'published'

/** Metadata derived from a document's front matter and body. Absent values are `null`. */
export interface DocumentMetadata {
  title: string
  summary: string | null
  authors: string[]
  /** ISO 8601 date or date-time as found in the front matter, normalised; `null` when absent or unparseable. */
  publishedAt: string | null
  tags: string[]
  sourceName: string | null
  sourceUrl: string | null
  featuredImage: string | null
  language: string | null
  wordCount: number
  /** Characters of CJK text (counted separately from words for reading time). */
  cjkChars: number
}

/** Every state filter (`is:starred`, `--state unread`, the sidebar's views), in display order. */
export const IS_FILTERS = [
  'unread',
  'read',
  'starred',
  'archived',
  'draft',
  'ready',
  'published',
  'trashed',
] as const

/** A state filter. */
export type IsFilter = (typeof IS_FILTERS)[number]

/** Library state that is not part of the document. */
export interface ArticleState {
  status: ArticleStatus
  read: boolean
  starred: boolean
  archived: boolean
  /** Reading progress, 0..1. */
  progress: number
}

/** One article as listed (no document text). */
export interface ArticleSummary extends ArticleState {
  id: string
  title: string
  summary: string | null
  author: string | null
  authors: string[]
  tags: string[]
  publishedAt: string | null
  sourceName: string | null
  sourceUrl: string | null
  featuredImage: string | null
  language: string | null
  wordCount: number
  readingMinutes: number
  feedId: string | null
  createdAt: string
  updatedAt: string
  trashedAt: string | null
  /** Incremented by every write; an update must name the version it was based on. */
  version: number
}

/** A whole article: the summary plus the stored document, byte for byte. */
export interface Article extends ArticleSummary {
  markdown: string
  /** A problem found while reading the front matter (the text is kept as is), or `null`. */
  frontMatterError: string | null
}

/** A search hit: the summary plus a snippet of the matching text. */
export interface SearchHit extends ArticleSummary {
  /** HTML-escaped text in which the only markup is `<mark>…</mark>` around each match. */
  snippet: string
  /** Higher is better. */
  score: number
}

/** Why a revision was kept. */
export type RevisionReason = 'edit' | 'restore' | 'metadata' | 'import' | 'delete'

export interface RevisionSummary {
  id: number
  articleId: string
  reason: RevisionReason
  createdAt: string
  title: string
  bytes: number
}

export interface Revision extends RevisionSummary {
  markdown: string
}

export interface TagCount {
  tag: string
  count: number
}

/** A page of results with an opaque cursor for the next one (`null` at the end). */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
  /** Total matches when cheaply known. */
  total: number | null
}

/** A feed subscription, as the sidebar and `broadsheet feeds list` show it. */
export interface Feed {
  id: string
  /** The title shown: the user's own title when they renamed the feed, else the feed's. */
  title: string
  /** The title the feed itself gives (kept when the user renames it). */
  feedTitle: string
  /** The URL fetched (updated when the server redirects permanently). */
  url: string
  /** The site the feed belongs to, or `null`. */
  siteUrl: string | null
  /** The folder path from the top, e.g. `['News', 'Tech']`; `[]` at the top level. */
  folder: string[]
  /** Minutes between scheduled refreshes (default 60). */
  intervalMinutes: number
  /** Fetch each new item's page and keep the article extracted from it (for summary-only feeds). */
  fullText: boolean
  lastFetchedAt: string | null
  nextFetchAt: string | null
  /** Why the last refresh failed, or `null` when it worked. */
  error: string | null
  /** Failed refreshes in a row (drives the backoff). */
  errorCount: number
  /** Articles from this feed not yet read (trashed ones not counted). */
  unreadCount: number
  /** Articles from this feed (trashed ones not counted). */
  articleCount: number
  createdAt: string
}

/** What one feed's refresh did. */
export interface FeedRefreshResult {
  feedId: string
  title: string
  /** `ok`: fetched and imported; `unchanged`: 304 or the same body; `failed`: see `error`. */
  outcome: 'ok' | 'unchanged' | 'failed'
  added: number
  updated: number
  /** Updated items whose article the user had edited, left as the user made them. */
  keptEdits: number
  error: string | null
}
