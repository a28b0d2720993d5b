/**
 * Sanitized article HTML as EPUB content (XHTML, well-formed XML): math as MathML only (every
 * EPUB 3 reading system is meant to show it, and KaTeX's HTML needs its fonts and CSS), task
 * list checkboxes as ☑/☐ characters (forms do not belong in a book), and the attributes
 * EPUB's HTML schema does not know removed.
 */
import { loadJsdom } from '../../shared/markdown/load-jsdom'
import { sanitizeHtml } from '../../shared/markdown/sanitize-node'

type Window = import('jsdom').DOMWindow

let window: Window | null = null

function dom(): Window {
  if (window === null) {
    const { JSDOM } = loadJsdom()
    window = new JSDOM('').window
  }
  return window
}

/** Attributes EPUBCheck's HTML schema refuses (`loading`, `decoding` came after it). */
const DROPPED_ATTRIBUTES = ['loading', 'decoding']

/** The XHTML for `html` wrapped in `<wrapper class="…">`; returns it and whether it has MathML. */
export function toXhtml(
  html: string,
  wrapper = 'article',
  className = 'reader',
): { xhtml: string; mathml: boolean } {
  const { document, XMLSerializer } = dom()
  const root = document.createElement(wrapper)
  root.className = className
  root.innerHTML = html
  for (const katex of Array.from(root.querySelectorAll('.katex'))) {
    const math = katex.querySelector('math')
    if (math) katex.replaceWith(math)
    else katex.remove()
  }
  for (const box of Array.from(root.querySelectorAll('input[type=checkbox]'))) {
    box.replaceWith(document.createTextNode(box.hasAttribute('checked') ? '☑ ' : '☐ '))
  }
  for (const name of DROPPED_ATTRIBUTES) {
    for (const el of Array.from(root.querySelectorAll(`[${name}]`))) el.removeAttribute(name)
  }
  // Links open in the reading system, which decides for itself where.
  for (const a of Array.from(root.querySelectorAll('a[target], a[rel]'))) {
    a.removeAttribute('target')
    a.removeAttribute('rel')
  }
  const mathml = root.querySelector('math') !== null
  return { xhtml: new XMLSerializer().serializeToString(root), mathml }
}

/** The text of an HTML fragment (sanitized first: nothing in it is kept but words). */
export function htmlText(html: string): string {
  const { document } = dom()
  const box = document.createElement('div')
  box.innerHTML = sanitizeHtml(html)
  return box.textContent ?? ''
}
