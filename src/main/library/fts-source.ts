import type { Database } from 'better-sqlite3'
import { markdownToPlainText, splitFrontMatter } from '../../shared/document'
import type { FtsColumns } from './derive-article'
import { segmentForIndex } from './search/fts-text'
import { stmt } from './statements'

/**
 * Bump when what the index is fed changes (plain-text reduction, segmentation): libraries
 * indexed by an older version are then rebuilt on open, because FTS5 external-content deletes
 * must see exactly the text that was indexed.
 */
export const FTS_TEXT_VERSION = 1

// Deletes and rebuilds read a body through the view, sometimes twice in a row for the same
// document (an update's unindex, then a check); remember the last one.
let lastMarkdown: string | null = null
let lastBody = ''

/** The words of a document's body as the index sees them. */
export function ftsBody(markdown: string): string {
  if (markdown !== lastMarkdown) {
    lastBody = segmentForIndex(markdownToPlainText(splitFrontMatter(markdown).body))
    lastMarkdown = markdown
  }
  return lastBody
}

/** Register the SQL functions the `article_fts_source` view calls. Needed on every connection. */
export function registerFtsFunctions(db: Database): void {
  db.function('bs_fts_text', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? segmentForIndex(text) : '',
  )
  db.function('bs_fts_body', { deterministic: true }, (markdown: unknown) =>
    typeof markdown === 'string' ? ftsBody(markdown) : '',
  )
  db.function('bs_json_words', { deterministic: true }, (json: unknown) => jsonWords(json))
}

/**
 * The values of a JSON array column (`authors`, `tags`) joined by spaces, or null when there
 * are none. The view cannot use json_each: FTS5 reads the view from inside its own rebuild
 * and integrity-check, where table-valued functions are unavailable.
 */
export function jsonWords(json: unknown): string | null {
  if (typeof json !== 'string') return null
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return null
  }
  const values = Array.isArray(parsed) ? parsed : [parsed]
  const words = values
    .filter((v) => v !== null && v !== undefined)
    .map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)))
  return words.length > 0 ? words.join(' ') : null
}

/**
 * Add an article to the full-text index (call after its row is written). The write paths pass
 * the columns as `ftsColumns` (derive-article.ts) computed them, the same text the view gives,
 * so the document is not read back and reduced again; without them the view is read.
 */
export function indexArticle(db: Database, id: number, cols?: FtsColumns): void {
  if (cols === undefined) {
    stmt(
      db,
      `INSERT INTO article_fts (rowid, title, body, author, tags, source)
       SELECT id, title, body, author, tags, source FROM article_fts_source WHERE id = ?`,
    ).run(id)
    return
  }
  stmt(
    db,
    `INSERT INTO article_fts (rowid, title, body, author, tags, source)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(id, cols.title, cols.body, cols.author, cols.tags, cols.source)
}

/** Remove an article's row from the index (call before the row changes or goes). */
export function unindexArticle(db: Database, id: number): void {
  stmt(
    db,
    `INSERT INTO article_fts (article_fts, rowid, title, body, author, tags, source)
     SELECT 'delete', id, title, body, author, tags, source FROM article_fts_source WHERE id = ?`,
  ).run(id)
}

/** Rebuild the whole index from the articles (after a change of `FTS_TEXT_VERSION`). */
export function rebuildIndex(db: Database): void {
  db.exec(`INSERT INTO article_fts (article_fts) VALUES ('rebuild')`)
}

/** FTS5's own consistency check of the index against the articles; throws if it fails. */
export function checkIndex(db: Database): void {
  db.exec(`INSERT INTO article_fts (article_fts, rank) VALUES ('integrity-check', 1)`)
  db.exec(
    `INSERT INTO vocabulary_trigrams (vocabulary_trigrams, rank) VALUES ('integrity-check', 1)`,
  )
}
