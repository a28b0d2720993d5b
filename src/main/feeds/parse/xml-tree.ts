import { decodeHTML, decodeHTMLAttribute } from 'entities/decode'
import { Parser } from 'htmlparser2'
import { absoluteUrl } from './urls'

/**
 * Feeds read leniently into a small element tree, the way a browser would: htmlparser2 in XML
 * mode recovers from unclosed and misnested tags, and it never reads a DTD, so external
 * entities are never resolved and declared entities never expand (no billion laughs). Entity
 * references are decoded as HTML does, so the `&nbsp;` and `&eacute;` real feeds use (without
 * declaring them) read as the characters meant.
 *
 * Element names are canonical: lower case, with the conventional prefix of each known
 * namespace whatever prefix the document chose (`content:encoded`, `dc:creator`,
 * `media:content`, `atom:link`…). Elements in no namespace, RSS 1.0's and Atom's own keep no
 * prefix, so `<feed>` and `<entry>` are found however the Atom namespace was declared.
 */

/** A text run: `raw` is the source text (entities not yet decoded) unless it came from CDATA. */
export interface XmlText {
  kind: 'text'
  raw: string
  cdata: boolean
}

/** An element with canonical name, decoded attributes (names lower case) and its `xml:base`. */
export interface XmlElement {
  kind: 'element'
  name: string
  attrs: Record<string, string>
  children: XmlNode[]
  /** The absolute base URL in effect here (`xml:base` resolved against its ancestors'), or the document URL. */
  base: string | null
}

export type XmlNode = XmlElement | XmlText

/** Namespace URIs and the canonical prefix their elements get ('' = no prefix). */
const NAMESPACES: Record<string, string> = {
  'http://www.w3.org/2005/atom': '',
  'http://purl.org/atom/ns#': '',
  'http://purl.org/rss/1.0/': '',
  'http://my.netscape.com/rdf/simple/0.9/': '',
  'http://backend.userland.com/rss2': '',
  'http://www.w3.org/1999/xhtml': '',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://source.scripting.com/': 'source',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
}
/** Prefixes that mean Atom inside an RSS document (`atom:link rel="self"`). */
const ATOM_URIS = new Set(['http://www.w3.org/2005/atom', 'http://purl.org/atom/ns#'])

/**
 * The DOCTYPE with its internal subset is cut before parsing: nothing in it is ever used, and
 * its `<!ENTITY …>` declarations would otherwise leave stray text behind.
 */
