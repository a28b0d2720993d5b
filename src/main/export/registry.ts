/**
 * Export writers keyed by format (one file per format, as Zettlr's exporter registry): add a
 * format by adding a writer here. Writers are loaded on first use, so the CLI does not load
 * the DOCX or PDF machinery to write Markdown.
 */
import type { ExportFormat, Writer } from './types'

const WRITERS: Record<ExportFormat, () => Promise<Writer>> = {
  md: async () => (await import('./markdown-writer')).writeMarkdown,
  html: async () => (await import('./html-writer')).writeHtml,
  json: async () => (await import('./json-writer')).writeJson,
  pdf: async () => (await import('./pdf-writer')).writePdf,
  epub: async () => (await import('./epub-writer')).writeEpub,
  docx: async () => (await import('./docx-writer')).writeDocx,
  odt: async () => (await import('./pandoc-writer')).pandocWriter('odt'),
  rtf: async () => (await import('./pandoc-writer')).pandocWriter('rtf'),
  latex: async () => (await import('./pandoc-writer')).pandocWriter('latex'),
}

/** The writer for `format`. */
export function writerFor(format: ExportFormat): Promise<Writer> {
  return WRITERS[format]()
}
