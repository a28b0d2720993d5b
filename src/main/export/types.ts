/**
 * The shapes every export writer shares: which formats exist, the options a person chooses,
 * and the files a writer produces (names relative to the output folder).
 */
import type { Article } from '../../shared/model'
import type { Library } from '../library/open-library'

import type { EXPORT_FORMATS, PANDOC_FORMATS } from '../../shared/contract'

export { EXPORT_FORMATS, PANDOC_FORMATS } from '../../shared/contract'

/** An export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number] | (typeof PANDOC_FORMATS)[number]

/** PDF page sizes. */
export type PageSize = 'A4' | 'Letter'

/** What a person chooses besides the articles; every field is optional. */
export interface ExportOptions {
  /** One document of many (HTML, PDF, EPUB, DOCX). Default false: one file per article. */
  combine?: boolean
  /** PDF page size. Default A4. */
  pageSize?: PageSize
  /** Markdown: leave the front matter out of the exported text. Default false (kept). */
  frontMatter?: boolean
  /** Title of a combined document. Default: the tag, the query or "Broadsheet export". */
  title?: string
  /**
   * Called while a long export runs: how many of `total` steps (articles, or printed PDFs)
   * are done, and what is under way now (an article's title), if anything.
   */
  onProgress?: (done: number, total: number, current?: string | null) => void
  /** Aborting it stops the export between two articles (the writer throws ExportCancelled). */
  signal?: AbortSignal
}

/** One file an export produces; `name` is relative (`a.md`, `assets/<sha>.png`). */
export interface ExportFile {
  name: string
  data: Uint8Array
}

/**
 * What a writer returns: the files, of which `documents` are the main ones (the rest, such as
 * Markdown's `assets/` images, go beside them).
 */
export interface ExportBundle {
  files: ExportFile[]
  /** Names (in `files`) of the documents proper, in article order. */
  documents: string[]
  /** Problems that did not stop the export (an image missing from the library). */
  warnings?: string[]
}

/** What a writer is given. */
export interface WriterInput {
  lib: Library
  articles: Article[]
  options: ExportOptions
  /** The combined document's title. */
  title: string
}

/** A writer: articles in, files out. */
export type Writer = (input: WriterInput) => Promise<ExportBundle>
