import type { FeedDocument, FeedEnclosure, FeedItem } from './feed-document'
import { parseFeedDate } from './dates'
import { enclosureOf, featuredImage, markdownOf } from './media'
import { cleanNames, cleanTags, plainText } from './text'
import { absoluteHttpUrl, hostOf } from './urls'
import { type XmlElement, child, childText, children, htmlOf } from './xml-tree'

/**
 * RSS 0.9x and 2.0 (`<rss><channel><item>`) and RSS 1.0 / 0.90 (`<rdf:RDF>` with items beside
 * the channel). Both are read by one function: the item fields are the same.
 */
export function readRss(root: XmlElement, feedUrl: string): FeedDocument {
  const rdf = root.name === 'rdf:rdf'
  const channel = child(root, 'channel') ?? root
  const siteUrl = absoluteHttpUrl(childText(channel, 'link'), channel.base)
  const items = [...children(channel, 'item'), ...(channel === root ? [] : children(root, 'item'))]
  const selfLink = children(channel, 'atom:link').find((l) => l.attrs.rel === 'self')
  return {
    format: rdf ? 'rdf' : 'rss',
    version: rdf ? '1.0' : root.attrs.version?.trim() || null,
    title: plainText(childText(channel, 'title', 'dc:title')) ?? hostOf(siteUrl ?? feedUrl),
    siteUrl,
    description: plainText(childText(channel, 'description', 'dc:description')),
    selfUrl: absoluteHttpUrl(selfLink?.attrs.href, channel.base),
    items: items.map((item) => readItem(item, feedUrl)),
  }
}

function readItem(item: XmlElement, feedUrl: string): FeedItem {
  const guidEl = child(item, 'guid')
  const guid = childText(item, 'guid')
  const guidIsLink = guidEl?.attrs.ispermalink?.trim().toLowerCase() !== 'false'
  const atomLink = children(item, 'atom:link').find(
    (l) => !l.attrs.rel || l.attrs.rel === 'alternate',
  )
  const link =
    absoluteHttpUrl(childText(item, 'link'), item.base) ??
    absoluteHttpUrl(atomLink?.attrs.href, item.base) ??
    (guid && guidIsLink && /^https?:\/\//i.test(guid) ? absoluteHttpUrl(guid, null) : null) ??
    absoluteHttpUrl(item.attrs['rdf:about'], item.base)

  const encoded = child(item, 'content:encoded')
  const description = child(item, 'description', 'dc:description')
  const bodyEl = encoded ?? description
  const contentHtml = htmlOf(bodyEl)
  const summaryHtml = encoded ? htmlOf(description) : null

  const enclosures = children(item, 'enclosure')
    .map((e) => enclosureOf(e, 'url', item.base))
    .filter((e): e is FeedEnclosure => e !== null)

  // xml:base on the body (or the item) wins; else the item's own link; else the feed's URL.
  const declaredBase = bodyEl?.base ?? item.base
  const baseUrl = declaredBase && declaredBase !== feedUrl ? declaredBase : (link ?? feedUrl)

  return {
    guid,
    link,
    title: plainText(childText(item, 'title', 'dc:title')),
    contentHtml,
    summaryHtml,
    markdown: markdownOf(item),
    authors: cleanNames(
      [...children(item, 'author', 'dc:creator', 'itunes:author')].map((e) => childTextOf(e)),
    ),
    published: parseFeedDate(
      childText(item, 'pubdate') ?? childText(item, 'dc:date', 'dcterms:issued', 'dcterms:created'),
    ),
    updated: parseFeedDate(childText(item, 'dcterms:modified', 'atom:updated')),
    categories: cleanTags(children(item, 'category', 'dc:subject').map((e) => childTextOf(e))),
    image: featuredImage(item, enclosures),
    enclosures,
    baseUrl,
  }
}

function childTextOf(el: XmlElement): string {
  // `<author>` of Atom inside RSS has a `<name>`; RSS's is text.
  return childText(el, 'name') ?? htmlOf(el) ?? ''
}
