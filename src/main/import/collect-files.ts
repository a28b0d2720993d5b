/** Finding the Markdown files named by the paths given to an import. */
import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

/** Extensions imported as Markdown (compared in lower case). */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.txt']

/** Extensions imported as saved web pages (see src/main/clip/import-html-file.ts). */
export const HTML_EXTENSIONS: readonly string[] = ['.html', '.htm', '.xhtml']

/** One file to import. */
export interface FoundFile {
  /** Absolute path, as reached (through the folder given, not through symlinks). */
  file: string
  /** The path as shown to the person: under the path they gave, as they wrote it. */
  display: string
  /** Folder that relative image links may reach into: the folder given, or the file's own. */
  root: string
}

/** Files found and paths refused, in a deterministic order. */
export interface CollectedFiles {
  files: FoundFile[]
  skipped: { path: string; reason: string }[]
}

/** Reason for an explicitly given file whose extension is not a Markdown one. */
export const NOT_MARKDOWN_REASON =
  'not a Markdown file or web page (expected .md, .markdown, .txt, .html or .htm)'

/**
 * Expand `paths` into the Markdown files to import. Folders are walked recursively in sorted
 * order, skipping hidden entries and `node_modules`; symlinks are followed only to files
 * inside the folder, and never into folders (which also rules out cycles). A file reached
 * twice is listed once.
 */
export function collectFiles(paths: readonly string[]): CollectedFiles {
  const out: CollectedFiles = { files: [], skipped: [] }
  const seen = new Set<string>()
  for (const given of paths) {
    const abs = resolve(given)
    let stat
    try {
      stat = statSync(abs)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      out.skipped.push({
        path: given,
        reason: code === 'ENOENT' ? 'does not exist' : cannotRead(err),
      })
      continue
    }
    if (stat.isDirectory()) {
      let rootReal: string
      try {
        rootReal = realpathSync(abs)
      } catch (err) {
        out.skipped.push({ path: given, reason: cannotRead(err) })
        continue
      }
      walk(abs, given, abs, rootReal, seen, out)
    } else if (!stat.isFile()) {
      out.skipped.push({ path: given, reason: 'not a file or folder' })
    } else if (!isMarkdownName(abs) && !isHtmlName(abs)) {
      out.skipped.push({ path: given, reason: NOT_MARKDOWN_REASON })
    } else {
      const real = realpathSync(abs)
      if (seen.has(real)) continue
      seen.add(real)
      out.files.push({ file: abs, display: given, root: dirname(abs) })
    }
  }
  return out
}

/** Whether a file name has one of the Markdown extensions. */
export function isMarkdownName(name: string): boolean {
  const lower = name.toLowerCase()
  return MARKDOWN_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length)
}

/** Whether a file name has one of the saved-web-page extensions. */
export function isHtmlName(name: string): boolean {
  const lower = name.toLowerCase()
  return HTML_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length)
}

/** Whether `target` is `root` or lies beneath it (both absolute and normalised). */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target)
  return (
    rel === '' ||
    (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel))
  )
}

function walk(
  dir: string,
  display: string,
  root: string,
  rootReal: string,
  seen: Set<string>,
  out: CollectedFiles,
): void {
  let entries: Dirent[]
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch (err) {
    out.skipped.push({ path: display, reason: `folder ${cannotRead(err)}` })
    return
  }
  // Code-unit order, not the locale's: the same folder imports in the same order everywhere.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const name = entry.name
    if (name.startsWith('.') || name === 'node_modules') continue
    const file = join(dir, name)
    const shown = join(display, name)
    if (entry.isDirectory()) {
      walk(file, shown, root, rootReal, seen, out)
      continue
    }
    if (!isMarkdownName(name) && !isHtmlName(name)) continue
    // No symlinked folder is entered, so a regular file's real path is its place under the root.
    let real = join(rootReal, relative(root, file))
    if (entry.isSymbolicLink()) {
      try {
        real = realpathSync(file)
      } catch {
        out.skipped.push({ path: shown, reason: 'broken symbolic link' })
        continue
      }
      if (!isInside(rootReal, real)) {
        out.skipped.push({ path: shown, reason: 'symbolic link to a file outside the folder' })
        continue
      }
      if (!statSync(real).isFile()) continue
    } else if (!entry.isFile()) {
      continue
    }
    if (seen.has(real)) continue
    seen.add(real)
    out.files.push({ file, display: shown, root })
  }
}

function cannotRead(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code
  return `cannot be read (${code ?? (err as Error).message})`
}
