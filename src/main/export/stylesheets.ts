/**
 * The stylesheets an export carries inside itself: the reader typography (the same file the
 * app's reader view uses), KaTeX's CSS with its fonts, and the export's own print rules.
 * Files are read once, on first use.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BroadsheetError } from '../../shared/errors'
import { EXPORT_CSS } from './export-css'

const READER_CSS = join('src', 'shared', 'markdown', 'reader.css')

let reader: string | null = null
let katexDir: string | null = null
let katex: string | null = null

/**
 * The reader stylesheet, `src/shared/markdown/reader.css`. Found beside this module in the
 * source tree (the CLI and tests run the sources); a bundle that moves this module must ship
 * the file in a folder above it under the same relative path.
 */
export function readerCss(): string {
  if (reader !== null) return reader
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, READER_CSS)
    if (existsSync(file)) return (reader = readFileSync(file, 'utf8'))
    if (dirname(dir) === dir) break
  }
  throw new BroadsheetError(
    'internal',
    `The reader stylesheet (${READER_CSS}) is missing from this installation; reinstall Broadsheet.`,
  )
}

/** The export's own rules (page breaks, collection contents, print fitting). */
export function exportCss(): string {
  return EXPORT_CSS
}

function katexDistDir(): string {
  katexDir ??= dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'))
  return katexDir
}

/**
 * KaTeX's CSS with each font given once, as a woff2 data URI (every engine that prints
 * knows woff2), for self-contained HTML and PDF. EPUB uses MathML instead (see xhtml.ts).
 */
export function katexCss(): string {
  if (katex !== null) return katex
  const dist = katexDistDir()
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8').replace(
    /src:url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)[^;}]*/g,
    (_, base: string) => {
      const font = readFileSync(join(dist, 'fonts', `${base}.woff2`)).toString('base64')
      return `src:url(data:font/woff2;base64,${font}) format("woff2")`
    },
  )
  katex = css
  return css
}
