import { Parser } from 'htmlparser2'
import { absoluteHttpUrl } from './parse/urls'

/** A feed a web page announces. */
export interface DiscoveredFeed {
  url: string
  title: string | null
  type: string
}

const FEED_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
  'application/rdf+xml',
  'text/xml',
  'application/xml',
]

/**
 * The feeds a page announces with `<link rel="alternate" type="application/rss+xml" …>` (and
 * Atom, JSON Feed, RDF), absolute (against `<base href>` or the page URL), in page order,
 * without duplicates. Comment and service feeds are listed after the rest.
 */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  let base = pageUrl
  const found: DiscoveredFeed[] = []
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && attrs.href) base = absoluteHttpUrl(attrs.href, pageUrl) ?? base
        if (name !== 'link' && name !== 'a') return
        const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/)
        const type = (attrs.type ?? '').toLowerCase().split(';')[0]!.trim()
        if (!rel.includes('alternate') || !FEED_TYPES.includes(type)) return
        // application/json alone is too common to mean a feed unless the link says so.
        if (
          type === 'application/json' &&
          !/feed/i.test(`${attrs.title ?? ''} ${attrs.href ?? ''}`)
        ) {
          return
        }
        const url = absoluteHttpUrl(attrs.href, base)
        if (url && !found.some((f) => f.url === url)) {
          found.push({ url, title: attrs.title?.trim() || null, type })
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  )
  parser.end(html)
  const comments = (f: DiscoveredFeed) => /comment/i.test(`${f.title ?? ''} ${f.url}`)
  return [...found.filter((f) => !comments(f)), ...found.filter(comments)]
}
