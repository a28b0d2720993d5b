/**
 * Markdown to HTML, the one way: the preview, the reader view and every export (HTML, PDF,
 * EPUB, DOCX) call `renderMarkdown` and then sanitize, so what you see is what you export.
 */
import { splitFrontMatter } from '../document/front-matter'
import { deriveMetadata } from '../document/derive-metadata'
import { lowerKeys, pickField } from '../document/metadata-fields'
import { hasHeaderContent, renderArticleHeader, type HeaderInput } from './article-header'
import { isAssetLink, markdownIt, type RenderEnv } from './engine'
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

/**
 * Markdown document → UNSANITIZED html (call sanitizeHtml before it reaches any DOM or file).
 *
 * Front matter is never shown as text: with `header` (the default) it becomes the article
 * header, and a first `# H1` repeating the front matter title is left out of the body. Never
 * throws for any input text.
 */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): RenderedArticle {
  const md = markdownIt()
  // Split exactly as the library does, so the body (and every line number) agrees with it.
  const fm = splitFrontMatter(markdown)
  const { metadata } = deriveMetadata(markdown)
  const sourceLines = options.sourceLines ?? true
  const lineOffset = fm.kind === null ? 0 : linesBefore(markdown, fm.bodyStart)

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
    headerTitle: header?.title ?? null,
    adoptTitle: header !== null && header.title === null,
    droppedTitle: null,
    droppedTitleLine: null,
    toc: [],
    headingIds: new Set(),
  }
  const body = md.render(fm.body, env)
  let html = body
  if (header !== null) {
    header.title ??= env.droppedTitle
    if (sourceLines) header.titleLine = env.droppedTitleLine
    html = renderArticleHeader(md, header) + body
  }
  return { html, toc: env.toc, title: metadata.title }
}
