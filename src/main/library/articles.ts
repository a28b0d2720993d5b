import { randomFillSync } from 'node:crypto'
import { BroadsheetError, notFound } from '../../shared/errors'
import type { Article, ArticleState, ArticleSummary, RevisionReason } from '../../shared/model'
import {
  type ArticleRow,
  SUMMARY_COLUMNS,
  type SummaryRow,
  toArticle,
  toSummary,
} from './article-rows'
import { contentHash, type DerivedArticle, deriveArticle } from './derive-article'
import { indexArticle, unindexArticle } from './fts-source'
import type { Library } from './open-library'
import { keepRevision } from './revisions'
import { addTermsToVocabulary } from './search/vocabulary'
import { readingSpeed } from './settings'
import { stmt } from './statements'

export { contentHash } from './derive-article'

/** Options when creating an article. */
export interface CreateOptions {
  state?: Partial<ArticleState>
  feedId?: number | null
  feedItemId?: string | null
}

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

const ID_LENGTH = 12
// Random bytes for many ids at once: one call into the system's generator costs as much as
// the rest of an article's row (an import makes thousands of ids a second).
const idPool = Buffer.alloc(ID_LENGTH * 256)
let idPoolAt = idPool.length

/** A new public article id: 12 characters of Crockford base32 (60 random bits). */
export function newArticleId(): string {
  if (idPoolAt === idPool.length) {
    randomFillSync(idPool)
    idPoolAt = 0
  }
  let id = ''
  for (let i = 0; i < ID_LENGTH; i++) id += ID_ALPHABET[idPool[idPoolAt++]! & 31]
  return id
}

/** The derived article for `markdown`, with this library's reading speed. */
function derive(lib: Library, markdown: string): DerivedArticle {
  return deriveArticle(markdown, readingSpeed(lib))
}

const DERIVED_ASSIGN = `title = @title, summary = @summary, author = @author, authors = @authors,
  tags = @tags, published_at = @published_at, source_name = @source_name, source_url = @source_url,
  featured_image = @featured_image, language = @language, word_count = @word_count,
  cjk_chars = @cjk_chars, reading_minutes = @reading_minutes,
  front_matter_error = @front_matter_error, content_hash = @content_hash`

/** Find an article's row id from its public id or an unambiguous prefix of it (at least 4 characters). */
export function resolveArticleId(lib: Library, idOrPrefix: string): number {
  const exact = stmt<[string], { id: number }>(lib.db, 'SELECT id FROM articles WHERE uid = ?').get(
    idOrPrefix,
  )
  if (exact) return exact.id
  if (idOrPrefix.length >= 4 && /^[0-9a-z]+$/.test(idOrPrefix)) {
    const rows = stmt<[string, string], { id: number; uid: string }>(
      lib.db,
      'SELECT id, uid FROM articles WHERE uid >= ? AND uid < ? LIMIT 2',
    ).all(idOrPrefix, `${idOrPrefix}\u{10FFFF}`)
    if (rows.length === 1) return rows[0]!.id
    if (rows.length > 1) {
      throw new BroadsheetError(
        'invalid_input',
        `More than one article id starts with "${idOrPrefix}"; type more of the id.`,
      )
    }
  }
  throw notFound(`Article "${idOrPrefix}"`)
}

/** The row of an article by its row id (throws `not_found`). */
export function getArticleRow(lib: Library, rowId: number): ArticleRow {
  const row = stmt<[number], ArticleRow>(
    lib.db,
    'SELECT a.*, d.markdown FROM articles a JOIN documents d ON d.article_id = a.id WHERE a.id = ?',
  ).get(rowId)
  if (!row) throw notFound(`Article #${rowId}`)
  return row
}

/** One article, with its document, by public id or unique prefix. */
export function getArticle(lib: Library, id: string): Article {
  return toArticle(getArticleRow(lib, resolveArticleId(lib, id)))
}

/** One article without its document (its version, state and metadata), by id or prefix. */
export function getArticleSummary(lib: Library, id: string): ArticleSummary {
  const rowId = resolveArticleId(lib, id)
  const row = stmt<[number], SummaryRow>(
    lib.db,
    `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.id = ?`,
  ).get(rowId)
  if (!row) throw notFound(`Article #${rowId}`)
  return toSummary(row)
}

/** Store a new article. The document is kept byte for byte; its metadata is derived and indexed. */
export function createArticle(
  lib: Library,
  markdown: string,
  options: CreateOptions = {},
): Article {
  const rowId = lib.transaction(() => insertArticle(lib, markdown, options))
  return toArticle(getArticleRow(lib, rowId))
}

