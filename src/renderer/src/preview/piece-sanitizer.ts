/**
 * The preview's sanitizer: the shared policy (`sanitize.ts`: the same DOMPurify
 * configuration and hooks as `sanitizeHtml` and every export), on an instance of its own
 * whose configuration is parsed once, with DOMPurify's `setConfig`. The preview sanitizes a
 * block at a time, and parsing the configuration on every call (the default) cost more than
 * sanitizing a paragraph.
 *
 * One rule more than the shared policy: a `data-line` without the page's line-mark prefix
 * (line-marks.ts) is the article's own (raw HTML, or HTML copied from another Markdown
 * preview), and is dropped. Scroll sync goes by `data-line`, and a block claiming line 0 in
 * the middle of the article would send the other side there.
 */
import createDOMPurify, {
  type DOMPurify,
  type UponSanitizeAttributeHook,
  type WindowLike,
} from 'dompurify'
import { SANITIZE_CONFIG, sanitizeWith } from '../../../shared/markdown/sanitize'
import { LINE_PREFIX } from './line-marks'

let purify: DOMPurify | null = null

/** Drops the line marks that the renderer did not write (see the module's comment). */
const dropForeignLineMarks: UponSanitizeAttributeHook = (_node, data) => {
  if (data.attrName === 'data-line' && !data.attrValue.startsWith(LINE_PREFIX)) {
    data.keepAttr = false
  }
}

/**
 * Sanitize rendered HTML with the shared policy, exactly as `sanitizeHtml` does, except that
 * only the line marks written with the page's prefix are kept.
 */
export function sanitizePiece(html: string): string {
  if (purify === null) {
    purify = createDOMPurify(globalThis as unknown as WindowLike)
    // From here on this instance ignores the configuration passed to `sanitize` and uses
    // this one, which is the very object `sanitizeWith` passes.
    purify.setConfig(SANITIZE_CONFIG)
    purify.addHook('uponSanitizeAttribute', dropForeignLineMarks)
  }
  return sanitizeWith(purify, html)
}
