/**
 * The export service every door calls: choose the articles, run the format's writer, and
 * (for the CLI and the desktop app) write the files; browser mode sends `exportFile` instead.
 */
import { BroadsheetError } from '../../shared/errors'
import type { Article } from '../../shared/model'
import type { Library } from '../library/open-library'
import { writerFor } from './registry'
import { type ExportScope, selectArticles } from './select-articles'
import { slugForFile } from './slugs'
import type { ExportBundle, ExportFormat, ExportOptions } from './types'
import { writeOutput, type WrittenOutput } from './write-output'
import { zipFiles } from './zip'

/** What an export to disk did. */
export interface ExportResult extends WrittenOutput {
  format: ExportFormat
  articles: number
  warnings: string[]
}

/** The title of a combined document when none is given: the tag, the query, or a default. */
export function defaultTitle(scope: ExportScope): string {
  if (scope.tag) return scope.tag
  if (scope.query) return `Search: ${scope.query}`
  return 'Broadsheet export'
}

/** Run an export and return its files without writing them. */
export async function exportBundle(
  lib: Library,
  scope: ExportScope,
  format: ExportFormat,
  options: ExportOptions = {},
): Promise<ExportBundle & { articles: number }> {
  const articles = selectArticles(lib, scope)
  return bundleOf(lib, articles, format, options, options.title ?? defaultTitle(scope))
}

/** Run the format's writer over articles already chosen. */
export async function bundleOf(
  lib: Library,
  articles: Article[],
  format: ExportFormat,
  options: ExportOptions,
  title: string,
): Promise<ExportBundle & { articles: number }> {
  const writer = await writerFor(format)
  const bundle = await writer({ lib, articles, options, title })
  return { ...bundle, articles: articles.length }
}

/** Export to `out` (a file, a folder or a `.zip`); refuses to overwrite without `force`. */
export async function exportToPath(
  lib: Library,
  scope: ExportScope,
  format: ExportFormat,
  out: string,
  options: ExportOptions & { force?: boolean } = {},
): Promise<ExportResult> {
  if (out.trim() === '') {
    throw new BroadsheetError('invalid_input', 'Say where to export with --out PATH.')
  }
  const bundle = await exportBundle(lib, scope, format, options)
  const written = writeOutput(bundle, out, options.force ?? false)
  return { ...written, format, articles: bundle.articles, warnings: bundle.warnings ?? [] }
}

/**
 * The export as one file to send (browser mode's download): the document itself when there
 * is one file, else a `.zip` of them all.
 */
export async function exportFile(
  lib: Library,
  scope: ExportScope,
  format: ExportFormat,
  options: ExportOptions = {},
): Promise<{ name: string; data: Uint8Array }> {
  const bundle = await exportBundle(lib, scope, format, options)
  return oneFile(bundle, options.title ?? defaultTitle(scope))
}

/** A bundle as one file: its only file, else a `.zip` named after its document or `title`. */
export function oneFile(bundle: ExportBundle, title: string): { name: string; data: Uint8Array } {
  if (bundle.files.length === 1) return bundle.files[0]!
  const stem =
    bundle.documents.length === 1
      ? bundle.documents[0]!.replace(/\.[^.]+$/, '')
      : slugForFile(title)
  return { name: `${stem}.zip`, data: zipFiles(bundle.files) }
}
