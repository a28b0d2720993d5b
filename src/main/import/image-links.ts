/**
 * Finding the image links of a Markdown document precisely enough to rewrite only their
 * destinations: inline images, reference definitions and HTML `<img src>`. Links inside front
 * matter, fenced code blocks, code spans and HTML comments are examples, not images, and are
 * never reported.
 */
import { Exclusions, isEscaped, nonProseRanges } from './non-prose'

/** Where one image destination sits in the text. */
export interface ImageLink {
  /** Offset of the first character of the destination (inside `<…>` for the angle form). */
  start: number
  /** Offset just after the destination. */
  end: number
  /** The destination exactly as written. */
  raw: string
  /** Markdown destinations take backslash escapes; HTML attribute values only entities. */
  kind: 'markdown' | 'html'
}

/** Image file types imported as assets, by lower-case extension. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  avif: 'image/avif',
}

// One pass over the text decides whether the slower parse below is worth running at all.
const MAY_HAVE_IMAGES = /\]\(|\]:|<img/i

/** Whether `text` could hold an image link (a fast test; most articles have none). */
export function mayHaveImageLinks(text: string): boolean {
  return MAY_HAVE_IMAGES.test(text)
}

/** Every image destination in `text`, in order of position, none overlapping. */
export function findImageLinks(text: string): ImageLink[] {
  const skip = new Exclusions(nonProseRanges(text))
  const found: ImageLink[] = []
  findInlineImages(text, skip, found)
  findReferenceDefinitions(text, skip, found)
  findHtmlImages(text, skip, found)
  found.sort((a, b) => a.start - b.start)
  return found.filter((link, i) => i === 0 || link.start >= found[i - 1]!.end)
}

/**
 * The file paths a destination may name, most likely first: decoded (`my%20pic.png` →
 * `my pic.png`, query and fragment dropped) and then as written, for files whose names hold
 * `%` or `#`. Empty for URLs, `data:` URIs, absolute paths and bare fragments, which are
 * not files next to the document.
 */
