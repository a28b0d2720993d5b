/**
 * Sanitizing under Node (exports, the CLI, tests): DOMPurify over a jsdom window. jsdom is
 * loaded on first use only, since it takes a while to load and most commands never need it.
 * Node only: the renderer bundle uses `sanitize-browser` instead.
 */
import createDOMPurify, { type DOMPurify, type WindowLike } from 'dompurify'
import { loadJsdom } from './load-jsdom'
import { sanitizeWith } from './sanitize'

let purify: DOMPurify | null = null

function instance(): DOMPurify {
  if (purify === null) {
    const { JSDOM } = loadJsdom()
    const { window } = new JSDOM('')
    purify = createDOMPurify(window as unknown as WindowLike)
  }
  return purify
}

/** Sanitize rendered HTML with the shared policy (see `sanitize.ts`), under Node. */
export function sanitizeHtml(html: string): string {
  return sanitizeWith(instance(), html)
}
