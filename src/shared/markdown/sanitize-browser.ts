/**
 * Sanitizing in the renderer (preview, reader view): DOMPurify over the page's own window,
 * with the shared policy (see `sanitize.ts`).
 */
import createDOMPurify, { type DOMPurify, type WindowLike } from 'dompurify'
import { sanitizeWith } from './sanitize'

let purify: DOMPurify | null = null

/** Sanitize rendered HTML with the shared policy, in a browser or Electron renderer. */
export function sanitizeHtml(html: string): string {
  // A private instance, so the policy's hooks never touch other users of DOMPurify.
  purify ??= createDOMPurify(globalThis as unknown as WindowLike)
  return sanitizeWith(purify, html)
}
