import { notFound } from '../../shared/errors'
import type { Article, Revision, RevisionReason, RevisionSummary } from '../../shared/model'
import { type ArticleRow, toArticle } from './article-rows'
import { assertVersion, getArticleRow, resolveArticleId, writeDocument } from './articles'
import type { Library } from './open-library'
import { stmt } from './statements'

/**
 * While someone types, autosave writes every second; keeping every one of those would bury
 * the history. An edit keeps the previous text only if no edit revision was kept in the last
 * few minutes, so continuous editing leaves one revision per window.
 */
export const EDIT_COALESCE_MS = 5 * 60_000

interface RevisionRow {
  id: number
  article_id: number
  reason: RevisionReason
  title: string
  markdown: string
  created_at: string
}

/**
 * Keep `row`'s current text as a revision before it changes. Edits coalesce; every other
 * reason (restore, metadata, import, delete) always keeps one.
 */
export function keepRevision(lib: Library, row: ArticleRow, reason: RevisionReason): void {
  const now = lib.now()
  if (reason === 'edit') {
    const last = stmt<[number], { reason: RevisionReason; created_at: string }>(
      lib.db,
      'SELECT reason, created_at FROM revisions WHERE article_id = ? ORDER BY id DESC LIMIT 1',
    ).get(row.id)
    if (last?.reason === 'edit' && now.getTime() - Date.parse(last.created_at) < EDIT_COALESCE_MS) {
      return
    }
  }
  stmt(
    lib.db,
    `INSERT INTO revisions (article_id, reason, title, markdown, created_at) VALUES (?, ?, ?, ?, ?)`,
  ).run(row.id, reason, row.title, row.markdown, now.toISOString())
}

function toRevisionSummary(
  r: Omit<RevisionRow, 'markdown'> & { bytes: number },
  uid: string,
): RevisionSummary {
  return {
    id: r.id,
    articleId: uid,
    reason: r.reason,
    createdAt: r.created_at,
    title: r.title,
    bytes: r.bytes,
  }
}

/** An article's revisions, newest first (without their text). */
export function listRevisions(lib: Library, id: string): RevisionSummary[] {
  const rowId = resolveArticleId(lib, id)
  const uid = getArticleRow(lib, rowId).uid
  const rows = stmt<[number], Omit<RevisionRow, 'markdown'> & { bytes: number }>(
    lib.db,
    `SELECT id, article_id, reason, title, created_at, length(CAST(markdown AS BLOB)) AS bytes
     FROM revisions WHERE article_id = ? ORDER BY id DESC`,
  ).all(rowId)
  return rows.map((r) => toRevisionSummary(r, uid))
}

function getRevisionRow(lib: Library, rowId: number, revisionId: number): RevisionRow {
  const row = stmt<[number, number], RevisionRow>(
    lib.db,
    'SELECT * FROM revisions WHERE id = ? AND article_id = ?',
  ).get(revisionId, rowId)
  if (!row) throw notFound(`Revision ${revisionId} of this article`)
  return row
}

/** One revision with its text. */
export function getRevision(lib: Library, id: string, revisionId: number): Revision {
  const rowId = resolveArticleId(lib, id)
  const uid = getArticleRow(lib, rowId).uid
  const r = getRevisionRow(lib, rowId, revisionId)
  return {
    ...toRevisionSummary({ ...r, bytes: Buffer.byteLength(r.markdown) }, uid),
    markdown: r.markdown,
  }
}

/**
 * Make a revision's text the article's text again. The text being replaced is kept as a
 * revision first, so a restore can itself be undone. `baseVersion`, when given, guards
 * against restoring over an edit made elsewhere.
 */
export function restoreRevision(
  lib: Library,
  id: string,
  revisionId: number,
  baseVersion?: number,
): Article {
  const rowId = lib.transaction(() => {
    const rowId = resolveArticleId(lib, id)
    const row = getArticleRow(lib, rowId)
    assertVersion(row, baseVersion, 'restore the revision again')
    const revision = getRevisionRow(lib, rowId, revisionId)
    if (revision.markdown === row.markdown) return rowId
    keepRevision(lib, row, 'restore')
    writeDocument(lib, row, revision.markdown)
    return rowId
  })
  return toArticle(getArticleRow(lib, rowId))
}
