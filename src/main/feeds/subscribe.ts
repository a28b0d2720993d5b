/**
 * Subscribing by a feed's URL or a site's: the URL is fetched; a feed is subscribed as is,
 * a web page is searched for the feeds it announces (`<link rel="alternate">`) and its first
 * one is subscribed. The first refresh happens at once, so the new feed arrives with articles.
 */
import { BroadsheetError } from '../../shared/errors'
import type { Feed, FeedRefreshResult } from '../../shared/model'
import type { Library } from '../library/open-library'
import { decodeBody } from '../net/decode-body'
import { discoverFeeds } from './discover'
import { sha256 } from './identity'
import { importItems } from './import-items'
import type { FeedDocument } from './parse/feed-document'
import { parseFeedBytes } from './parse/parse-feed'
import { FEED_ACCEPT, type RefreshOptions, fetchOnceMore, recordFetchSuccess } from './refresh'
import { findFeedByUrl, getFeed, getFeedRow, insertFeed } from './store'

/** Options for `subscribe`. */
export interface SubscribeOptions extends RefreshOptions {
  folder?: string[]
  title?: string | null
  /** Fetch each item's page for its full text (for feeds that send only summaries). */
  fullText?: boolean
}

/** What subscribing did: the feed, and what its first refresh imported. */
export interface Subscription {
  feed: Feed
  refresh: FeedRefreshResult
}

interface Found {
  url: string
  doc: FeedDocument
  body: Uint8Array
  etag: string | null
  lastModified: string | null
}

async function fetchFeed(
  url: string,
  options: RefreshOptions,
): Promise<Found | { html: string; url: string }> {
  const res = await fetchOnceMore(url, { ...options.fetch, accept: FEED_ACCEPT })
  const type = res.contentType ?? ''
  const text = decodeBody(res.body, {
    contentType: type,
    kind: /html/i.test(type) ? 'html' : 'xml',
  }).text
  if (/html/i.test(type) || /^\s*(<!doctype html|<html)/i.test(text))
    return { html: text, url: res.url }
  const doc = parseFeedBytes(res.body, { url: res.url, contentType: type })
  return { url: res.url, doc, body: res.body, etag: res.etag, lastModified: res.lastModified }
}

/**
 * Follow the feed at `url`, or the first feed the page at `url` announces. Refuses a feed
 * already followed (`conflict`) and a page that announces none (`invalid_input`, saying so).
 */
export async function subscribe(
  lib: Library,
  url: string,
  options: SubscribeOptions = {},
): Promise<Subscription> {
  if (findFeedByUrl(lib, url.trim())) {
    throw new BroadsheetError(
      'conflict',
      `You already follow ${url.trim()}; see it with \`broadsheet feeds list\`.`,
    )
  }
  let found = await fetchFeed(url.trim(), options)
  if ('html' in found) {
    const candidates = discoverFeeds(found.html, found.url)
    if (candidates.length === 0) {
      throw new BroadsheetError(
        'invalid_input',
        `${found.url} is a web page that announces no feed; find the feed's own address on the site (often linked as RSS or Atom) and add that.`,
      )
    }
    const page = found.url
    found = await fetchFeed(candidates[0]!.url, options)
    if ('html' in found) {
      throw new BroadsheetError(
        'invalid_input',
        `The feed that ${page} announces (${candidates[0]!.url}) is a web page, not a feed; add the feed's own address.`,
      )
    }
  }
  const feedFound = found
  const existing = findFeedByUrl(lib, feedFound.url)
  if (existing) {
    throw new BroadsheetError(
      'conflict',
      `You already follow ${feedFound.url} (feed ${existing.id}).`,
    )
  }
  const id = lib.transaction(() =>
    insertFeed(lib, {
      url: feedFound.url,
      title: feedFound.doc.title,
      siteUrl: feedFound.doc.siteUrl,
      folder: options.folder,
      userTitle: options.title ?? null,
      fullText: options.fullText,
    }),
  )
  const row = getFeedRow(lib, id)
  const counts = await importItems(lib, row, feedFound.doc, options.step)
  recordFetchSuccess(lib, row, {
    etag: feedFound.etag,
    last_modified: feedFound.lastModified,
    body_hash: sha256(feedFound.body),
  })
  const feed = getFeed(lib, id)
  return {
    feed,
    refresh: { feedId: feed.id, title: feed.title, outcome: 'ok', ...counts, error: null },
  }
}
