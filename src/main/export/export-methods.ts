/** The export's contract methods (see `export.formats` and `export.file` in contract.ts). */
import type { ParsedInput } from '../../shared/contract'
import { mimeForExtension } from '../library/assets'
import type { Library } from '../library/open-library'
import { findChromium } from './chromium'
import { exportFile } from './export-articles'
import { hasPandoc } from './pandoc-writer'
import { EXPORT_FORMATS, type ExportFormat, PANDOC_FORMATS } from './types'

/** Media types of the files an export sends. */
const MIME: Record<string, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
  tex: 'application/x-tex',
  zip: 'application/zip',
}

/** The media type for an exported file's name. */
export function exportMime(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase()
  return MIME[ext] ?? mimeForExtension(ext)
}

/** Which formats this machine can export: Pandoc's where it runs, PDF where Chromium is. */
export function exportFormats(): { formats: ExportFormat[]; pdf: boolean } {
  let pdf = true
  try {
    findChromium()
  } catch {
    pdf = false
  }
  const formats: ExportFormat[] = [...EXPORT_FORMATS, ...(hasPandoc() ? PANDOC_FORMATS : [])]
  return { formats: pdf ? formats : formats.filter((f) => f !== 'pdf'), pdf }
}

/** Run an export and return its one file (a `.zip` for several), base64-encoded. */
export async function exportFileBase64(
  lib: Library,
  input: ParsedInput<'export.file'>,
): Promise<{ name: string; mime: string; dataBase64: string }> {
  const file = await exportFile(lib, input.scope, input.format, input.options ?? {})
  return {
    name: file.name,
    mime: exportMime(file.name),
    dataBase64: Buffer.from(file.data).toString('base64'),
  }
}
