import { BroadsheetError } from '../../../shared/errors'
import type { FeedDocument, FeedEnclosure, FeedItem } from './feed-document'
import { parseFeedDate } from './dates'
import { cleanNames, cleanTags, plainText, textToHtml } from './text'
import { absoluteHttpUrl, hostOf } from './urls'

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). */
export function readJsonFeed(text: string, feedUrl: string): FeedDocument {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw new BroadsheetError(
      'invalid_input',
      `This JSON feed cannot be read (${(err as Error).message}); check the URL or ask the site to fix its feed.`,
    )
  }
  const feed = asObject(data)
  if (!feed || !Array.isArray(feed.items)) {
    throw new BroadsheetError(
      'invalid_input',
      'This JSON is not a JSON Feed (it has no "items" list); check that the URL is the feed itself.',
    )
  }
  const version = str(feed.version)?.match(/version\/([\d.]+)/)?.[1] ?? null
  const siteUrl = absoluteHttpUrl(str(feed.home_page_url), feedUrl)
  const feedAuthors = authorsOf(feed)
  return {
    format: 'json',
    version,
    title: plainText(str(feed.title)) ?? hostOf(siteUrl ?? feedUrl),
    siteUrl,
    description: plainText(str(feed.description)),
    selfUrl: absoluteHttpUrl(str(feed.feed_url), feedUrl),
    items: feed.items
      .map(asObject)
      .filter((i): i is Record<string, unknown> => i !== null)
      .map((item) => readItem(item, feedUrl, feedAuthors)),
  }
}

function readItem(item: Record<string, unknown>, feedUrl: string, feedAuthors: string[]): FeedItem {
  const link =
    absoluteHttpUrl(str(item.url), feedUrl) ?? absoluteHttpUrl(str(item.external_url), feedUrl)
  const html = str(item.content_html)
  const text = str(item.content_text)
  const summary = str(item.summary)
  const contentHtml = html?.trim() ? html : text?.trim() ? textToHtml(text) : null
  const enclosures: FeedEnclosure[] = []
  for (const a of Array.isArray(item.attachments) ? item.attachments : []) {
    const att = asObject(a)
    const url = absoluteHttpUrl(str(att?.url), link ?? feedUrl)
    if (!att || !url) continue
    const size = Number(att.size_in_bytes)
    enclosures.push({
      url,
      type: str(att.mime_type),
      length: Number.isFinite(size) && size > 0 ? size : null,
    })
  }
  const authors = authorsOf(item)
  const image =
    absoluteHttpUrl(str(item.image), link ?? feedUrl) ??
    absoluteHttpUrl(str(item.banner_image), link ?? feedUrl) ??
    enclosures.find((e) => e.type?.startsWith('image/'))?.url ??
    null
  const id = item.id
  return {
    guid: typeof id === 'string' || typeof id === 'number' ? String(id).trim() || null : null,
    link,
    title: plainText(str(item.title)),
    contentHtml: contentHtml ?? (summary ? textToHtml(summary) : null),
    summaryHtml: contentHtml && summary ? textToHtml(summary) : null,
    markdown: str(item._markdown) ?? null,
    authors: authors.length ? authors : feedAuthors,
    published: parseFeedDate(str(item.date_published) ?? str(item.date_modified)),
    updated: parseFeedDate(str(item.date_modified)),
    categories: cleanTags(Array.isArray(item.tags) ? item.tags.map((t) => str(t)) : []),
    image,
    enclosures,
    baseUrl: link ?? feedUrl,
  }
}

/** JSON Feed 1.1's `authors`, or 1.0's `author`. */
function authorsOf(obj: Record<string, unknown>): string[] {
  const list = Array.isArray(obj.authors) ? obj.authors : obj.author ? [obj.author] : []
  return cleanNames(list.map((a) => str(asObject(a)?.name)))
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}
