/**
 * Markdown to HTML, the one way: the preview, the reader view and every export (HTML, PDF,
 * EPUB, DOCX) call `renderMarkdown` and then sanitize, so what you see is what you export.
 */
import { splitFrontMatter } from '../document/front-matter'
import { deriveMetadata } from '../document/derive-metadata'
import { lowerKeys, pickField } from '../document/metadata-fields'
import { hasHeaderContent, renderArticleHeader, type HeaderInput } from './article-header'
import { type InlineCache, isAssetLink, markdownIt, type RenderEnv } from './engine'
import type { BlockOutput, PartCache } from './part-cache'
import type { Token } from 'markdown-it'
import type { TocEntry } from './toc'

export type { TocEntry } from './toc'

/** How a document is rendered; every field is optional. */
export interface RenderOptions {
  /**
   * Resolve `assets/<sha>.<ext>` links to a URL the current door serves (preview:
   * '/assets/…' in browser mode, 'app://…' in Electron; export: data URIs or file paths).
   * Default: leave as is.
   */
  resolveAsset?: (link: string) => string
  /** Words per minute for "N min read" (default 230). */
  wordsPerMinute?: number
  /**
   * Add data-line (source line, 0-based, counted in the WHOLE document including front
   * matter) to block elements, for scroll sync. Default true.
   */
  sourceLines?: boolean
  /**
   * Render the article header (title, author, date, "N min read", tags as labels with an
   * "AI-generated" badge, featured image, source link) from the front matter. Default true.
   */
  header?: boolean
}

/** The result of `renderMarkdown`. */
export interface RenderedArticle {
  /** Unsanitized HTML: pass it through `sanitizeWith` / `sanitizeHtml` before use. */
  html: string
  /** Every heading of the body, in order, with the id it carries in `html`. */
  toc: TocEntry[]
  /** The article's title: the front matter's, else the body's first heading or line. */
  title: string
}

/** Lines before `offset`, counted the way markdown-it counts them (CRLF, CR or LF). */
function linesBefore(text: string, offset: number): number {
  let lines = 0
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) lines++
    else if (c === 13) {
      lines++
      if (text.charCodeAt(i + 1) === 10) i++
    }
  }
  return lines
}

/** One top-level piece of a rendered article: the header, one body block, or the footnotes. */
export interface RenderedPart {
  /** Unsanitized HTML of this piece; the parts of a document, joined, are its whole HTML. */
  html: string
  /**
   * The document line this piece starts at (0 for the header and the footnotes). With
   * `blockLines`, its `data-line` values count from here, so a block moved down by an edit
   * above it keeps the same HTML.
   */
  line: number
  /** It holds raw HTML from the document (which may leave tags open for the next piece). */
  raw: boolean
}

/** The result of `renderMarkdownParts`. */
export interface RenderedParts {
  parts: RenderedPart[]
  toc: TocEntry[]
  title: string
}

/** Options of `renderMarkdownParts`: those of `renderMarkdown`, plus the line-mark prefix. */
export interface PartsOptions extends RenderOptions {
  /** Written before every `data-line` value the renderer generates (see `RenderEnv`). */
  linePrefix?: string
  /** Count the `data-line` values of each part from the part's own `line` (see `RenderEnv`). */
  blockLines?: boolean
  /**
   * When the front matter cannot be read, say so at the top, with its message (the line and
   * how to fix it), instead of leaving the reader to wonder where the header went. The app's
   * views ask for it; exports and copies do not.
   */
  frontMatterNotice?: boolean
  /** Inline parses to reuse from the last render of the same document, and to keep for the next. */
  inlineCache?: InlineCache
  /**
   * Blocks' HTML to reuse from the last render of the same document, and to keep for the
   * next; used with `blockLines` and an `inlineCache` (whose kept tokens tell a block is the same).
   */
  partCache?: PartCache
}

/**
 * Markdown document → UNSANITIZED html (call sanitizeHtml before it reaches any DOM or file).
 *
 * Front matter is never shown as text: with `header` (the default) it becomes the article
 * header, and a first `# H1` repeating the front matter title is left out of the body. Never
 * throws for any input text.
 */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): RenderedArticle {
  const { parts, toc, title } = renderMarkdownParts(markdown, options)
  let html = ''
  for (const part of parts) html += part.html
  return { html, toc, title }
}

/**
 * The same rendering as `renderMarkdown`, cut into top-level pieces: the article header, each
 * top-level block of the body, and the footnotes. The whole document is parsed every time,
 * so everything that depends on the whole (footnote numbers, heading ids made unique, links
 * to headings, the table of contents, the title taken into the header) is the same as in a
 * full render; only the HTML is cut. The live preview sanitizes and patches piece by piece.
 */
