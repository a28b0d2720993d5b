// The export's PDF settings in the form Electron's `webContents.printToPDF` takes them. Only
// types come from Electron, so the conversion is tested under Node.
import type { PrintToPDFOptions } from 'electron'
import { headerFooter, PDF_MARGINS, type PdfSettings } from '../export/pdf-printer'

/** A CSS length in millimetres (`'18mm'`) in inches, as printToPDF's margins want them. */
export function mmToInches(length: string): number {
  const match = /^(\d+(?:\.\d+)?)mm$/.exec(length.trim())
  if (!match) throw new Error(`Expected a length in mm, got "${length}"`)
  return Number(match[1]) / 25.4
}

/**
 * printToPDF options for an export: the same page size, margins, backgrounds, running header
 * (title) and footer (page / pages) as the headless-Chromium printer, plus the outline and
 * tagging that make the PDF navigable and accessible.
 */
export function electronPdfOptions(settings: PdfSettings): PrintToPDFOptions {
  return {
    pageSize: settings.pageSize,
    margins: {
      top: mmToInches(PDF_MARGINS.top),
      bottom: mmToInches(PDF_MARGINS.bottom),
      left: mmToInches(PDF_MARGINS.left),
      right: mmToInches(PDF_MARGINS.right),
    },
    printBackground: true,
    displayHeaderFooter: true,
    ...headerFooter(settings.title),
    generateDocumentOutline: true,
    generateTaggedPDF: true,
  }
}
