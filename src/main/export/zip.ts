/** Zip archives of export files (fflate): one `.zip` for many files, and the EPUB container. */
import { zipSync, type Zippable } from 'fflate'
import type { ExportFile } from './types'

/** Already-compressed data gains nothing from deflate. */
const STORED = /\.(?:png|jpe?g|gif|webp|avif|woff2?|zip|epub|docx|pdf)$/i

/**
 * Zip `files` in the order given. A file listed in `stored` (the EPUB `mimetype`) is stored
 * uncompressed; so are images and other compressed formats.
 */
export function zipFiles(files: ExportFile[], stored: ReadonlySet<string> = new Set()): Uint8Array {
  const entries: Zippable = {}
  // A fixed time keeps the archive the same from run to run for the same articles.
  const mtime = new Date('2000-01-01T00:00:00Z')
  for (const f of files) {
    const level = stored.has(f.name) || STORED.test(f.name) ? 0 : 6
    entries[f.name] = [f.data, { level, mtime }]
  }
  return zipSync(entries)
}