/**
 * Insert without opening a transaction (the import opens one per batch). Returns the row id.
 */
export function insertArticle(lib: Library, markdown: string, options: CreateOptions = {}): number {
  const d = derive(lib, markdown)
  const { id } = insertDerivedArticle(lib, d, options)
  addTermsToVocabulary(lib, d.terms)
  return id
}

/**
 * Insert an article already derived (`deriveArticle`, which an import runs off the writing
 * thread), without opening a transaction and without adding its words to the substring
 * vocabulary: the caller adds `d.terms` (an import adds a whole batch's at once) before the
 * transaction commits. Returns the row id and the public id.
 */
export function insertDerivedArticle(
  lib: Library,
  d: DerivedArticle,
  options: CreateOptions = {},
): { id: number; uid: string } {
  const now = lib.now().toISOString()
  const s = options.state ?? {}
  const c = d.columns
  const uid = newArticleId()
  // Positional parameters: binding 26 named ones costs a lookup each, thousands of times a second.
  const result = stmt(
    lib.db,
    `INSERT INTO articles (uid, version, title, summary, author, authors, tags,
       published_at, source_name, source_url, featured_image, language, word_count, cjk_chars,
       reading_minutes, front_matter_error, content_hash, status, read, starred, archived,
       progress, feed_id, feed_item_id, created_at, updated_at)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    uid,
    c.title,
    c.summary,
    c.author,
    c.authors,
    c.tags,
    c.published_at,
    c.source_name,
    c.source_url,
    c.featured_image,
    c.language,
    c.word_count,
    c.cjk_chars,
    c.reading_minutes,
    c.front_matter_error,
    c.content_hash,
    s.status ?? 'draft',
    s.read ? 1 : 0,
    s.starred ? 1 : 0,
    s.archived ? 1 : 0,
    s.progress ?? 0,
    options.feedId ?? null,
    options.feedItemId ?? null,
    now,
    now,
  )
  const rowId = Number(result.lastInsertRowid)
  stmt(lib.db, 'INSERT INTO documents (article_id, markdown) VALUES (?, ?)').run(rowId, d.markdown)
  writeTags(lib, rowId, d.tagList, false)
  indexArticle(lib.db, rowId, d.fts)
  return { id: rowId, uid }
}

function writeTags(lib: Library, rowId: number, tags: string[], replace = true): void {
  // A new row has no tags to remove.
  if (replace) stmt(lib.db, 'DELETE FROM article_tags WHERE article_id = ?').run(rowId)
  const insert = stmt(lib.db, 'INSERT OR IGNORE INTO article_tags (tag, article_id) VALUES (?, ?)')
  for (const tag of tags) insert.run(tag, rowId)
}

/**
 * Refuse to write over a version the caller has not seen (another window or the CLI changed
 * the article): a `conflict` error carrying the article as it is now. No base version: no check.
 */
export function assertVersion(
  row: ArticleRow,
  baseVersion: number | undefined,
  retry: string,
): void {
  if (baseVersion === undefined || row.version === baseVersion) return
  throw new BroadsheetError(
    'conflict',
    `This article was changed elsewhere (now version ${row.version}, yours was version ${baseVersion}); reload it and ${retry}.`,
    toArticle(row),
  )
}

/** What an update is for: which revision to keep and whether typing may coalesce. */
export interface UpdateOptions {
  reason?: RevisionReason
}

/**
 * Replace an article's document. `baseVersion` is the version the caller edited; if the
 * article changed since, nothing is written and a `conflict` error carries the current article.
 * The previous text is kept as a revision (typing coalesces; see revisions.ts).
 */
export function updateArticle(
  lib: Library,
  id: string,
  markdown: string,
  baseVersion: number,
  options: UpdateOptions = {},
): Article {
  const rowId = lib.transaction(() => {
    const rowId = resolveArticleId(lib, id)
    const row = getArticleRow(lib, rowId)
    assertVersion(row, baseVersion, 'apply your change again')
    if (row.markdown === markdown) return rowId
    keepRevision(lib, row, options.reason ?? 'edit')
    writeDocument(lib, row, markdown)
    return rowId
  })
  return toArticle(getArticleRow(lib, rowId))
}

/** Write a new document over an existing row (inside a transaction; no revision, no version check). */
export function writeDocument(lib: Library, row: ArticleRow, markdown: string): void {
  // Unindex first: FTS5 must be given the old text exactly, read through the view.
  unindexArticle(lib.db, row.id)
  const d = derive(lib, markdown)
  stmt(
    lib.db,
    `UPDATE articles SET version = version + 1, updated_at = @now,
       ${DERIVED_ASSIGN} WHERE id = @id`,
  ).run({ ...d.columns, now: lib.now().toISOString(), id: row.id })
  stmt(lib.db, 'UPDATE documents SET markdown = ? WHERE article_id = ?').run(markdown, row.id)
  writeTags(lib, row.id, d.tagList)
  indexArticle(lib.db, row.id, d.fts)
  addTermsToVocabulary(lib, d.terms)
}

/** Change library state (read, starred, archived, status, progress). The document and its version are untouched. */
export function setArticleState(lib: Library, id: string, patch: Partial<ArticleState>): Article {
  const rowId = resolveArticleId(lib, id)
  const sets: string[] = []
  const values: Record<string, unknown> = { id: rowId }
  for (const key of ['read', 'starred', 'archived'] as const) {
    if (patch[key] !== undefined) {
      sets.push(`${key} = @${key}`)
      values[key] = patch[key] ? 1 : 0
    }
  }
  if (patch.status !== undefined) {
    sets.push('status = @status')
    values.status = patch.status
  }
  if (patch.progress !== undefined) {
    sets.push('progress = @progress')
    values.progress = Math.min(1, Math.max(0, patch.progress))
  }
  if (sets.length > 0) {
    lib.db.prepare(`UPDATE articles SET ${sets.join(', ')} WHERE id = @id`).run(values)
  }
  return toArticle(getArticleRow(lib, rowId))
}

/** Move an article to the trash (a revision of its text is kept first). Restorable for 30 days. */
export function trashArticle(lib: Library, id: string): Article {
  const rowId = lib.transaction(() => {
    const rowId = resolveArticleId(lib, id)
    const row = getArticleRow(lib, rowId)
    if (row.trashed_at !== null) return rowId
    keepRevision(lib, row, 'delete')
    stmt(lib.db, 'UPDATE articles SET trashed_at = ? WHERE id = ?').run(
      lib.now().toISOString(),
      rowId,
    )
    return rowId
  })
  return toArticle(getArticleRow(lib, rowId))
}

/** Take an article out of the trash. */
export function untrashArticle(lib: Library, id: string): Article {
  const rowId = resolveArticleId(lib, id)
  stmt(lib.db, 'UPDATE articles SET trashed_at = NULL WHERE id = ?').run(rowId)
  return toArticle(getArticleRow(lib, rowId))
}

/**
 * Delete an article for good, with its revisions. Only articles already in the trash can be
 * purged, so nothing is lost to one mistaken command.
 */
export function purgeArticle(lib: Library, id: string): void {
  lib.transaction(() => {
    const rowId = resolveArticleId(lib, id)
    const row = getArticleRow(lib, rowId)
    if (row.trashed_at === null) {
      throw new BroadsheetError(
        'invalid_input',
        `"${row.title}" is not in the trash; move it to the trash first, then purge it.`,
      )
    }
    purgeRow(lib, rowId)
  })
}

function purgeRow(lib: Library, rowId: number): void {
  unindexArticle(lib.db, rowId)
  stmt(lib.db, 'DELETE FROM articles WHERE id = ?').run(rowId)
}

/** Days an article stays in the trash before `purgeExpiredTrash` deletes it. */
export const TRASH_DAYS = 30

/**
 * Purge trashed articles: those trashed more than `olderThanDays` ago (default 30), or all of
 * them with `olderThanDays: 0`. Returns how many were purged.
 */
export function purgeTrash(lib: Library, olderThanDays = TRASH_DAYS): number {
  const cutoff = new Date(lib.now().getTime() - olderThanDays * 86_400_000).toISOString()
  return lib.transaction(() => {
    const ids = stmt<[string], { id: number }>(
      lib.db,
      'SELECT id FROM articles WHERE trashed_at IS NOT NULL AND trashed_at <= ?',
    ).all(cutoff)
    for (const { id } of ids) purgeRow(lib, id)
    return ids.length
  })
}

/**
 * The article whose document is exactly `markdown`, if any (import uses it to skip duplicates).
 * `hash` is the document's `contentHash`, when the caller has it already.
 */
export function findByContent(
  lib: Library,
  markdown: string,
  hash = contentHash(markdown),
): string | null {
  const row = stmt<[string, string], { uid: string }>(
    lib.db,
    `SELECT a.uid FROM articles a JOIN documents d ON d.article_id = a.id
     WHERE a.content_hash = ? AND d.markdown = ? LIMIT 1`,
  ).get(hash, markdown)
  return row?.uid ?? null
}
