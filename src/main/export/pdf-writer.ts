/**
 * PDF export: the HTML export's documents (reader stylesheet, print rules in export-css.ts)
 * printed by Chromium, one PDF per article or, with `combine`, one for the collection with
 * its table of contents (as linked text on the first page and as the PDF's outline).
 */
import { htmlDocuments } from './html-writer'
import { newPdfPrinter } from './pdf-printer'
import type { ExportBundle, ExportFile, WriterInput } from './types'

/** Write `<slug>.pdf` files. */
export async function writePdf(input: WriterInput): Promise<ExportBundle> {
  const pageSize = input.options.pageSize ?? 'A4'
  // The printing is the slow part: progress counts documents printed, after rendering.
  const docs = htmlDocuments({ ...input, options: { ...input.options, onProgress: undefined } })
  const printer = newPdfPrinter()
  const files: ExportFile[] = []
  try {
    for (const [i, doc] of docs.entries()) {
      const data = await printer.print(doc.html, { pageSize, title: doc.title })
      files.push({ name: `${doc.stem}.pdf`, data })
      input.options.onProgress?.(i + 1, docs.length)
    }
  } finally {
    await printer.close()
  }
  return { files, documents: files.map((f) => f.name) }
}
