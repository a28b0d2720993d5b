/**
 * Not part of the app: bundled by tests/e2e/incremental-preview.test.ts (esbuild) and loaded into
 * Chromium. It exposes the live preview's updater beside the one-shot pipeline it must
 * always agree with: the whole article rendered, sanitized and inserted at once.
 */
import { renderMarkdown } from '../../../shared/markdown/render'
import { sanitizeHtml } from '../../../shared/markdown/sanitize-browser'
import { assetUrl } from './asset-url'
import { IncrementalPreview, PENDING_CLASS } from './incremental-preview'
import { sanitizePiece } from './piece-sanitizer'

/** The DOM a full render + sanitize of `markdown` gives, as the page would hold it. */
function fullRender(markdown: string): HTMLElement {
  const reference = document.createElement('article')
  reference.className = 'reader'
  reference.innerHTML = sanitizeHtml(renderMarkdown(markdown, { resolveAsset: assetUrl }).html)
  return reference
}

;(window as unknown as { previewHarness: object }).previewHarness = {
  IncrementalPreview,
  PENDING_CLASS,
  fullRender,
  sanitizeHtml,
  sanitizePiece,
}
