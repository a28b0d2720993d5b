import { createHash } from 'node:crypto'
import { deriveMetadata, readingMinutes } from '../../shared/document'
import { jsonWords } from './fts-source'
import { segmentForIndex, vocabularyTerms } from './search/fts-text'

/** The article columns derived from a document, named as in the `articles` table. */
export interface DerivedColumns {
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
  cjk_chars: number
  reading_minutes: number
  front_matter_error: string | null
  content_hash: string
}

/** What the full-text index is given for an article: exactly what `article_fts_source` reads. */
export interface FtsColumns {
  title: string
  body: string
  author: string
  tags: string
  source: string
}

/**
 * Everything the library stores and indexes for a document, computed from the text alone (no
 * database), so an import can compute it away from the thread that writes.
 */
export interface DerivedArticle {
  markdown: string
  columns: DerivedColumns
  tagList: string[]
  fts: FtsColumns
  /** Distinct words for the substring vocabulary (see search/vocabulary.ts). */
  terms: string[]
}

/** sha256 of a document, hex. */
export function contentHash(markdown: string): string {
  return createHash('sha256').update(markdown, 'utf8').digest('hex')
}

/**
 * Derive an article from its Markdown. `wordsPerMinute` is the library's reading speed
 * (settings.ts `readingSpeed`). Pure: the same text and speed always give the same result.
 */
export function deriveArticle(markdown: string, wordsPerMinute: number): DerivedArticle {
  const { metadata: m, frontMatterError, plainText } = deriveMetadata(markdown)
  const columns: DerivedColumns = {
    title: m.title,
    summary: m.summary,
    author: m.authors[0] ?? null,
    authors: JSON.stringify(m.authors),
    tags: JSON.stringify(m.tags),
    published_at: m.publishedAt,
    source_name: m.sourceName,
    source_url: m.sourceUrl,
    featured_image: m.featuredImage,
    language: m.language,
    word_count: m.wordCount,
    cjk_chars: m.cjkChars,
    reading_minutes: readingMinutes(m.wordCount, m.cjkChars, wordsPerMinute),
    front_matter_error: frontMatterError,
    content_hash: contentHash(markdown),
  }
  const fts = ftsColumns(columns, segmentForIndex(plainText))
  return {
    markdown,
    columns,
    tagList: m.tags,
    fts,
    terms: [...vocabularyTerms(`${fts.title}\n${fts.body}`)],
  }
}

/**
 * The index's columns for an article row, computed in JavaScript exactly as the SQL view
 * `article_fts_source` computes them (migrations.ts): FTS5 external-content deletes read the
 * view, so an insert must give the index the very same text. `body` is the segmented plain text.
 */
export function ftsColumns(c: DerivedColumns, body: string): FtsColumns {
  const authorWords = jsonWords(c.authors)
  const tagWords = jsonWords(c.tags)
  return {
    title: segmentForIndex(c.title),
    body,
    // In SQL, `x || NULL` is NULL, and bs_fts_text(NULL) is ''.
    author: authorWords === null ? '' : segmentForIndex(`${c.author ?? ''} ${authorWords}`),
    tags: tagWords === null ? '' : segmentForIndex(tagWords),
    source: segmentForIndex(`${c.source_name ?? ''} ${c.source_url ?? ''}`),
  }
}
