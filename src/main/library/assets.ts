import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { BroadsheetError } from '../../shared/errors'
import { ASSETS_DIR } from './library-paths'
import type { Library } from './open-library'
import { stmt } from './statements'

/** File extensions for the media types articles embed. Anything else is stored as `.bin`. */
const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
  'image/bmp': 'bmp',
  'image/x-icon': 'ico',
  'image/vnd.microsoft.icon': 'ico',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'application/pdf': 'pdf',
}

/** Media type for a file extension (for serving assets), `application/octet-stream` if unknown. */
export function mimeForExtension(ext: string): string {
  const lower = ext.toLowerCase()
  if (lower === 'jpeg') return 'image/jpeg'
  for (const [mime, e] of Object.entries(EXTENSIONS)) if (e === lower) return mime
  return 'application/octet-stream'
}

/** The file extension stored for a media type (`bin` for types not in the list). */
export function extensionForMime(mime: string): string {
  return EXTENSIONS[mime.toLowerCase().split(';')[0]!.trim()] ?? 'bin'
}

/** Largest asset accepted (a whole video would not belong in an article library). */
export const MAX_ASSET_BYTES = 100 * 1024 * 1024

/** A stored asset's file name: `<sha256>.<ext>`. Anything else is refused when resolving. */
export const ASSET_NAME = /^[0-9a-f]{64}\.[a-z0-9]{1,5}$/

/**
 * Store bytes once under `assets/<sha256>.<ext>` and return that relative path, which is what
 * articles link to. Storing the same bytes again returns the same path and writes nothing.
 * The file is written to a temporary name, flushed, then renamed, so a crash never leaves a
 * half-written asset under its final name.
 */
export function addAsset(lib: Library, bytes: Uint8Array, mime: string): string {
  if (bytes.byteLength === 0) {
    throw new BroadsheetError('invalid_input', 'The file is empty; nothing was stored.')
  }
  if (bytes.byteLength > MAX_ASSET_BYTES) {
    throw new BroadsheetError(
      'invalid_input',
      `The file is larger than ${MAX_ASSET_BYTES / 1048576} MB; store a smaller version.`,
    )
  }
  const hash = createHash('sha256').update(bytes).digest('hex')
  const ext = extensionForMime(mime)
  const name = `${hash}.${ext}`
  const file = join(lib.assetsDir, name)
  if (!existsSync(file) || statSync(file).size !== bytes.byteLength) {
    const tmp = `${file}.${process.pid}.tmp`
    const fd = openSync(tmp, 'w')
    try {
      writeSync(fd, bytes)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, file)
  }
  // Storing it again restarts its grace period (the file's time is when it was last stored):
  // it was just pasted again, into text that may not be saved yet.
  const now = lib.now()
  utimesSync(file, now, now)
  stmt(
    lib.db,
    `INSERT INTO assets (hash, ext, mime, bytes, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (hash) DO UPDATE SET created_at = excluded.created_at`,
  ).run(hash, ext, mime, bytes.byteLength, now.toISOString())
  return `${ASSETS_DIR}/${name}`
}

/**
 * The absolute path of a stored asset from its link (`assets/<name>` or `<name>`), or null when
 * the name is not a well-formed asset name (this is what stops path traversal when serving).
 */
export function assetFile(lib: Library, link: string): string | null {
  const name = link.startsWith(`${ASSETS_DIR}/`) ? link.slice(ASSETS_DIR.length + 1) : link
  if (!ASSET_NAME.test(name)) return null
  const file = join(lib.assetsDir, name)
  return existsSync(file) ? file : null
}

const REFERENCE = /assets\/([0-9a-f]{64}\.[a-z0-9]{1,5})/g

/**
 * Delete asset files that no article (trashed ones included) and no revision refers to. The
 * folder itself is scanned, not just the `assets` table, so a file whose row was rolled back
 * with a failed write is found too. Files touched within `graceMs` (default one day) are kept:
 * an editor may have stored an image it has not saved into the text yet (`addAsset` touches a
 * file it is asked to store again). Returns the names removed.
 */
export function collectUnusedAssets(lib: Library, graceMs = 86_400_000): string[] {
  const used = new Set<string>()
  const sources = [
    'SELECT article_id AS id, markdown FROM documents WHERE article_id > ? ORDER BY article_id LIMIT 500',
    'SELECT id, markdown FROM revisions WHERE id > ? ORDER BY id LIMIT 500',
  ]
  for (const sql of sources) {
    const page = lib.db.prepare(sql)
    for (let last = 0; ;) {
      const rows = page.all(last) as { id: number; markdown: string }[]
      if (rows.length === 0) break
      for (const r of rows) {
        for (const m of r.markdown.matchAll(REFERENCE)) used.add(m[1]!)
        last = r.id
      }
    }
  }
  const cutoff = lib.now().getTime() - graceMs
  const removed: string[] = []
  for (const name of readdirSync(lib.assetsDir)) {
    if (!ASSET_NAME.test(name) || used.has(name)) continue
    const file = join(lib.assetsDir, name)
    if (statSync(file).mtimeMs >= cutoff) continue
    unlinkSync(file)
    const [hash, ext] = name.split('.')
    stmt(lib.db, 'DELETE FROM assets WHERE hash = ? AND ext = ?').run(hash, ext)
    removed.push(name)
  }
  return removed
}
