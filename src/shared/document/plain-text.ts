/**
 * Markdown reduced to the words a person reads, for the search index, word counts and
 * summaries. It is deliberately not a Markdown parser: one pass over the lines that looks only
 * at how each line starts, then a few whole-text regular expressions, each skipped when its
 * trigger character is absent. It runs on every save and import, so it must cost
 * microseconds; an occasional stray character does not matter to search or to a word count.
 */

import { closesFence, FENCE } from './fences'

const ATX = /^#{1,6}(?:[ \t]+|$)/
const CLOSING_HASHES = /[ \t]+#+[ \t]*$/
const QUOTE = /^(?:>[ \t]?)+[ \t]*/
const BULLET = /^[-*+][ \t]+(?:\[[ xX]\][ \t]+)?/
const ORDERED = /^\d{1,9}[.)][ \t]+(?:\[[ xX]\][ \t]+)?/
/** Setext underlines, thematic breaks and table delimiter rows: no words at all. */
const RULE =
  /^(?:=+|-+|(?:[-*_][ \t]*){3,}|\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?)[ \t]*$/
const NOT_RULE = /[^-*_=:|+ \t]/
const FOOTNOTE_LABEL = /^\[\^[^\]]+\]:[ \t]?/
const REFERENCE_DEFINITION = /^\[[^\]]+\]:[ \t]*\S/
/** Stands in for a code block while the prose around it is cleaned (NULs in the text become spaces). */
const CODE_MARK = '\u0000'

/**
 * The readable text of a Markdown body: headings, paragraphs, list items, table cells, link
 * text, image alt text, footnotes, code spans and fenced code (people search for code) are
 * kept; markup, link and image URLs, reference definitions, HTML tags and comments are
 * dropped. Autolinks and bare URLs keep their URL text, since people search for domains.
 * Lines stay lines.
 */
export function markdownToPlainText(body: string): string {
  let text = body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body
  // Comments may span lines, so they go before the line pass (even inside code: rare).
  if (text.includes('<!--')) text = text.replace(/<!--[\s\S]*?-->/g, ' ')
  // Fenced code is kept verbatim, away from the inline clean-up: the prose is cleaned in one
  // go with a marker where each code block goes, and the code put back at the markers.
  if (text.includes(CODE_MARK)) text = text.replaceAll(CODE_MARK, ' ')
  const lines = text.split('\n')
  const prose: string[] = []
  const code: string[] = []
  let block: string[] = []
  let fence: string | null = null
  for (const line of lines) {
    if (fence !== null) {
      if (closesFence(line, fence)) {
        code.push(block.join('\n'))
        block = []
        fence = null
      } else {
        block.push(line)
      }
      continue
    }
    let start = 0
    let c = line.charCodeAt(0)
    while (c === 32 || c === 9) c = line.charCodeAt(++start)
    // Most lines start with a letter and need no block-level work.
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c > 127 || c !== c) {
      prose.push(line)
      continue
    }
    if ((c === 96 || c === 126) && start < 4) {
      const open = FENCE.exec(line)
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
        prose.push(CODE_MARK)
        fence = open[1]!
        continue
      }
    }
    const stripped = stripBlockMarkup(start === 0 ? line : line.slice(start))
    if (stripped !== null) prose.push(stripped)
  }
  // An unclosed fence runs to the end of the document, as in CommonMark.
  if (fence !== null) code.push(block.join('\n'))
  const cleaned = inlineToPlainText(prose.join('\n'))
  if (code.length === 0) return cleaned
  const pieces = cleaned.split(CODE_MARK)
  let out = pieces[0]!
  for (let i = 1; i < pieces.length; i++) out += (code[i - 1] ?? '') + pieces[i]!
  return out
}

/** A line (leading blanks removed) without its block markers; `null` when it holds no words. */
function stripBlockMarkup(line: string): string | null {
  let t = line
  if (t.charCodeAt(0) === 62 /* > */) t = t.replace(QUOTE, '')
  const c = t.charCodeAt(0)
  let m: RegExpExecArray | null
  switch (c) {
    case 35 /* # */:
      m = ATX.exec(t)
      if (!m) return t
      t = t.slice(m[0].length)
      return t.endsWith('#') ? t.replace(CLOSING_HASHES, '') : t
    case 45 /* - */:
    case 42 /* * */:
    case 43 /* + */:
    case 95 /* _ */:
    case 61 /* = */:
    case 124 /* | */:
    case 58 /* : */:
      // Only a line of nothing but rule characters can be a rule; most lines fail fast here.
      if (!NOT_RULE.test(t) && RULE.test(t)) return null
      if (c !== 45 && c !== 42 && c !== 43) return t
      m = BULLET.exec(t)
      return m ? t.slice(m[0].length) : t
    case 91 /* [ */:
      m = FOOTNOTE_LABEL.exec(t)
      if (m) return t.slice(m[0].length)
      return REFERENCE_DEFINITION.test(t) ? null : t
    default:
      if (c < 48 || c > 57) return t
      m = ORDERED.exec(t)
      return m ? t.slice(m[0].length) : t
  }
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  copy: '©',
}

