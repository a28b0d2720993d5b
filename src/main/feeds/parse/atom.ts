import type { FeedDocument, FeedEnclosure, FeedItem } from './feed-document'
import { parseFeedDate } from './dates'
import { enclosureOf, featuredImage, markdownOf } from './media'
import { cleanNames, cleanTags, plainText, textToHtml } from './text'
import { absoluteHttpUrl, hostOf } from './urls'
import { type XmlElement, child, childText, children, nodesToHtml, textOf } from './xml-tree'

/** Atom 1.0 (RFC 4287) and Atom 0.3 (`issued`/`modified`, `mode="escaped|xml|base64"`). */
export function readAtom(root: XmlElement, feedUrl: string): FeedDocument {
  const links = children(root, 'link')
  const alternate =
    links.find((l) => isAlternate(l) && /html/.test(l.attrs.type ?? 'text/html')) ??
    links.find(isAlternate)
  const self = links.find((l) => l.attrs.rel === 'self')
  const siteUrl = absoluteHttpUrl(alternate?.attrs.href, root.base)
  const feedAuthors = authorsOf(root)
  return {
    format: 'atom',
    version: root.attrs.version?.trim() || (root.name === 'feed' ? '1.0' : null),
    title: constructText(child(root, 'title')) ?? hostOf(siteUrl ?? feedUrl),
    siteUrl,
    description: constructText(child(root, 'subtitle', 'tagline')),
    selfUrl: absoluteHttpUrl(self?.attrs.href, root.base),
    items: children(root, 'entry').map((e) => readEntry(e, feedUrl, feedAuthors)),
  }
}

function isAlternate(link: XmlElement): boolean {
  return !link.attrs.rel || link.attrs.rel === 'alternate'
}

function authorsOf(el: XmlElement | null): string[] {
  return cleanNames(children(el, 'author').map((a) => childText(a, 'name') ?? textOf(a)))
}

function readEntry(entry: XmlElement, feedUrl: string, feedAuthors: string[]): FeedItem {
  const links = children(entry, 'link')
  const alternate =
    links.find((l) => isAlternate(l) && /html/.test(l.attrs.type ?? 'text/html')) ??
    links.find(isAlternate)
  const link = absoluteHttpUrl(alternate?.attrs.href, alternate?.base ?? entry.base)
  const enclosures = links
    .filter((l) => l.attrs.rel === 'enclosure')
    .map((l) => enclosureOf(l, 'href', l.base))
    .filter((e): e is FeedEnclosure => e !== null)
  const contentEl = child(entry, 'content')
  const summaryEl = child(entry, 'summary')
  const content = constructHtml(contentEl)
  const summary = constructHtml(summaryEl)
  const bodyEl = content ? contentEl : summaryEl
  const declaredBase = bodyEl?.base ?? entry.base
  const source = child(entry, 'source')
  const entryAuthors = authorsOf(entry)
  return {
    guid: childText(entry, 'id'),
    link,
    title: constructText(child(entry, 'title')),
    contentHtml: content ?? summary,
    summaryHtml: content ? summary : null,
    markdown: markdownOf(entry),
    authors: entryAuthors.length
      ? entryAuthors
      : authorsOf(source).length
        ? authorsOf(source)
        : [...feedAuthors, ...cleanNames(children(entry, 'dc:creator').map(textOf))],
    published: parseFeedDate(
      childText(entry, 'published', 'issued', 'created', 'dc:date') ?? childText(entry, 'updated'),
    ),
    updated: parseFeedDate(childText(entry, 'updated', 'modified')),
    categories: cleanTags(
      children(entry, 'category').map((c) => c.attrs.label || c.attrs.term || textOf(c)),
    ),
    image: featuredImage(entry, enclosures),
    enclosures,
    baseUrl: declaredBase && declaredBase !== feedUrl ? declaredBase : (link ?? feedUrl),
  }
}

/** How an Atom text construct holds its content. */
function constructKind(el: XmlElement): 'text' | 'html' | 'xhtml' | 'base64' | 'other' {
  const type = (el.attrs.type ?? 'text').trim().toLowerCase()
  const mode = el.attrs.mode?.trim().toLowerCase()
  if (mode === 'base64') return 'base64'
  if (type === 'xhtml' || type === 'application/xhtml+xml' || mode === 'xml') return 'xhtml'
  if (type === 'html' || type === 'text/html' || mode === 'escaped') return 'html'
  if (type === 'text' || type === 'text/plain') return 'text'
  return 'other'
}

/** A text construct as HTML, or `null` when empty or out of line (`src=`). */
function constructHtml(el: XmlElement | null): string | null {
  if (!el || el.attrs.src) return null
  const hasElements = el.children.some((c) => c.kind === 'element')
  let html: string
  switch (constructKind(el)) {
    case 'xhtml':
      html = nodesToHtml(el.children)
      break
    case 'html':
      html = hasElements ? nodesToHtml(el.children) : textOf(el)
      break
    case 'base64':
      html = Buffer.from(textOf(el), 'base64').toString('utf8')
      break
    case 'text':
      html = hasElements ? nodesToHtml(el.children) : textToHtml(textOf(el))
      break
    default:
      return null
  }
  return html.trim() || null
}

/** A text construct as plain text (titles, subtitles). */
function constructText(el: XmlElement | null): string | null {
  if (!el) return null
  const kind = constructKind(el)
  if (kind === 'text' && !el.children.some((c) => c.kind === 'element')) {
    return textOf(el).replace(/\s+/g, ' ').trim() || null
  }
  return plainText(constructHtml(el))
}