const DOCTYPE = /<!DOCTYPE(?:[^[>]|\[(?:[^\]"']|"[^"]*"|'[^']*')*\])*>/i

/** Parse XML text into a lenient canonical tree; returns the root element, or `null` if there is none. */
export function parseXml(text: string, documentUrl: string | null): XmlElement | null {
  const source = text.replace(DOCTYPE, '')
  const top: XmlElement = {
    kind: 'element',
    name: '#document',
    attrs: {},
    children: [],
    base: documentUrl,
  }
  const stack: XmlElement[] = [top]
  const nsStack: Record<string, string>[] = [{}]
  // Whether the document's root is in Atom's namespace or none (then `atom:` is dropped too).
  let atomRoot = false
  let inCdata = false

  const parser = new Parser(
    {
      onopentag(rawName, rawAttrs) {
        const parent = stack[stack.length - 1]!
        const ns = { ...nsStack[nsStack.length - 1]! }
        const attrs: Record<string, string> = {}
        for (const [key, value] of Object.entries(rawAttrs)) {
          const decoded = decodeHTMLAttribute(value)
          if (key === 'xmlns') ns[''] = decoded.trim().toLowerCase()
          else if (key.startsWith('xmlns:')) ns[key.slice(6)] = decoded.trim().toLowerCase()
          else attrs[key] = decoded
        }
        const colon = rawName.indexOf(':')
        const prefix = colon > 0 ? rawName.slice(0, colon) : ''
        const local = colon > 0 ? rawName.slice(colon + 1) : rawName
        const uri = ns[prefix]
        if (parent === top && stack.length === 1 && (local === 'feed' || local === 'rss')) {
          atomRoot = local === 'feed' && (uri === undefined || ATOM_URIS.has(uri))
        }
        let name: string
        if (prefix === 'xml') name = rawName
        else if (uri !== undefined && ATOM_URIS.has(uri) && !atomRoot) name = `atom:${local}`
        else if (uri !== undefined && uri in NAMESPACES) {
          const canonical = NAMESPACES[uri]!
          name = canonical ? `${canonical}:${local}` : local
        } else name = rawName
        const xmlBase = attrs['xml:base']
        const base = xmlBase ? (absoluteUrl(xmlBase, parent.base) ?? parent.base) : parent.base
        const element: XmlElement = { kind: 'element', name, attrs, children: [], base }
        parent.children.push(element)
        stack.push(element)
        nsStack.push(ns)
      },
      onclosetag() {
        if (stack.length > 1) {
          stack.pop()
          nsStack.pop()
        }
      },
      ontext(data) {
        const parent = stack[stack.length - 1]!
        if (parent === top) return
        const last = parent.children[parent.children.length - 1]
        if (last?.kind === 'text' && last.cdata === inCdata) last.raw += data
        else parent.children.push({ kind: 'text', raw: data, cdata: inCdata })
      },
      oncdatastart() {
        inCdata = true
      },
      oncdataend() {
        inCdata = false
      },
    },
    {
      xmlMode: true,
      decodeEntities: false,
      lowerCaseTags: true,
      lowerCaseAttributeNames: true,
    },
  )
  parser.end(source)
  return top.children.find((c): c is XmlElement => c.kind === 'element') ?? null
}

/** The first child element with one of `names`, or `null`. */
export function child(el: XmlElement | null | undefined, ...names: string[]): XmlElement | null {
  if (!el) return null
  for (const c of el.children) if (c.kind === 'element' && names.includes(c.name)) return c
  return null
}

/** Every child element with one of `names` (all of them when no name is given). */
export function children(el: XmlElement | null | undefined, ...names: string[]): XmlElement[] {
  if (!el) return []
  return el.children.filter(
    (c): c is XmlElement => c.kind === 'element' && (names.length === 0 || names.includes(c.name)),
  )
}

/** A text node's characters: CDATA as is, other text with its entities decoded. */
function decodedText(node: XmlText): string {
  return node.cdata ? node.raw : decodeHTML(node.raw)
}

/** All the text inside `el`, entities decoded (the XML `textContent`). */
export function textOf(el: XmlElement | null | undefined): string {
  if (!el) return ''
  let out = ''
  for (const c of el.children) out += c.kind === 'text' ? decodedText(c) : textOf(c)
  return out
}

/** Trimmed text of the first child named one of `names`, or `null` when absent or blank. */
export function childText(el: XmlElement | null | undefined, ...names: string[]): string | null {
  const text = textOf(child(el, ...names)).trim()
  return text || null
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;')
}

/** Serialise nodes back to HTML (for unescaped markup inside a description, or Atom xhtml). */
export function nodesToHtml(nodes: XmlNode[]): string {
  let out = ''
  for (const n of nodes) {
    if (n.kind === 'text') {
      out += n.cdata ? escapeHtml(n.raw) : n.raw
      continue
    }
    const name = n.name.includes(':') ? n.name.slice(n.name.indexOf(':') + 1) : n.name
    const attrs = Object.entries(n.attrs)
      .filter(([k]) => !k.includes(':'))
      .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
      .join('')
    out += `<${name}${attrs}>${nodesToHtml(n.children)}</${name}>`
  }
  return out
}

/**
 * The HTML an element carries: its text when the markup was escaped or in CDATA (the usual
 * way), or its child elements serialised when a feed put raw HTML inside without escaping it.
 */
export function htmlOf(el: XmlElement | null | undefined): string | null {
  if (!el) return null
  const html = el.children.some((c) => c.kind === 'element') ? nodesToHtml(el.children) : textOf(el)
  return html.trim() ? html.trim() : null
}
