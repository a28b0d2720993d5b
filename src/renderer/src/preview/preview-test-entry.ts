/**
 * Not part of the app: bundled by tests/e2e/incremental-preview.test.ts (esbuild) and loaded into
 * Chromium. It exposes the live preview's updater beside the one-shot pipeline it must
 * always agree with: the whole article rendered, sanitized and inserted at once.
 */
import { renderMarkdownParts } from '../../../shared/markdown/render'
import { sanitizeHtml } from '../../../shared/markdown/sanitize-browser'
import { assetUrl } from './asset-url'
import { IncrementalPreview, PENDING_CLASS } from './incremental-preview'
import { LINE_PREFIX } from './line-marks'
import { sanitizePiece } from './piece-sanitizer'

/**
 * The DOM a full render + sanitize of `markdown` gives, as the page would hold it: the note
 * on broken front matter, the renderer's line marks written with the page's prefix, and a
 * `data-line` the article wrote itself (no prefix) dropped, as the preview does
 * (piece-sanitizer.ts).
 */
function fullRender(markdown: string): HTMLElement {
  const reference = document.createElement('article')
  reference.className = 'reader'
  const { parts } = renderMarkdownParts(markdown, {
    resolveAsset: assetUrl,
    linePrefix: LINE_PREFIX,
    frontMatterNotice: true,
  })
  reference.innerHTML = sanitizeHtml(parts.map((part) => part.html).join(''))
  for (const element of reference.querySelectorAll('[data-line]')) {
    const line = element.getAttribute('data-line')!
    if (line.startsWith(LINE_PREFIX))
      element.setAttribute('data-line', line.slice(LINE_PREFIX.length))
    else element.removeAttribute('data-line')
  }
  return reference
}

;(window as unknown as { previewHarness: object }).previewHarness = {
  IncrementalPreview,
  PENDING_CLASS,
  fullRender,
  sanitizeHtml,
  sanitizePiece,
}
