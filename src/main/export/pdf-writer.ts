/**
 * PDF export: the HTML export's documents (reader stylesheet, print rules in export-css.ts)
 * printed by Chromium, one PDF per article or, with `combine`, one for the collection with
 * its table of contents (as linked text on the first page and as the PDF's outline).
 */
import { htmlDocuments } from './html-writer'
import { newPdfPrinter } from './pdf-printer'
import { progressTicker } from './progress'
import type { ExportBundle, ExportFile, WriterInput } from './types'

/** Write `<slug>.pdf` files. */
export async function writePdf(input: WriterInput): Promise<ExportBundle> {
  const pageSize = input.options.pageSize ?? 'A4'
  const tick = progressTicker(input.options)
  const combined = input.options.combine === true && input.articles.length > 1
  // Printing is the slow part. One PDF per article: progress counts PDFs printed (rendering
  // only checks for a cancel). A collection: its articles rendered, then one step to print.
  const docs = await htmlDocuments(input, '', async (done, total, current) => {
    if (combined) await tick(done, total + 1, current)
    else await tick(0, total, current)
  })
  const total = combined ? input.articles.length + 1 : docs.length
  const printer = newPdfPrinter()
  const files: ExportFile[] = []
  try {
    for (const [i, doc] of docs.entries()) {
      await tick(combined ? total - 1 : i, total, combined ? 'Printing the PDF' : doc.title)
      const data = await printer.print(doc.html, { pageSize, title: doc.title })
      files.push({ name: `${doc.stem}.pdf`, data })
    }
    await tick(total, total, null)
  } finally {
    await printer.close()
  }
  return { files, documents: files.map((f) => f.name) }
}
