import { BroadsheetError } from '../../../shared/errors'
import { decodeBody } from '../../net/decode-body'
import { readAtom } from './atom'
import type { FeedDocument } from './feed-document'
import { readJsonFeed } from './json-feed'
import { readRss } from './rss'
import { parseXml } from './xml-tree'

/**
 * Parse a feed's text (already decoded to characters) of any supported format: RSS 0.9x, 1.0
 * (RDF) and 2.0, Atom 0.3 and 1.0, JSON Feed 1.0 and 1.1. `feedUrl` is where it was fetched
 * from: every relative URL in it is resolved against `xml:base`, the item's link or this.
 * Throws `invalid_input` with a clear sentence when the text is not a feed.
 */
export function parseFeed(text: string, feedUrl: string): FeedDocument {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart()
  if (trimmed.startsWith('{')) return readJsonFeed(trimmed, feedUrl)
  const root = parseXml(trimmed, feedUrl)
  const name = root?.name
  if (root && (name === 'rss' || name === 'rdf:rdf' || name === 'channel')) {
    return readRss(root, feedUrl)
  }
  if (root && name === 'feed') return readAtom(root, feedUrl)
  if (!root || ['html', 'head', 'body'].includes(name!) || /^<!doctype html/i.test(trimmed)) {
    throw new BroadsheetError(
      'invalid_input',
      `${feedUrl} is a web page, not a feed; give the page's URL to \`broadsheet feeds add\` to find its feeds, or the feed's own URL.`,
    )
  }
  throw new BroadsheetError(
    'invalid_input',
    `${feedUrl} is not a feed Broadsheet can read (its document is <${name}>, not RSS, Atom or JSON Feed); check the URL.`,
  )
}

/**
 * Parse fetched bytes: decoded by BOM, HTTP charset, XML declaration or UTF-8 sniffing (see
 * decode-body.ts), then read as `parseFeed` does.
 */
export function parseFeedBytes(
  bytes: Uint8Array,
  options: { url: string; contentType?: string | null },
): FeedDocument {
  const { text } = decodeBody(bytes, { contentType: options.contentType, kind: 'xml' })
  return parseFeed(text, options.url)
}
