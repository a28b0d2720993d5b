/**
 * Heading ids and the table of contents. Ids are readable slugs in any script (a heading in
 * Chinese keeps its characters rather than becoming percent escapes), carry a fixed prefix,
 * and are made unique per document by markdown-it-anchor.
 */
import type { Token } from 'markdown-it'

/** One heading of the table of contents. */
export interface TocEntry {
  level: number
  text: string
  id: string
}

/**
 * Prefix of every heading id. DOMPurify's DOM-clobbering protection removes ids that name a
 * property of `document` or of a form ("images", "links", "title", "location"…), which are
 * ordinary heading words; a prefixed id never collides, so every heading keeps its anchor.
 */
export const HEADING_ID_PREFIX = 'h-'

const MAX_SLUG_LENGTH = 80

/**
 * The id of a heading: lower case, letters, digits and marks of every script kept, spaces
 * turned into `-`, the rest dropped; `section` when nothing is left. Stable: the same text
 * always gives the same slug.
 */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]+/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '')
  return HEADING_ID_PREFIX + (slug === '' ? 'section' : slug)
}

/** The readable text of a heading's inline tokens: text, code and math source. */
export function headingText(children: Token[] | null): string {
  if (!children) return ''
  let text = ''
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline' || child.type === 'math_inline') {
      text += child.content
    }
  }
  return text.replace(/\s+/g, ' ').trim()
}

/** The `[[toc]]` / `[TOC]` marker, alone in its paragraph. */
export const TOC_MARKER = /^\s*(?:\[\[toc\]\]|\[toc\])\s*$/i

/**
 * The table of contents as a nested list, for the `[[toc]]` marker. Levels may skip (an h2
 * followed by an h4): the list nests only as deep as the headings actually go.
 */
export function renderTocNav(toc: TocEntry[], escape: (s: string) => string): string {
  if (toc.length === 0) return '<nav class="table-of-contents" aria-label="Contents"></nav>\n'
  let html = '<nav class="table-of-contents" aria-label="Contents">\n<ul>\n'
  // The levels of the lists currently open, innermost last.
  const open: number[] = [toc[0]!.level]
  let first = true
  for (const entry of toc) {
    const top = open[open.length - 1]!
    if (first) {
      first = false
    } else if (entry.level > top) {
      html += '\n<ul>\n'
      open.push(entry.level)
    } else {
      html += '</li>\n'
      while (open.length > 1 && entry.level < open[open.length - 1]!) {
        open.pop()
        html += '</ul>\n</li>\n'
      }
      // A heading shallower than the first one joins the outermost list.
    }
    html += `<li><a href="#${escape(entry.id)}">${escape(entry.text)}</a>`
  }
  html += '</li>\n'
  for (let i = 1; i < open.length; i++) html += '</ul>\n</li>\n'
  return html + '</ul>\n</nav>\n'
}
