/**
 * markdown-it inline tokens as DOCX runs: bold, italic, strikethrough, code, links, images,
 * line breaks, task-list boxes, math (as Word equations; see docx-math.ts) and footnote references.
 */
import type { Token } from 'markdown-it'
import {
  ExternalHyperlink,
  FootnoteReferenceRun,
  ImageRun,
  InternalHyperlink,
  type ParagraphChild,
  ShadingType,
  TextRun,
} from 'docx'
import { ommlEquation } from './docx-math'
import { docxImageType, imageSize } from './image-size'

/** Widest an image is laid out, in pixels at 96 per inch (6.5 inches: a page's text width). */
const MAX_IMAGE_WIDTH = 624

/** Monospace font for code. */
export const CODE_FONT = 'Consolas'

/** What inline conversion needs from the article. */
export interface InlineContext {
  /** The bytes of a library image (`assets/…` link), or null. */
  image(src: string): Uint8Array | null
  /** The DOCX footnote id for markdown-it's footnote id. */
  footnoteId(id: number): number
  /** The bookmark of the heading a `#fragment` link points to, or null. */
  bookmark(fragment: string): string | null
}

interface Marks {
  bold: boolean
  italics: boolean
  strike: boolean
  link: boolean
}

function text(
  value: string,
  m: Marks,
  extra: Partial<ConstructorParameters<typeof TextRun>[0] & object> = {},
): TextRun {
  return new TextRun({
    text: value,
    bold: m.bold || undefined,
    italics: m.italics || undefined,
    strike: m.strike || undefined,
    style: m.link ? 'Hyperlink' : undefined,
    ...extra,
  })
}

const PLAIN: Marks = { bold: false, italics: false, strike: false, link: false }

/** An image run scaled to the text width, or its alt text when it cannot be embedded. */
export function imageRun(
  src: string,
  altText: string,
  ctx: InlineContext,
  m = PLAIN,
): ParagraphChild {
  const alt = altText || 'image'
  const bytes = ctx.image(src)
  const type = bytes ? docxImageType(bytes) : null
  const size = bytes ? imageSize(bytes) : null
  if (bytes && type && size && size.width > 0 && size.height > 0) {
    const scale = Math.min(1, MAX_IMAGE_WIDTH / size.width)
    return new ImageRun({
      type,
      data: bytes,
      transformation: {
        width: Math.round(size.width * scale),
        height: Math.round(size.height * scale),
      },
      altText: { name: alt, description: alt, title: alt },
    })
  }
  if (/^https?:/i.test(src)) {
    return new ExternalHyperlink({ link: src, children: [text(`[${alt}]`, { ...m, link: true })] })
  }
  return text(`[${alt}]`, m)
}

/** The runs of one inline token's children. */
export function inlineRuns(children: Token[] | null, ctx: InlineContext): ParagraphChild[] {
  const out: ParagraphChild[] = []
  const m: Marks = { bold: false, italics: false, strike: false, link: false }
  let link: { href: string; internal: boolean; runs: ParagraphChild[] } | null = null
  const push = (run: ParagraphChild) => (link ? link.runs.push(run) : out.push(run))
  for (const t of children ?? []) {
    switch (t.type) {
      case 'text':
        push(text(t.content, m))
        break
      case 'softbreak':
        push(text(' ', m))
        break
      case 'hardbreak':
        push(new TextRun({ break: 1 }))
        break
      case 'strong_open':
      case 'strong_close':
        m.bold = t.type === 'strong_open'
        break
      case 'em_open':
      case 'em_close':
        m.italics = t.type === 'em_open'
        break
      case 's_open':
      case 's_close':
        m.strike = t.type === 's_open'
        break
      case 'code_inline':
        push(
          text(t.content, m, {
            font: CODE_FONT,
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' },
          }),
        )
        break
      case 'link_open': {
        const href = String(t.attrGet('href') ?? '')
        // Links out of the document, and to its own headings, stay links.
        const anchor = href.startsWith('#') ? ctx.bookmark(href.slice(1)) : null
        if (anchor !== null) {
          link = { href: anchor, internal: true, runs: [] }
          m.link = true
        } else if (/^(?:https?|mailto):/i.test(href)) {
          link = { href, internal: false, runs: [] }
          m.link = true
        }
        break
      }
      case 'link_close':
        if (link) {
          out.push(
            link.internal
              ? new InternalHyperlink({ anchor: link.href, children: link.runs })
              : new ExternalHyperlink({ link: link.href, children: link.runs }),
          )
          link = null
          m.link = false
        }
        break
      case 'image':
        push(imageRun(String(t.attrGet('src') ?? ''), t.content, ctx, m))
        break
      case 'html_inline':
        if (/^<input\b[^>]*type="?checkbox/i.test(t.content)) {
          push(text(/\bchecked\b/i.test(t.content) ? '☑ ' : '☐ ', m))
        } else if (/^<br\s*\/?>$/i.test(t.content)) {
          push(new TextRun({ break: 1 }))
        }
        // Other inline HTML is markup only; its text arrives as text tokens.
        break
      case 'math_inline':
      case 'math_inline_block':
        push(
          ommlEquation(t.content, false) ??
            text(t.content, { ...m, italics: true }, { font: 'Cambria Math' }),
        )
        break
      case 'footnote_ref':
        push(new FootnoteReferenceRun(ctx.footnoteId((t.meta as { id: number }).id)))
        break
      default:
        if (t.content) push(text(t.content, m))
    }
  }
  if (link) out.push(...link.runs)
  return out
}
