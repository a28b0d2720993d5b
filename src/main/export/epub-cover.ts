/**
 * A generated EPUB cover for books without a featured image: the title (and author) set on a
 * plain page, as SVG so it stays sharp on any screen.
 */
import { escapeText } from './render-article'

const WIDTH = 1200
const HEIGHT = 1800
const LINE_CHARS = 18
const MAX_LINES = 7

/** Break a title into lines of about `LINE_CHARS` characters (long words stay whole). */
function lines(text: string): string[] {
  const out: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > LINE_CHARS) {
      out.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') out.push(line)
  if (out.length > MAX_LINES) {
    out.length = MAX_LINES
    out[MAX_LINES - 1] += ' …'
  }
  return out
}

/** An SVG cover with `title` and `byline`. */
export function coverSvg(title: string, byline: string | null): string {
  const titleLines = lines(title)
  const size = titleLines.some((l) => l.length > 14) ? 96 : 120
  const top = 520
  const text = titleLines
    .map((l, i) => `<text x="110" y="${top + i * size * 1.15}">${escapeText(l)}</text>`)
    .join('')
  const by = byline
    ? `<text x="110" y="${HEIGHT - 220}" font-size="56" fill="#444">${escapeText(byline)}</text>`
    : ''
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">` +
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#f6f3ea"/>` +
    `<rect x="110" y="300" width="980" height="12" fill="#1b1b1b"/>` +
    `<g font-family="Georgia, 'DejaVu Serif', serif" font-weight="bold" font-size="${size}" fill="#1b1b1b">${text}</g>` +
    by +
    `<text x="110" y="${HEIGHT - 120}" font-family="Helvetica, Arial, sans-serif" font-size="40" fill="#777">Broadsheet</text>` +
    `</svg>\n`
  )
}