export function renderMarkdownParts(markdown: string, options: PartsOptions = {}): RenderedParts {
  const md = markdownIt()
  // Split exactly as the library does, so the body (and every line number) agrees with it.
  const fm = splitFrontMatter(markdown)
  const { metadata } = deriveMetadata(markdown)
  const sourceLines = options.sourceLines ?? true
  const lineOffset = fm.kind === null ? 0 : linesBefore(markdown, fm.bodyStart)
  const linePrefix = options.linePrefix ?? ''

  let header: HeaderInput | null = null
  if (options.header ?? true) {
    const title = pickField(lowerKeys(fm.data), 'title')
    header = {
      title: typeof title === 'string' ? title : null,
      metadata,
      wordsPerMinute: options.wordsPerMinute,
      resolveAsset: options.resolveAsset,
      isAssetLink,
      headerLine: sourceLines ? 0 : null,
      titleLine: null,
    }
    if (!hasHeaderContent(header)) header = null
  }

  const env: RenderEnv = {
    resolveAsset: options.resolveAsset,
    lineOffset,
    sourceLines,
    linePrefix,
    blockLines: options.blockLines ?? false,
    inlineCache: options.inlineCache,
    headerTitle: header?.title ?? null,
    adoptTitle: header !== null && header.title === null,
    droppedTitle: null,
    droppedTitleLine: null,
    toc: [],
    headingIds: new Set(),
  }
  const tokens = md.parse(fm.body, env)
  const parts: RenderedPart[] = []
  const notice =
    options.frontMatterNotice && fm.error !== null
      ? `<p class="front-matter-error" role="note"${sourceLines ? ' data-line="0"' : ''}>` +
        `${md.utils.escapeHtml(fm.error)}</p>\n`
      : ''
  if (header !== null || notice !== '') {
    let html = notice
    if (header !== null) {
      header.title ??= env.droppedTitle
      if (sourceLines) header.titleLine = env.droppedTitleLine
      html += renderArticleHeader(md, header)
    }
    // Both escape every value (quotes included), so their only `data-line="N"` are their own.
    if (linePrefix !== '')
      html = html.replace(/ data-line="(\d+)"/g, ` data-line="${linePrefix}$1"`)
    parts.push({ html, line: 0, raw: false })
  }
  // A top-level block runs from a token at depth 0 to where the depth is back at 0.
  const ranges: number[] = []
  const lines: number[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < tokens.length; i++) {
    depth += tokens[i]!.nesting
    if (depth > 0) continue
    const map = tokens[start]!.map
    ranges.push(start, i + 1)
    lines.push(map ? map[0] + lineOffset : 0)
    start = i + 1
    depth = 0
  }
  // Unbalanced tokens (a plugin bug): keep the rest as one piece rather than lose it.
  const rest = start < tokens.length
  if (rest) {
    const map = tokens[start]!.map
    ranges.push(start, tokens.length)
    lines.push(map ? map[0] + lineOffset : 0)
  }
  // Reuse only with lines counted per block: the cache compares lines from each block's
  // first line, and with whole-document lines a moved block's HTML would carry old ones.
  const cache = env.blockLines && !rest ? options.partCache : undefined
  const kept = cache?.reusable(tokens, ranges, [options.resolveAsset, sourceLines, linePrefix])
  const outputs: BlockOutput[] = []
  for (let b = 0; b < lines.length; b++) {
    const from = ranges[2 * b]!
    const to = ranges[2 * b + 1]!
    if (env.blockLines) env.lineBase = lines[b]!
    const output = kept?.[b] ?? {
      html: renderRange(md, tokens, from, to, env),
      raw: hasRawHtml(tokens, from, to),
    }
    outputs.push(output)
    parts.push({ html: output.html, line: lines[b]!, raw: output.raw })
  }
  cache?.keep(tokens, ranges, outputs)
  return { parts, toc: env.toc, title: metadata.title }
}

/** True when `tokens[from, to)` pass raw HTML from the document through. */
function hasRawHtml(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const token = tokens[i]!
    if (token.type === 'html_block') return true
    if (token.children?.some((child) => child.type === 'html_inline')) return true
  }
  return false
}

/**
 * markdown-it's `Renderer.render` over `tokens[from, to)`, with the whole stream in view (rules
 * look at neighbouring tokens), so the pieces joined are exactly `md.renderer.render(tokens)`.
 */
function renderRange(
  md: ReturnType<typeof markdownIt>,
  tokens: Token[],
  from: number,
  to: number,
  env: RenderEnv,
): string {
  const renderer = md.renderer
  const rules = renderer.rules
  let html = ''
  for (let i = from; i < to; i++) {
    const type = tokens[i]!.type
    if (type === 'inline') html += renderer.renderInline(tokens[i]!.children ?? [], md.options, env)
    else if (rules[type] !== undefined) html += rules[type](tokens, i, md.options, env, renderer)
    else html += renderer.renderToken(tokens, i, md.options)
  }
  return html
}
