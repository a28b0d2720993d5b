import type { Article, ArticleStatus, ArticleSummary } from '../../shared/model'

/** Columns selected for an article summary (every list and search reads these). */
export const SUMMARY_COLUMNS = `a.id, a.uid, a.version, a.title, a.summary, a.author, a.authors, a.tags,
  a.published_at, a.source_name, a.source_url, a.featured_image, a.language, a.word_count,
  a.reading_minutes, a.status, a.read, a.starred, a.archived, a.progress, a.feed_id,
  a.created_at, a.updated_at, a.trashed_at`

/** The raw row behind `SUMMARY_COLUMNS`. */
export interface SummaryRow {
  id: number
  uid: string
  version: number
  title: string
  summary: string | null
  author: string | null
  authors: string
  tags: string
  published_at: string | null
  source_name: string | null
  source_url: string | null
  featured_image: string | null
  language: string | null
  word_count: number
  reading_minutes: number
  status: ArticleStatus
  read: number
  starred: number
  archived: number
  progress: number
  feed_id: number | null
  created_at: string
  updated_at: string
  trashed_at: string | null
}

/** A full row: the summary plus the document. */
export interface ArticleRow extends SummaryRow {
  markdown: string
  front_matter_error: string | null
}

/** Map a row to the public summary shape. */
export function toSummary(r: SummaryRow): ArticleSummary {
  return {
    id: r.uid,
    title: r.title,
    summary: r.summary,
    author: r.author,
    authors: JSON.parse(r.authors) as string[],
    tags: JSON.parse(r.tags) as string[],
    publishedAt: r.published_at,
    sourceName: r.source_name,
    sourceUrl: r.source_url,
    featuredImage: r.featured_image,
    language: r.language,
    wordCount: r.word_count,
    readingMinutes: r.reading_minutes,
    status: r.status,
    read: r.read === 1,
    starred: r.starred === 1,
    archived: r.archived === 1,
    progress: r.progress,
    feedId: r.feed_id === null ? null : String(r.feed_id),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    trashedAt: r.trashed_at,
    version: r.version,
  }
}

/** Map a full row to the public article shape. */
export function toArticle(r: ArticleRow): Article {
  return { ...toSummary(r), markdown: r.markdown, frontMatterError: r.front_matter_error }
}
