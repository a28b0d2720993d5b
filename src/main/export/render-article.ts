/**
 * An article as export HTML: the preview's renderer (`renderMarkdown`) and sanitizer, so what
 * you see is what you export, then adjusted for a file that stands alone: library images
 * pointed at wherever the format keeps them, heading ids made unique within a collection, and
 * images loaded eagerly (a lazy image outside the first screen would never print).
 */
import { renderMarkdown, type TocEntry } from '../../shared/markdown/render'
import { sanitizeHtml } from '../../shared/markdown/sanitize-node'
import type { Article } from '../../shared/model'

/** How an article is rendered for a file. */
export interface ExportRenderOptions {
  /**
   * The URL for a library image (`<sha256>.<ext>`) in the output: a data URI, a path in the
   * book, … `null` leaves the link as it is. Applied after sanitizing: the sanitizer drops
   * `data:` SVG, which is harmless in an `<img>` (an image never runs script).
   */
  assetUrl: (name: string) => string | null
  /** Prefix for every id and `#` link (`a3-`), so articles in one document cannot collide. */
  idPrefix?: string
  /**
   * What to do with an image that is not a library image (a web address, a missing file):
   * `keep` it, or `link` it (a link to a web image, the alt text for anything else), so a
   * file meant to be read offline makes no request and shows no broken image. Default `link`.
   */
  otherImages?: 'keep' | 'link'
  wordsPerMinute?: number
}

/** One rendered article. */
export interface ExportedArticle {
  /** Sanitized HTML of the header and body. */
  html: string
  /** The headings, with the ids they carry in `html` (prefixed). */
  toc: TocEntry[]
  title: string
}

/** A start tag as the serializer writes it: every attribute value in double quotes. */
const START_TAG = /<[a-zA-Z][^\s/>]*(?:\s+[^\s"'=/>]+(?:="[^"]*")?)*\s*\/?>/g
const ATTRIBUTE = /(\s)(src|href|id|loading)="([^"]*)"/g
const ASSET_LINK = /^(?:\.\/)?assets\/([0-9a-f]{64}\.[a-z0-9]{1,5})$/

/** Render, sanitize and adjust one article for export. */
export function renderForExport(article: Article, options: ExportRenderOptions): ExportedArticle {
  const rendered = renderMarkdown(article.markdown, {
    sourceLines: false,
    wordsPerMinute: options.wordsPerMinute,
  })
  const prefix = options.idPrefix ?? ''
  // Text never holds a bare `<` once serialized, so start tags are found exactly, and inside
  // one an attribute value never holds a `"`.
  const html = sanitizeHtml(rendered.html).replace(START_TAG, (start) => {
    let embedded = false
    const tag = start.replace(ATTRIBUTE, (whole, space: string, name: string, value: string) => {
      if (name === 'loading') return ''
      if (name === 'id') return prefix === '' ? whole : `${space}id="${prefix}${value}"`
      if (value.startsWith('#')) {
        return prefix === '' ? whole : `${space}${name}="#${prefix}${value.slice(1)}"`
      }
      const asset = ASSET_LINK.exec(value)
      const url = asset ? options.assetUrl(asset[1]!) : null
      if (url === null) return whole
      if (name === 'src') embedded = true
      return `${space}${name}="${escapeAttr(url)}"`
    })
    const replace = !embedded && (options.otherImages ?? 'link') === 'link'
    return replace && /^<img\s/i.test(tag) ? imageStandIn(tag) : tag
  })
  const toc = prefix === '' ? rendered.toc : rendered.toc.map((t) => ({ ...t, id: prefix + t.id }))
  return { html, toc, title: rendered.title || article.title }
}

/** A link (web images) or the alt text (anything else) in place of an image not embedded. */
function imageStandIn(tag: string): string {
  const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null
  const src = attr('src')
  // Attribute values are already escaped, so they go back in as they are.
  const alt = attr('alt') || 'image'
  if (src !== null && /^https?:/i.test(src)) {
    return `<a class="external-image" href="${src}">[${alt}]</a>`
  }
  return `<span class="missing-image">[${alt}]</span>`
}

/** Escape text for a double-quoted attribute. */
export function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}

/** Escape text for element content. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
