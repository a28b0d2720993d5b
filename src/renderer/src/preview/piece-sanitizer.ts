/**
 * The preview's sanitizer: the shared policy (`sanitize.ts`: the same DOMPurify
 * configuration and hooks as `sanitizeHtml` and every export), on an instance of its own
 * whose configuration is parsed once, with DOMPurify's `setConfig`. The preview sanitizes a
 * block at a time, and parsing the configuration on every call (the default) cost more than
 * sanitizing a paragraph.
 */
import createDOMPurify, { type DOMPurify, type WindowLike } from 'dompurify'
import { SANITIZE_CONFIG, sanitizeWith } from '../../../shared/markdown/sanitize'

let purify: DOMPurify | null = null

/** Sanitize rendered HTML with the shared policy, exactly as `sanitizeHtml` does. */
export function sanitizePiece(html: string): string {
  if (purify === null) {
    purify = createDOMPurify(globalThis as unknown as WindowLike)
    // From here on this instance ignores the configuration passed to `sanitize` and uses
    // this one, which is the very object `sanitizeWith` passes.
    purify.setConfig(SANITIZE_CONFIG)
  }
  return sanitizeWith(purify, html)
}
