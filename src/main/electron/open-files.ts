// Markdown files the OS asks the app to open (double-click, "Open With", a second launch, a
// file dropped on the Dock icon): imported with the library's importer, then shown.
import { importPaths } from '../import/markdown-files'
import type { Library } from '../library/open-library'

/** What opening some files did. */
export interface OpenedFiles {
  /** The article to show: the last one imported, else the last one that was already there. */
  show: string | null
  /** Ids of the articles created. */
  imported: string[]
  /** One line per file that could not be opened ("path: reason"). */
  problems: string[]
}

/** The importer's reason for a file whose text is already an article; the id follows. */
const ALREADY_THERE = /^already in the library as ([0-9A-Za-z]+)$/

/**
 * Import `paths` (Markdown or text files) into `lib`. A file whose exact text is already in
 * the library is not imported twice: its existing article is the one shown. Files that
 * cannot be read or are not text are listed in `problems`; nothing else is lost.
 */
export function openMarkdownFiles(lib: Library, paths: readonly string[]): OpenedFiles {
  if (paths.length === 0) return { show: null, imported: [], problems: [] }
  const report = importPaths(lib, [...paths])
  const existing: string[] = []
  const problems: string[] = []
  for (const skip of report.skipped) {
    const id = ALREADY_THERE.exec(skip.reason)?.[1]
    if (id) existing.push(id)
    else problems.push(`${skip.path}: ${skip.reason}`)
  }
  const show = report.ids.at(-1) ?? existing.at(-1) ?? null
  return { show, imported: report.ids, problems }
}
