import { stringify } from 'yaml'
import { htmlToMarkdown } from '../../shared/html/html-to-markdown'
import type { FeedItem } from './parse/feed-document'
import { plainText } from './parse/text'

/** The feed an item came from, as its article names it. */
export interface ItemSource {
  /** The feed's title as shown (the user's name for it when renamed). */
  feedTitle: string
}

/** Longest summary kept in the front matter. */
const SUMMARY_CHARS = 400
/** Longest title made from a body when an item has none. */
const UNTITLED_CHARS = 80

/**
 * An item as an article document: YAML front matter (title, author, date, source name and
 * URL, featured image, tags, summary) and its body as Markdown: `fullText` (the article
 * extracted from the item's page) when given, else `source:markdown` as it is, else the HTML
 * body cleaned and converted (nothing executable survives; relative links resolve against
 * the item's base URL).
 */
export function itemToMarkdown(
  item: FeedItem,
  source: ItemSource,
  fullText?: string | null,
): string {
  const body =
    fullText ??
    item.markdown ??
    (item.contentHtml ? htmlToMarkdown(item.contentHtml, { baseUrl: item.baseUrl }) : '')
  // With the page's full text as the body, what the feed sent is its summary.
  const teaser = item.summaryHtml ?? (fullText ? item.contentHtml : null)
  const summary = teaser ? plainText(teaser) : null
  const front: Record<string, unknown> = {
    title: item.title ?? untitled(body, item),
  }
  if (item.authors.length === 1) front.author = item.authors[0]
  else if (item.authors.length > 1) front.author = item.authors
  if (item.published) front.date = item.published
  front.source = source.feedTitle
  if (item.link) front.source_url = item.link
  if (item.image) front.image = item.image
  if (item.categories.length) front.tags = item.categories
  if (summary) front.summary = cut(summary, SUMMARY_CHARS)
  const yaml = stringify(front, { lineWidth: 0 })
  const text = body.replace(/^\s*\n/, '')
  return `---\n${yaml}---\n\n${text.endsWith('\n') || text === '' ? text : `${text}\n`}`
}

function untitled(body: string, item: FeedItem): string {
  const text = plainText(body.replace(/[#*_>`[\]()!-]+/g, ' '))
  if (text) return cut(text, UNTITLED_CHARS)
  return item.link ?? 'Untitled item'
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text
  const at = text.lastIndexOf(' ', max - 1)
  return `${text.slice(0, at > max / 2 ? at : max - 1)}…`
}
