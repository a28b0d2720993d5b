/**
 * The one shape every feed format is parsed into (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed
 * 1.0/1.1), so identity, import and refresh never look at a format again.
 */

/** Which family and version a document was read as. */
export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json'

/** A file attached to an item (podcast audio, an image…), URL absolute. */
export interface FeedEnclosure {
  url: string
  type: string | null
  length: number | null
}

/** One item (RSS `<item>`, Atom `<entry>`, JSON Feed `items[]`), every URL absolute. */
export interface FeedItem {
  /** The item's own id (`<guid>`, `<id>`, `id`) as given, or `null`. */
  guid: string | null
  /** The item's page, absolute, or `null`. */
  link: string | null
  /** Plain text (markup stripped, entities decoded), or `null`. */
  title: string | null
  /** The fullest HTML body the item offers (`content:encoded`, Atom content…), or `null`. */
  contentHtml: string | null
  /** A short HTML summary (`<description>` beside a full body, Atom summary), or `null`. */
  summaryHtml: string | null
  /** `source:markdown` (or a JSON Feed's `_markdown`): used as the article body as it is. */
  markdown: string | null
  authors: string[]
  /** ISO 8601, or `null` when absent or unreadable. */
  published: string | null
  /** ISO 8601, or `null`. */
  updated: string | null
  /** Categories, trimmed and without duplicates: they become tags. */
  categories: string[]
  /** The featured image (media:content, media:thumbnail, an image enclosure…), absolute, or `null`. */
  image: string | null
  enclosures: FeedEnclosure[]
  /**
   * The URL relative links in the body resolve against: `xml:base` where given, else the
   * item's link, else the feed's URL — never the bare origin.
   */
  baseUrl: string
}

/** A whole parsed feed. */
export interface FeedDocument {
  format: FeedFormat
  /** The format's version as far as it says (`2.0`, `0.91`, `1.0`, `0.3`, `1.1`…), or `null`. */
  version: string | null
  /** Plain text; the feed URL's host when the feed gives none. */
  title: string
  /** The site the feed belongs to, absolute, or `null`. */
  siteUrl: string | null
  description: string | null
  /** The URL the feed says it lives at (`atom:link rel=self`, JSON `feed_url`), or `null`. */
  selfUrl: string | null
  items: FeedItem[]
}
