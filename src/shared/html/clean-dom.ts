/**
 * Making a parsed web document safe and plain before it becomes Markdown: elements that run,
 * embed or submit anything are removed, every link and image URL is checked (and made
 * absolute against the page's address), lazy-loaded images get their real source, and tables
 * that Markdown cannot hold are unwrapped into blocks (so no converter falls back to HTML).
 */
import { safeUrl } from './safe-url'

/** Elements removed with everything inside them. */
export const REMOVED_ELEMENTS = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'link',
  'meta',
  'base',
  'head',
  'svg',
  'canvas',
  'audio',
  'video',
  'dialog',
  'portal',
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
].join(',')

/** Attributes lazy-loading scripts keep the real image address in. */
const LAZY_SOURCES = ['data-src', 'data-original', 'data-lazy-src', 'data-url', 'data-hi-res-src']

/** Clean `root` in place (see the file comment). */
export function cleanDom(root: ParentNode, baseUrl: string | null): void {
  embedsToLinks(root, baseUrl)
  for (const el of Array.from(root.querySelectorAll(REMOVED_ELEMENTS))) {
    // A checkbox stays: in a list it is a task item (`- [x]`), and it carries no script.
    if (el.nodeName === 'INPUT' && el.getAttribute('type')?.toLowerCase() === 'checkbox') {
      for (const attr of Array.from(el.attributes)) {
        if (attr.name !== 'type' && attr.name !== 'checked') el.removeAttribute(attr.name)
      }
      continue
    }
    el.remove()
  }
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    const href = safeUrl(a.getAttribute('href'), 'link', baseUrl)
    if (href === null) a.removeAttribute('href')
    else a.setAttribute('href', href)
  }
  for (const img of Array.from(root.querySelectorAll('img'))) {
    const src = imageSource(img, baseUrl)
    if (src === null) img.remove()
    else img.setAttribute('src', src)
  }
  // Highlighters often break lines with <br>; a code block needs real newlines.
  for (const br of Array.from(root.querySelectorAll('pre br'))) br.replaceWith('\n')
  unwrapOrphanTableParts(root)
  unwrapComplexTables(root)
}

/** Table rows and cells outside any table (broken markup) become plain blocks. */
function unwrapOrphanTableParts(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll('tr, td, th, thead, tbody, tfoot, caption'))) {
    if (el.parentElement?.closest('table')) continue
    const div = el.ownerDocument.createElement('div')
    appendAll(div, Array.from(el.childNodes))
    el.replaceWith(div)
  }
}

/**
 * An embedded video, audio or frame (a YouTube player in a news story) cannot be carried into
 * Markdown; a link to it can, so the reader still knows it was there and where to find it.
 */
function embedsToLinks(root: ParentNode, baseUrl: string | null): void {
  for (const el of Array.from(root.querySelectorAll('iframe[src], video, audio'))) {
    const raw = el.getAttribute('src') ?? el.querySelector('source[src]')?.getAttribute('src')
    const url = safeUrl(raw, 'link', baseUrl)
    if (url === null || !/^https?:/.test(url)) continue
    const kind =
      el.nodeName === 'IFRAME' ? 'Embedded content' : el.nodeName === 'VIDEO' ? 'Video' : 'Audio'
    const doc = el.ownerDocument
    const p = doc.createElement('p')
    const a = doc.createElement('a')
    a.setAttribute('href', url)
    a.textContent = `${kind}: ${new URL(url).host}`
    p.appendChild(a)
    el.replaceWith(p)
  }
}

/** The address to keep for an image: its src, or its lazy-loaded source, checked. */
function imageSource(img: Element, baseUrl: string | null): string | null {
  const src = img.getAttribute('src')?.trim() ?? ''
  const candidates = [src]
  // A data: placeholder (a 1×1 GIF) or no src at all: the real picture is elsewhere.
  if (src === '' || src.startsWith('data:')) {
    for (const name of LAZY_SOURCES) candidates.unshift(img.getAttribute(name) ?? '')
    const srcset = img.getAttribute('data-srcset') ?? img.getAttribute('srcset') ?? ''
    candidates.unshift(srcset.split(',')[0]?.trim().split(/\s+/)[0] ?? '')
  }
  for (const candidate of candidates) {
    const url = safeUrl(candidate, 'image', baseUrl)
    if (url !== null) return url
  }
  return null
}

const COMPLEX_TABLE_CONTENT = 'pre,code,ul,ol,h1,h2,h3,h4,h5,h6,hr,blockquote,table'

/**
 * Replace each table whose cells hold blocks (lists, code, headings, nested tables) with a
 * block per row and per cell: a GFM table cannot hold them, and the fallback of the GFM
 * plugin would be raw HTML. Outer tables go first, so a simple inner table stays a table.
 */
function unwrapComplexTables(root: ParentNode): void {
  for (const table of Array.from(root.querySelectorAll('table')) as HTMLTableElement[]) {
    if (!table.querySelector(COMPLEX_TABLE_CONTENT)) continue
    const doc = table.ownerDocument
    const out = doc.createElement('div')
    // Not `:scope > caption`: domino (the parser under Node) does not know `:scope`.
    const caption = Array.from(table.children).find((c) => c.tagName === 'CAPTION')
    if (caption) {
      const p = doc.createElement('p')
      appendAll(p, Array.from(caption.childNodes))
      out.appendChild(p)
    }
    for (const row of Array.from(table.rows)) {
      const block = doc.createElement('div')
      for (const cell of Array.from(row.cells)) {
        const div = doc.createElement('div')
        appendAll(div, Array.from(cell.childNodes))
        block.appendChild(div)
      }
      out.appendChild(block)
    }
    table.replaceWith(out)
  }
}

/**
 * `parent.append(...nodes)` for every DOM this runs on: under Node the document comes from
 * domino (see parse-html.ts), which has no `append`.
 */
function appendAll(parent: Node, nodes: Node[]): void {
  for (const node of nodes) parent.appendChild(node)
}
