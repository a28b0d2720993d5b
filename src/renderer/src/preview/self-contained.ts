/**
 * Whether a piece of an article can be sanitized and inserted on its own and still give the
 * very nodes it gives inside the whole article. Markdown's own HTML always can; raw HTML
 * may not: an unclosed `<div>` swallows every block after it, an unclosed `<b>` makes them
 * bold, an unclosed comment or `<table>` changes how the rest is parsed. The live preview
 * patches such an article as a whole instead.
 *
 * The test asks the HTML parser itself rather than guessing from the tags: a probe element
 * parsed right after the piece must come out as a top-level element holding only its own
 * text. That fails exactly when the piece leaves the parser in a state other than the one it
 * found (an element left open, a formatting element left to be reconstructed, a comment,
 * raw-text or attribute left open, table, select or foreign-content modes, frames).
 */

const PROBE_ATTRIBUTE = 'data-broadsheet-probe'
const PROBE = `<div ${PROBE_ATTRIBUTE}="">x</div>`

let parser: DOMParser | null = null
let holder: HTMLElement | null = null

/** The probe as parsed after an isolated piece: nothing around it, nothing in it but its text. */
function isCleanProbe(node: Node | null): boolean {
  if (node === null || node.nodeType !== Node.ELEMENT_NODE) return false
  const element = node as Element
  return (
    element.localName === 'div' &&
    element.attributes.length === 1 &&
    element.hasAttribute(PROBE_ATTRIBUTE) &&
    element.childNodes.length === 1 &&
    element.firstChild!.nodeType === Node.TEXT_NODE &&
    element.firstChild!.nodeValue === 'x'
  )
}

/**
 * What DOMPurify is given for a piece that does not open the article. DOMPurify parses each
 * input as a document of its own, where a leading `<title>` goes to the head, a stray `</p>`
 * or the whitespace after it is dropped, and a comment lands outside the body; inside the
 * whole article, all of them are in the body. An empty element first puts the parser in the
 * body, as the pieces before would have (DOMPurify's own FORCE_BODY does the same), and is
 * then removed by the sanitizer like any unknown element.
 */
export const BODY_OPENER = '<remove></remove>'

/**
 * Starts the preview's key of the piece that opens the article, which is sanitized as it is,
 * without `BODY_OPENER`. Every other piece's key is its very HTML, so the preview keeps one
 * copy of a long article's HTML, not two. No piece's HTML starts so: each starts with a tag.
 */
export const OPENS_ARTICLE = '\u0000'

/** What the sanitizer is given for the piece (or group of pieces) with preview key `key`. */
export function sanitizerInput(key: string): string {
  return key.startsWith(OPENS_ARTICLE) ? key.slice(OPENS_ARTICLE.length) : BODY_OPENER + key
}

/**
 * How a piece (given as it is sanitized: `sanitizerInput`) stands on its own:
 * - `alone`: `rawHtml` (rendered, unsanitized) and `safeHtml` (what the sanitizer made of it)
 *   both leave the parser as they found it, so whatever follows is parsed as in the whole;
 * - `last`: it parses as in the whole, but changes how what follows it is parsed, so it can
 *   only stand at the end of the article;
 * - `no`: it may parse differently on its own (a `<frameset>`, which replaces the body of a
 *   document that has no text yet).
 */
export function standsAlone(rawHtml: string, safeHtml: string): 'alone' | 'last' | 'no' {
  parser ??= new DOMParser()
  // As DOMPurify parses its input: a document of its own, scripting off, nothing loaded.
  const doc = parser.parseFromString(rawHtml + PROBE, 'text/html')
  if (doc.body?.localName !== 'body') return 'no'
  if (!isCleanProbe(doc.body.lastChild)) return 'last'
  // As the preview inserts it: inside an <article>, in an inert document.
  holder ??= document.implementation.createHTMLDocument('').createElement('article')
  holder.innerHTML = safeHtml + PROBE
  const clean = isCleanProbe(holder.lastChild)
  holder.textContent = ''
  return clean ? 'alone' : 'last'
}
