import { createHash } from 'node:crypto'
import type { FeedItem } from './parse/feed-document'

/**
 * The key that says two deliveries are the same item, so an item is never imported twice:
 * its guid when it has one, else its absolute link, else a hash of its title and content
 * (Fluent Reader #680: feeds without guids produced duplicates on every refresh).
 * Prefixed so a guid that happens to equal some link cannot collide with it.
 */
export function itemKey(item: FeedItem): string {
  if (item.guid) return `guid:${item.guid}`
  if (item.link) return `link:${item.link}`
  return `hash:${sha256(`${item.title ?? ''}\n${item.markdown ?? item.contentHtml ?? item.summaryHtml ?? ''}`)}`
}

/**
 * A hash of everything in an item that ends up in its article: when it changes, the item was
 * updated at the source.
 */
export function itemSourceHash(item: FeedItem): string {
  return sha256(
    JSON.stringify([
      item.title,
      item.link,
      item.contentHtml,
      item.summaryHtml,
      item.markdown,
      item.authors,
      item.published,
      item.categories,
      item.image,
    ]),
  )
}

/** sha256, hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
