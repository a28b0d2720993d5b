/**
 * markdown-it block tokens as DOCX paragraphs and tables: headings, paragraphs, nested
 * bulleted and numbered lists (task lists with ☑/☐), block quotes, code blocks, tables,
 * rules, display math and raw HTML's text. Footnotes are collected for the document's notes.
 */
import type { Token } from 'markdown-it'
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  HeadingLevel,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { CODE_FONT, type InlineContext, inlineRuns } from './docx-inline'
import { ommlEquation } from './docx-math'
import { HEADING_ID_PREFIX, slugify } from '../../shared/markdown/toc'
import { htmlText } from './xhtml'

/** What block conversion carries across tokens. */
export interface BlockContext extends InlineContext {
  /** Numbered lists made so far (each new one restarts at 1). */
  listInstances: number
  /** Footnote contents by DOCX id, filled as footnote blocks are met. */
  footnotes: Map<number, Paragraph[]>
  /** Heading id → Word bookmark name, for the article being converted (see `bookmarkHeadings`). */
  bookmarks: Map<string, string>
  /** Bookmarks made so far in the document. */
  bookmarkCount: number
}

/**
 * Give every heading of `tokens` a bookmark (Word wants names of letters, digits and `_`,
 * starting with a letter, at most 40 long, so the heading ids are not used as they are).
 * Done before converting, since a link may come before the heading it points to.
 */
export function bookmarkHeadings(tokens: Token[], ctx: BlockContext): void {
  ctx.bookmarks = new Map()
  for (const t of tokens) {
    const id = t.type === 'heading_open' ? t.attrGet('id') : null
    if (id !== null && !ctx.bookmarks.has(String(id))) {
      ctx.bookmarks.set(String(id), `heading_${++ctx.bookmarkCount}`)
    }
  }
}

/** The bookmark a `#fragment` names: a heading id, or the bare slug written by hand. */
export function findBookmark(ctx: BlockContext, fragment: string): string | null {
  let target = fragment
  try {
    target = decodeURIComponent(fragment)
  } catch {
    // A stray `%`: the fragment is meant literally.
  }
  for (const id of [target, HEADING_ID_PREFIX + target, slugify(target)]) {
    const name = ctx.bookmarks.get(id)
    if (name !== undefined) return name
  }
  return null
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
]

/** The references of the two list definitions in the document's numbering. */
export const BULLETS = 'broadsheet-bullets'
export const NUMBERS = 'broadsheet-numbers'

interface State {
  lists: { ordered: boolean; instance: number }[]
  quote: number
  /** The next paragraph is the first of a list item: it carries the bullet or number. */
  itemStart: boolean
}

/** Index of the token closing the one at `open` (same nesting level). */
function closing(tokens: Token[], open: number): number {
  const type = tokens[open]!.type.replace(/_open$/, '_close')
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.type === tokens[open]!.type) depth++
    else if (t.type === type && --depth === 0) return i
  }
  return tokens.length - 1
}

function quoteBorder(depth: number) {
  return depth === 0
    ? {}
    : {
        indent: { left: 567 * depth },
        border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'BBBBBB', space: 8 } },
      }
}

function paragraph(children: ParagraphChild[], s: State): Paragraph {
  const level = s.lists.length - 1
  const quote = quoteBorder(s.quote)
  if (level >= 0 && s.itemStart) {
    s.itemStart = false
    const list = s.lists[level]!
    return new Paragraph({
      children,
      numbering: list.ordered
        ? { reference: NUMBERS, level: Math.min(level, 8), instance: list.instance }
        : { reference: BULLETS, level: Math.min(level, 8) },
      ...quote,
    })
  }
  if (level >= 0) {
    // A later paragraph of a list item lines up with the item's text.
    return new Paragraph({ children, indent: { left: 720 * (level + 1) } })
  }
  return new Paragraph({ children, ...quote })
}

function codeBlock(content: string, s: State): Paragraph {
  const lines = content.replace(/\n$/, '').split('\n')
  return new Paragraph({
    style: 'SourceCode',
    children: lines.map(
      (line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, font: CODE_FONT }),
    ),
    ...quoteBorder(s.quote),
  })
}

