/**
 * Lossless JSON backups of articles: each document byte for byte, its library state, its
 * times, its public id and its revisions, plus every asset any of them names (base64).
 * `restoreBackup` puts them back exactly, under the same ids. Feeds are not part of a backup:
 * a restored article keeps its text and state but no longer belongs to a feed.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { BroadsheetError } from '../../shared/errors'
import type { Article } from '../../shared/model'
import { contentHash, insertArticle } from './articles'
import { ASSET_NAME, addAsset, assetFile, mimeForExtension } from './assets'
import type { Library } from './open-library'
import { stmt } from './statements'

/** The `format` field that marks a Broadsheet backup. */
export const BACKUP_FORMAT = 'broadsheet-backup'
/** The backup layout this code writes (and the newest it reads). */
export const BACKUP_VERSION = 1

const REFERENCE = /assets\/([0-9a-f]{64}\.[a-z0-9]{1,5})/g

const revisionSchema = z.object({
  reason: z.enum(['edit', 'restore', 'metadata', 'import', 'delete']),
  title: z.string(),
  markdown: z.string(),
  createdAt: z.string(),
})

const articleSchema = z.object({
  id: z.string().regex(/^[0-9a-z]{4,64}$/),
  version: z.number().int().positive(),
  markdown: z.string(),
  state: z.object({
    status: z.enum(['draft', 'ready', 'published']),
    read: z.boolean(),
    starred: z.boolean(),
    archived: z.boolean(),
    progress: z.number().min(0).max(1),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  trashedAt: z.string().nullable(),
  revisions: z.array(revisionSchema),
})

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1).max(BACKUP_VERSION),
  exportedAt: z.string(),
  articles: z.array(articleSchema),
  assets: z.array(
    z.object({ name: z.string().regex(ASSET_NAME), mime: z.string(), dataBase64: z.string() }),
  ),
})

/** A backup file's contents. */
export type Backup = z.infer<typeof backupSchema>

/** What a restore did. */
export interface RestoreReport {
  /** Ids restored (the same ids as in the backup). */
  ids: string[]
  /** Articles left out, with the reason. */
  skipped: { id: string; reason: string }[]
  /** Assets that were missing or did not match their name. */
  warnings: string[]
}

/** A backup of `articles` (whole, with documents) and of every asset they or their revisions name. */
export function createBackup(lib: Library, articles: Article[], now = new Date()): Backup {
  const revisions = stmt<
    [string],
    {
      reason: Backup['articles'][number]['revisions'][number]['reason']
      title: string
      markdown: string
      created_at: string
    }
  >(
    lib.db,
    `SELECT r.reason, r.title, r.markdown, r.created_at FROM revisions r
     JOIN articles a ON a.id = r.article_id WHERE a.uid = ? ORDER BY r.id`,
  )
  const names = new Set<string>()
  const out: Backup['articles'] = articles.map((a) => {
    const revs = revisions.all(a.id).map((r) => ({
      reason: r.reason,
      title: r.title,
      markdown: r.markdown,
      createdAt: r.created_at,
    }))
    for (const text of [a.markdown, ...revs.map((r) => r.markdown)]) {
      for (const m of text.matchAll(REFERENCE)) names.add(m[1]!)
    }
    return {
      id: a.id,
      version: a.version,
      markdown: a.markdown,
      state: {
        status: a.status,
        read: a.read,
        starred: a.starred,
        archived: a.archived,
        progress: a.progress,
      },
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      trashedAt: a.trashedAt,
      revisions: revs,
    }
  })
  const assets: Backup['assets'] = []
  for (const name of [...names].sort()) {
    const file = assetFile(lib, name)
    if (file === null) continue
    const ext = name.slice(name.lastIndexOf('.') + 1)
    assets.push({
      name,
      mime: mimeForExtension(ext),
      dataBase64: readFileSync(file).toString('base64'),
    })
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    articles: out,
    assets,
  }
}

/** Whether parsed JSON looks like a Broadsheet backup (to route `broadsheet import`). */
export function isBackup(value: unknown): boolean {
  return (value as { format?: unknown } | null)?.format === BACKUP_FORMAT
}

/** Parse and check a backup; a clear error names what is wrong. */
export function parseBackup(value: unknown): Backup {
  const parsed = backupSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const version = (value as { version?: unknown } | null)?.version
    if (typeof version === 'number' && version > BACKUP_VERSION) {
      throw new BroadsheetError(
        'invalid_input',
        `This backup was written by a newer Broadsheet (layout ${version}); update Broadsheet to restore it.`,
      )
    }
    throw new BroadsheetError(
      'invalid_input',
      `This is not a valid Broadsheet backup (${issue.path.join('.') || 'top level'}: ${issue.message}); nothing was restored.`,
    )
  }
  return parsed.data
}

/**
 * Restore a backup: assets first, then each article under its own id with its state, times
 * and revisions, in one transaction. An article whose id is already in the library is left
 * alone (reported as skipped): a restore never overwrites what is there.
 */
export function restoreBackup(lib: Library, backup: Backup): RestoreReport {
  const report: RestoreReport = { ids: [], skipped: [], warnings: [] }
  for (const asset of backup.assets) {
    const bytes = Buffer.from(asset.dataBase64, 'base64')
    const stored = bytes.length === 0 ? null : addAsset(lib, bytes, asset.mime)
    if (stored !== `assets/${asset.name}`) {
      report.warnings.push(
        `the asset ${asset.name} did not match its content and was not restored as that name`,
      )
    }
  }
  const existing = stmt<[string], { content_hash: string }>(
    lib.db,
    'SELECT content_hash FROM articles WHERE uid = ?',
  )
  const insertRevision = stmt(
    lib.db,
    'INSERT INTO revisions (article_id, reason, title, markdown, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  lib.transaction(() => {
    for (const a of backup.articles) {
      const found = existing.get(a.id)
      if (found) {
        report.skipped.push({
          id: a.id,
          reason:
            found.content_hash === contentHash(a.markdown)
              ? 'already in the library'
              : 'another article with this id is in the library; it was left as it is',
        })
        continue
      }
      const rowId = insertArticle(lib, a.markdown, { state: a.state })
      stmt(
        lib.db,
        `UPDATE articles SET uid = ?, version = ?, created_at = ?, updated_at = ?, trashed_at = ?
         WHERE id = ?`,
      ).run(a.id, a.version, a.createdAt, a.updatedAt, a.trashedAt, rowId)
      for (const r of a.revisions) {
        insertRevision.run(rowId, r.reason, r.title, r.markdown, r.createdAt)
      }
      report.ids.push(a.id)
    }
  })
  return report
}

/** Read, check and restore a backup file. */
export function restoreBackupFile(lib: Library, file: string): RestoreReport {
  let value: unknown
  try {
    value = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new BroadsheetError(
      'invalid_input',
      `${file} is not readable JSON (${(err as Error).message}); nothing was restored.`,
    )
  }
  return restoreBackup(lib, parseBackup(value))
}
