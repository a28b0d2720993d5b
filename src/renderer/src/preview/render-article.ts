/**
 * Markdown → safe HTML, whole (copy as HTML): the shared renderer, then the shared
 * sanitizer, always in that order. The only other place in the window that turns article
 * text into markup is the live preview (`incremental-preview.ts`), which does the same piece
 * by piece.
 */
import { renderMarkdown, type TocEntry } from '../../../shared/markdown/render'
import { sanitizeHtml } from '../../../shared/markdown/sanitize-browser'
import { assetUrl } from './asset-url'

/** A rendered, sanitized article. */
export interface SafeArticleHtml {
  /** Sanitized HTML, safe to insert into the page. */
  html: string
  toc: TocEntry[]
  title: string
}

/** Render and sanitize `markdown` (reading time at `wordsPerMinute`, default 230). */
export function renderSafeHtml(markdown: string, wordsPerMinute?: number): SafeArticleHtml {
  const rendered = renderMarkdown(markdown, { resolveAsset: assetUrl, wordsPerMinute })
  return { html: sanitizeHtml(rendered.html), toc: rendered.toc, title: rendered.title }
}