function table(tokens: Token[], start: number, end: number, ctx: BlockContext): Table {
  const rows: TableRow[] = []
  let cells: TableCell[] = []
  let header = false
  for (let i = start; i < end; i++) {
    const t = tokens[i]!
    if (t.type === 'thead_open') header = true
    else if (t.type === 'tbody_open') header = false
    else if (t.type === 'tr_open') cells = []
    else if (t.type === 'tr_close')
      rows.push(new TableRow({ children: cells, tableHeader: header }))
    else if (t.type === 'th_open' || t.type === 'td_open') {
      const style = String(t.attrGet('style') ?? '')
      const alignment = /right/.test(style)
        ? AlignmentType.RIGHT
        : /center/.test(style)
          ? AlignmentType.CENTER
          : AlignmentType.LEFT
      const runs = inlineRuns(tokens[i + 1]?.children ?? null, ctx)
      cells.push(
        new TableCell({
          children: [new Paragraph({ children: runs, alignment })],
          shading:
            t.type === 'th_open'
              ? { type: ShadingType.CLEAR, color: 'auto', fill: 'EEEEEE' }
              : undefined,
        }),
      )
    }
  }
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } })
}

/** DOCX blocks for `tokens` (a whole body); footnotes go to `ctx.footnotes`. */
export function docxBlocks(tokens: Token[], ctx: BlockContext): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = []
  const s: State = { lists: [], quote: 0, itemStart: false }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    switch (t.type) {
      case 'heading_open': {
        const level = Number(t.tag.slice(1)) - 1
        const runs = inlineRuns(tokens[i + 1]?.children ?? null, ctx)
        const name = ctx.bookmarks.get(String(t.attrGet('id') ?? ''))
        out.push(
          new Paragraph({
            heading: HEADINGS[level],
            children: name ? [new Bookmark({ id: name, children: runs })] : runs,
          }),
        )
        i = closing(tokens, i)
        break
      }
      case 'paragraph_open':
        out.push(paragraph(inlineRuns(tokens[i + 1]?.children ?? null, ctx), s))
        i = closing(tokens, i)
        break
      case 'bullet_list_open':
      case 'ordered_list_open':
        s.lists.push({ ordered: t.type === 'ordered_list_open', instance: ++ctx.listInstances })
        break
      case 'bullet_list_close':
      case 'ordered_list_close':
        s.lists.pop()
        break
      case 'list_item_open':
        s.itemStart = true
        break
      case 'blockquote_open':
        s.quote++
        break
      case 'blockquote_close':
        s.quote--
        break
      case 'fence':
      case 'code_block':
        if (t.type === 'fence' && /^math\b/i.test(t.info.trim())) {
          out.push(mathBlock(t.content))
        } else out.push(codeBlock(t.content, s))
        break
      case 'math_block':
        out.push(mathBlock(t.content))
        break
      case 'table_open': {
        const end = closing(tokens, i)
        out.push(table(tokens, i, end, ctx))
        // Word needs a paragraph between two tables, and after a table that ends a cell.
        out.push(new Paragraph({}))
        i = end
        break
      }
      case 'hr':
        out.push(new Paragraph({ thematicBreak: true }))
        break
      case 'html_block': {
        const words = htmlText(t.content).trim()
        if (words !== '') out.push(paragraph([new TextRun(words)], s))
        break
      }
      case 'footnote_block_open': {
        const end = closing(tokens, i)
        collectFootnotes(tokens.slice(i + 1, end), ctx)
        i = end
        break
      }
      default:
      // The contents marker ([[toc]]) and closing tokens produce nothing.
    }
  }
  return out
}

/** Display math: a Word equation on its own line, or its TeX when it cannot be converted. */
function mathBlock(tex: string): Paragraph {
  const equation = ommlEquation(tex, true)
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [equation ?? new TextRun({ text: tex.trim(), italics: true, font: 'Cambria Math' })],
  })
}

/** Each `footnote_open … footnote_close` becomes the paragraphs of one note. */
function collectFootnotes(tokens: Token[], ctx: BlockContext): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.type !== 'footnote_open') continue
    const end = closing(tokens, i)
    const body = tokens.slice(i + 1, end).filter((x) => x.type !== 'footnote_anchor')
    const paragraphs = docxBlocks(body, ctx).filter((b): b is Paragraph => b instanceof Paragraph)
    ctx.footnotes.set(ctx.footnoteId((t.meta as { id: number }).id), paragraphs)
    i = end
  }
}