const DESTINATION = String.raw`\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)`
const IMAGE_AT = new RegExp(String.raw`!\[([^\]\n]*)\]` + DESTINATION, 'y')
const LINK_AT = new RegExp(String.raw`\[([^\]\n]*)\]` + DESTINATION, 'y')
const LINKED_IMAGE_AT = new RegExp(String.raw`\[!\[([^\]\n]*)\]${DESTINATION}\]${DESTINATION}`, 'y')
const FOOTNOTE_REF_AT = /\[\^[^\]\n]+\]/y
const REFERENCE_LINK_AT = /\[([^\]\n]+)\]\[[^\]\n]*\]/y
const TASK_BOX_AT = /\[[ xX]\][ \t]/y
const AUTOLINK_AT = /<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>/y
const SCRIPT_AT = /<(script|style)\b[\s\S]*?<\/\1\s*>/iy
const TAG_AT = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/y
const ENTITY_AT = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);/y
const SPECIAL = /[*_~`|[!<&\\]/g
const WORD_CHAR = /[\p{L}\p{N}]/u

/** Runs a sticky pattern at `at`; the match, or `null`. */
function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at
  return re.exec(text)
}

/**
 * Inline markup removed from a piece of Markdown (a heading, a paragraph): emphasis, code
 * spans, links (their text kept), images (their alt text kept), HTML tags, escapes and the
 * common character references. One scan from special character to special character: a
 * chain of whole-text replacements cost several times more.
 */
export function inlineToPlainText(text: string): string {
  let out = ''
  let pos = 0
  for (;;) {
    SPECIAL.lastIndex = pos
    const found = SPECIAL.exec(text)
    if (found === null) break
    const i = found.index
    out += text.slice(pos, i)
    const c = text.charCodeAt(i)
    let m: RegExpExecArray | null = null
    pos = i + 1
    switch (c) {
      case 42 /* * */:
      case 126 /* ~ */:
      case 96 /* ` */: {
        // Emphasis, strikethrough and code span markers: the text between them stays.
        let j = i + 1
        for (
          let d = text.charCodeAt(j);
          d === 42 || d === 126 || d === 96;
          d = text.charCodeAt(++j)
        );
        pos = j
        break
      }
      case 95 /* _ */: {
        // Underscores mark emphasis only at word edges: `snake_case` keeps its underscore.
        let j = i + 1
        while (text.charCodeAt(j) === 95) j++
        if (isWordChar(text, i - 1) && isWordChar(text, j)) out += text.slice(i, j)
        pos = j
        break
      }
      case 124 /* | */:
        out += ' '
        break
      case 92 /* \\ */: {
        const next = text.charCodeAt(i + 1)
        const punct =
          (next >= 33 && next <= 47) ||
          (next >= 58 && next <= 64) ||
          (next >= 91 && next <= 96) ||
          (next >= 123 && next <= 126)
        out += punct ? text[i + 1] : '\\'
        pos = punct ? i + 2 : i + 1
        break
      }
      case 33 /* ! */:
        m = text.charCodeAt(i + 1) === 91 ? matchAt(IMAGE_AT, text, i) : null
        out += m ? inlineToPlainText(m[1]!) : '!'
        break
      case 91 /* [ */:
        m =
          (text.charCodeAt(i + 1) === 33 ? matchAt(LINKED_IMAGE_AT, text, i) : null) ??
          matchAt(LINK_AT, text, i) ??
          matchAt(REFERENCE_LINK_AT, text, i)
        if (m && m[1]!.charCodeAt(0) === 94 /* ^ */ && !m[0].includes('](')) m = null
        if (m) out += inlineToPlainText(m[1]!)
        else m = matchAt(FOOTNOTE_REF_AT, text, i) ?? matchAt(TASK_BOX_AT, text, i)
        if (!m) out += '['
        break
      case 60 /* < */:
        m = matchAt(AUTOLINK_AT, text, i)
        if (m) out += ` ${m[1]!} `
        else {
          m = matchAt(SCRIPT_AT, text, i) ?? matchAt(TAG_AT, text, i)
          out += m ? ' ' : '<'
        }
        break
      case 38 /* & */:
        m = matchAt(ENTITY_AT, text, i)
        out += m ? entity(m[0], m[1]!) : '&'
        break
    }
    if (m) pos = i + m[0].length
  }
  return pos === 0 ? text : out + text.slice(pos)
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if (c !== c) return false
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  return WORD_CHAR.test(text[i]!)
}

function entity(match: string, name: string): string {
  if (name.charCodeAt(0) === 35 /* # */) {
    const code =
      name[1] === 'x' || name[1] === 'X'
        ? Number.parseInt(name.slice(2), 16)
        : Number.parseInt(name.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match
  }
  return ENTITIES[name] ?? match
}
