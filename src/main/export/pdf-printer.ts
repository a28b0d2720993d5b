/**
 * Printing an HTML document to PDF. The settings (page size, margins, running header and
 * footer) are defined once here; the printer that applies them is swappable: headless
 * Chromium through playwright-core by default (CLI, browser mode), and in the desktop app
 * the Electron shell installs one over `webContents.printToPDF` through `setPdfPrinter`
 * (src/main/electron/pdf-printer.ts, with these settings converted in pdf-options.ts).
 */
import type { Browser } from 'playwright-core'
import { escapeText } from './render-article'
import { launchChromium } from './chromium'
import type { PageSize } from './types'

/** What a printer is asked for. */
export interface PdfSettings {
  pageSize: PageSize
  /** Shown in the running header. */
  title: string
}

/**
 * Prints documents to PDF, one per call. `close` ends whatever it started (a browser).
 * Documents are self-contained HTML with every image embedded; nothing needs the network.
 */
export interface PdfPrinter {
  print(html: string, settings: PdfSettings): Promise<Uint8Array>
  close(): Promise<void>
}

/** Page margins, as CSS lengths. */
export const PDF_MARGINS = { top: '20mm', bottom: '18mm', left: '18mm', right: '18mm' }

const TEMPLATE_STYLE =
  'font-family: Helvetica, Arial, sans-serif; font-size: 8pt; color: #666; width: 100%; margin: 0 18mm;'

/**
 * Header and footer templates in Chromium's format (`pageNumber`, `totalPages` are filled in
 * by the printer): the title on top, "page / pages" below.
 */
export function headerFooter(title: string): { headerTemplate: string; footerTemplate: string } {
  return {
    headerTemplate: `<div style="${TEMPLATE_STYLE} overflow: hidden; white-space: nowrap; text-overflow: ellipsis;">${escapeText(title)}</div>`,
    footerTemplate: `<div style="${TEMPLATE_STYLE} text-align: center;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
  }
}

/** A printer over headless Chromium; the browser starts on the first document. */
export function chromiumPrinter(): PdfPrinter {
  let browser: Promise<Browser> | null = null
  return {
    async print(html, settings) {
      browser ??= launchChromium()
      // No script runs in a printed article, and nothing is fetched.
      const context = await (await browser).newContext({ javaScriptEnabled: false })
      try {
        const page = await context.newPage()
        await page.route('**/*', (route) => route.abort())
        await page.setContent(html, { waitUntil: 'load' })
        const pdf = await page.pdf({
          format: settings.pageSize,
          margin: PDF_MARGINS,
          printBackground: true,
          displayHeaderFooter: true,
          ...headerFooter(settings.title),
          outline: true,
          tagged: true,
        })
        return new Uint8Array(pdf)
      } finally {
        await context.close()
      }
    },
    async close() {
      if (browser) await (await browser.catch(() => null))?.close()
      browser = null
    },
  }
}

let factory: () => PdfPrinter = chromiumPrinter

/** Use another printer for every PDF export from now on (the desktop app's Electron one). */
export function setPdfPrinter(make: () => PdfPrinter): void {
  factory = make
}

/** A printer for one export. */
export function newPdfPrinter(): PdfPrinter {
  return factory()
}