export function destinationPaths(link: Pick<ImageLink, 'raw' | 'kind'>): string[] {
  let raw = link.raw.trim()
  if (link.kind === 'markdown') raw = raw.replace(/\\([!-/:-@[-`{-~])/g, '$1')
  if (raw.includes('&')) raw = decodeEntities(raw)
  if (raw === '' || /^[a-z][a-z0-9+.-]*:/i.test(raw) || /^[/\\#?]/.test(raw)) return []
  const bare = raw.replace(/[?#].*$/s, '')
  let decoded = bare
  try {
    decoded = decodeURIComponent(bare)
  } catch {
    // A stray `%` that is not an escape: the name is meant literally.
  }
  return decoded === raw || decoded === '' ? [raw] : [decoded, raw]
}

/** The lower-case extension of a path, without the dot ('' when it has none). */
export function extensionOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  const dot = path.lastIndexOf('.')
  return dot > slash + 1 ? path.slice(dot + 1).toLowerCase() : ''
}

// ---------------------------------------------------------------------------------------------
// Inline images: ![alt](dest "title")

function findInlineImages(text: string, skip: Exclusions, found: ImageLink[]): void {
  for (let i = text.indexOf('!['); i !== -1; i = text.indexOf('![', i + 2)) {
    if (skip.covers(i) || isEscaped(text, i)) continue
    const close = labelEnd(text, i + 2, true)
    if (close === -1 || text[close + 1] !== '(') continue
    const link = inlineDestination(text, close + 2)
    if (link) found.push(link)
  }
}

/**
 * The offset of the `]` closing a link label that starts at `p`, or -1. Nested brackets are
 * allowed in image descriptions (`![a [b] c](x.png)`), not in reference labels.
 */
function labelEnd(text: string, p: number, nested: boolean): number {
  let depth = 1
  const limit = Math.min(text.length, p + 2000)
  for (; p < limit; p++) {
    const c = text.charCodeAt(p)
    if (c === 0x5c /* \ */) p++
    else if (c === 0x5b /* [ */) {
      if (!nested) return -1
      depth++
    } else if (c === 0x5d /* ] */) {
      if (--depth === 0) return p
    } else if (c === 0x0a && isBlankLine(text, p + 1)) return -1
  }
  return -1
}

function inlineDestination(text: string, p: number): ImageLink | null {
  p = skipSpace(text, p)
  const dest = destinationAt(text, p)
  if (!dest) return null
  const afterDest = dest.end + (dest.angle ? 1 : 0)
  let q = skipSpace(text, afterDest)
  if (text[q] !== ')') {
    // A title must be separated from the destination by whitespace.
    if (q === afterDest) return null
    q = titleEnd(text, q)
    if (q === -1) return null
    q = skipSpace(text, q)
    if (text[q] !== ')') return null
  }
  return {
    start: dest.start,
    end: dest.end,
    raw: text.slice(dest.start, dest.end),
    kind: 'markdown',
  }
}

/** A link destination at `p`: `<…>` or a run without spaces and with balanced parentheses. */
function destinationAt(
  text: string,
  p: number,
): { start: number; end: number; angle: boolean } | null {
  if (text[p] === '<') {
    for (let q = p + 1; q < text.length; q++) {
      const c = text[q]
      if (c === '\\') q++
      else if (c === '>') return q === p + 1 ? null : { start: p + 1, end: q, angle: true }
      else if (c === '<' || c === '\n') return null
    }
    return null
  }
  let depth = 0
  let q = p
  for (; q < text.length; q++) {
    const c = text.charCodeAt(q)
    if (c === 0x5c /* \ */ && q + 1 < text.length && isAsciiPunctuation(text.charCodeAt(q + 1))) q++
    else if (c === 0x28 /* ( */) depth++
    else if (c === 0x29 /* ) */) {
      if (depth === 0) break
      depth--
    } else if (c <= 0x20 || c === 0x7f) break
  }
  return q === p || depth !== 0 ? null : { start: p, end: q, angle: false }
}

/** The offset after a link title (`"…"`, `'…'` or `(…)`) starting at `p`, or -1. */
function titleEnd(text: string, p: number): number {
  const open = text[p]
  const close = open === '(' ? ')' : open
  if (open !== '"' && open !== "'" && open !== '(') return -1
  for (let q = p + 1; q < text.length; q++) {
    const c = text[q]
    if (c === '\\') q++
    else if (c === close) return q + 1
    else if (open === '(' && c === '(') return -1
    else if (c === '\n' && isBlankLine(text, q + 1)) return -1
  }
  return -1
}

// ---------------------------------------------------------------------------------------------
// Reference definitions: [id]: dest "title"

const DEFINITION_START = /^ {0,3}\[/gm

function findReferenceDefinitions(text: string, skip: Exclusions, found: ImageLink[]): void {
  if (!text.includes(']:')) return
  DEFINITION_START.lastIndex = 0
  for (let m = DEFINITION_START.exec(text); m; m = DEFINITION_START.exec(text)) {
    const labelStart = m.index + m[0].length
    // `[^1]: …` is a footnote, whose text is prose, not a destination.
    if (skip.covers(m.index) || text[labelStart] === '^') continue
    const close = labelEnd(text, labelStart, false)
    if (close === -1 || text[close + 1] !== ':') continue
    if (text.slice(labelStart, close).trim() === '') continue
    const dest = destinationAt(text, skipSpace(text, close + 2))
    if (!dest) continue
    const next = text[dest.end + (dest.angle ? 1 : 0)]
    if (next !== undefined && next !== ' ' && next !== '\t' && next !== '\n' && next !== '\r') {
      continue
    }
    // Only definitions that name an image file are image links; others are ordinary links.
    const raw = text.slice(dest.start, dest.end)
    if (!isImagePath(raw)) continue
    found.push({ start: dest.start, end: dest.end, raw, kind: 'markdown' })
  }
}

function isImagePath(raw: string): boolean {
  return destinationPaths({ raw, kind: 'markdown' }).some((p) => extensionOf(p) in IMAGE_TYPES)
}

// ---------------------------------------------------------------------------------------------
// HTML: <img src="…">

const IMG_TAG = /<img(?=[\s/>])/gi
// One attribute, read in place (sticky) so that `src=` inside another attribute's quoted value
// is never mistaken for the real one.
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/dy

function findHtmlImages(text: string, skip: Exclusions, found: ImageLink[]): void {
  IMG_TAG.lastIndex = 0
  for (let m = IMG_TAG.exec(text); m; m = IMG_TAG.exec(text)) {
    if (skip.covers(m.index)) continue
    ATTRIBUTE.lastIndex = m.index + m[0].length
    for (let a = ATTRIBUTE.exec(text); a; a = ATTRIBUTE.exec(text)) {
      if (a[1]!.toLowerCase() !== 'src') continue
      const span = a.indices?.[2] ?? a.indices?.[3] ?? a.indices?.[4]
      if (span && span[1] > span[0]) {
        found.push({
          start: span[0],
          end: span[1],
          raw: text.slice(span[0], span[1]),
          kind: 'html',
        })
      }
      break
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Skip spaces and tabs, and at most one line ending (as CommonMark allows inside a link). */
function skipSpace(text: string, p: number): number {
  let newline = false
  for (; p < text.length; p++) {
    const c = text[p]
    if (c === ' ' || c === '\t' || c === '\r') continue
    if (c === '\n' && !newline) {
      newline = true
      continue
    }
    break
  }
  return p
}

function isBlankLine(text: string, p: number): boolean {
  for (; p < text.length; p++) {
    const c = text[p]
    if (c === '\n') return true
    if (c !== ' ' && c !== '\t' && c !== '\r') return false
  }
  return true
}

function isAsciiPunctuation(c: number): boolean {
  return (
    (c >= 0x21 && c <= 0x2f) ||
    (c >= 0x3a && c <= 0x40) ||
    (c >= 0x5b && c <= 0x60) ||
    (c >= 0x7b && c <= 0x7e)
  )
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
}

function decodeEntities(s: string): string {
  return s.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g,
    (whole, body: string) => {
      if (body[0] !== '#') return NAMED_ENTITIES[body] ?? whole
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    },
  )
}
