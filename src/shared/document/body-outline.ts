/**
 * The few structural facts metadata needs from a Markdown body: its first level-1 heading,
 * its first line of readable text and its first paragraphs. One pass over the lines, aware of
 * fenced code (a `# comment` in a shell snippet is not a title) but otherwise approximate.
 */
import { inlineToPlainText } from './plain-text'
import { closesFence, FENCE } from './fences'

/** A piece of readable text and the 0-based line it starts on. */
export interface OutlineText {
  text: string
  line: number
}

/** What `outlineBody` finds. */
export interface BodyOutline {
  /** Plain text of the first level-1 heading (ATX `#` or setext `===`), else `null`. */
  heading: string | null
  /** The first line with readable text outside code, stripped of markup, else `null`. */
  firstLine: OutlineText | null
  /** Plain text of the first two prose paragraphs (no headings, lists, quotes, tables, code). */
  paragraphs: OutlineText[]
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const SETEXT_H1 = /^ {0,3}=+[ \t]*$/
const SETEXT_H2 = /^ {0,3}-+[ \t]*$/
const BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/
const LINE_MARKERS =
  /^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?(?:#{1,6}(?=[ \t]|$))?/
/** Block starts that are not a paragraph: quotes, lists, tables, HTML, definitions, math. */
const NOT_PARAGRAPH =
  /^(?: {4}|\t| {0,3}(?:>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|\||<|\[[^\]]+\]:|\$\$|!\[[^\]]*\]\([^)]*\)[ \t]*$))/

/** Which parts of the outline the caller needs; scanning stops once it has them. */
export interface OutlineNeeds {
  heading?: boolean
  firstLine?: boolean
  paragraphs?: boolean
}

const ALL: OutlineNeeds = { heading: true, firstLine: true, paragraphs: true }

/** Scans a Markdown body for its first heading, first line and first paragraphs. */
export function outlineBody(body: string, needs: OutlineNeeds = ALL): BodyOutline {
  let heading: string | null = null
  let firstLine: OutlineText | null = null
  const paragraphs: OutlineText[] = []
  const done = (): boolean =>
    (!needs.heading || heading !== null) &&
    (!needs.firstLine || firstLine !== null) &&
    (!needs.paragraphs || paragraphs.length >= 2)
  if (done()) return { heading, firstLine, paragraphs }

  const lines = body.split('\n')
  let fence: string | null = null
  // The block being read: its lines, first line number and whether it is a prose paragraph.
  let block: string[] = []
  let blockLine = 0
  let prose = false
  const endBlock = (): void => {
    if (prose && paragraphs.length < 2) {
      const text = collapse(inlineToPlainText(block.join(' ')))
      if (text) paragraphs.push({ text, line: blockLine })
    }
    block = []
    prose = false
  }

  for (let n = 0; n < lines.length; n++) {
    if (block.length === 0 && done()) break
    let line = lines[n]!
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1)
    if (fence !== null) {
      if (closesFence(line, fence)) {
        fence = null
      }
      continue
    }
    let start = 0
    let c = line.charCodeAt(0)
    while (c === 32 || c === 9) c = line.charCodeAt(++start)
    if (c !== c) {
      endBlock()
      continue
    }
    // Only lines starting with punctuation can open a fence, a heading or a break.
    if (c < 65 || (c > 90 && c < 97) || (c > 122 && c < 128)) {
      if (c === 96 || c === 126) {
        const open = FENCE.exec(line)
        if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
          endBlock()
          fence = open[1]!
          continue
        }
      } else if (c === 35) {
        const atx = ATX.exec(line)
        if (atx) {
          endBlock()
          const text = collapse(inlineToPlainText(atx[2] ?? ''))
          if (text && firstLine === null) firstLine = { text, line: n }
          if (text && heading === null && atx[1]!.length === 1) heading = text
          continue
        }
      } else if (c === 61 || c === 45) {
        if (prose && (SETEXT_H1.test(line) || SETEXT_H2.test(line))) {
          // The block above was a heading, not a paragraph.
          if (heading === null && c === 61) {
            const text = collapse(inlineToPlainText(block.map(stripMarkers).join(' ')))
            if (text) heading = text
          }
          block = []
          prose = false
          continue
        }
      }
      if ((c === 45 || c === 42 || c === 95) && BREAK.test(line)) {
        endBlock()
        continue
      }
    }
    if (firstLine === null && needs.firstLine) {
      const text = collapse(inlineToPlainText(stripMarkers(line)))
      if (text) firstLine = { text, line: n }
    }
    if (block.length === 0) {
      blockLine = n
      prose = !NOT_PARAGRAPH.test(line)
    } else if (block.length === 1 && TABLE_DELIMITER.test(line) && line.includes('|')) {
      prose = false
    }
    block.push(line)
  }
  endBlock()
  return { heading, firstLine, paragraphs }
}

function stripMarkers(line: string): string {
  return line.replace(LINE_MARKERS, '')
}

function collapse(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim()
}
