/**
 * Export writers keyed by format (one file per format, as Zettlr's exporter registry): add a
 * format by adding a writer here. Writers are loaded on first use, so the CLI does not load
 * the DOCX or PDF machinery to write Markdown.
 */
import { BroadsheetError } from '../../shared/errors'
import type { ExportFormat, Writer } from './types'

const notYet = (format: string) => async (): Promise<Writer> => {
  throw new BroadsheetError(
    'invalid_input',
    `Export to ${format} is not available in this version.`,
  )
}

const WRITERS: Record<ExportFormat, () => Promise<Writer>> = {
  md: async () => (await import('./markdown-writer')).writeMarkdown,
  html: async () => (await import('./html-writer')).writeHtml,
  json: async () => (await import('./json-writer')).writeJson,
  pdf: async () => (await import('./pdf-writer')).writePdf,
  epub: async () => (await import('./epub-writer')).writeEpub,
  docx: notYet('docx'),
  odt: notYet('odt'),
  rtf: notYet('rtf'),
  latex: notYet('latex'),
}

/** The writer for `format`. */
export function writerFor(format: ExportFormat): Promise<Writer> {
  return WRITERS[format]()
}

/** File extension of each format's documents. */
export const EXTENSIONS: Record<ExportFormat, string> = {
  md: 'md',
  html: 'html',
  json: 'json',
  pdf: 'pdf',
  epub: 'epub',
  docx: 'docx',
  odt: 'odt',
  rtf: 'rtf',
  latex: 'tex',
}
