/**
 * Turning a parsed feed's items into articles: new items become unread articles, an updated
 * item updates its article only while the user has not edited it, and nothing is imported
 * twice (see identity.ts).
 */
import { contentHash, getArticleRow, insertArticle, writeDocument } from '../library/articles'
import type { Library } from '../library/open-library'
import { stmt } from '../library/statements'
import { keepRevision } from '../library/revisions'
import { fetchFullText } from './full-text'
import { itemKey, itemSourceHash } from './identity'
import { itemToMarkdown } from './item-to-article'
import type { FeedDocument, FeedItem } from './parse/feed-document'
import { type FeedRow, getFeedItem, putFeedItem } from './store'

/** What importing a feed's items did. */
export interface ImportCounts {
  added: number
  updated: number
  /** Updated items whose article the user had edited: the user's text was kept. */
  keptEdits: number
}

/**
 * Rewrites an article's Markdown before it is stored, e.g. to download its images into the
 * library (`localizeImages`). Runs outside any transaction, so it may take its time.
 */
export type MarkdownStep = (markdown: string, item: FeedItem) => Promise<string>

interface Pending {
  key: string
  hash: string
  item: FeedItem
  existingArticle: number | null
  importedHash: string | null
}

/**
 * An article of no feed that came from this item before (its feed was unfollowed with its
 * articles kept): same item key and, when the item has a link, the same source URL.
 */
function orphanArticle(
  lib: Library,
  key: string,
  link: string | null,
): { id: number; content_hash: string } | null {
  return (
    stmt<[{ key: string; link: string | null }], { id: number; content_hash: string }>(
      lib.db,
      `SELECT id, content_hash FROM articles WHERE feed_item_id = @key AND feed_id IS NULL
         AND (@link IS NULL OR source_url = @link) ORDER BY id LIMIT 1`,
    ).get({ key, link }) ?? null
  )
}

/** Import the items of `doc` for `feed`. Items the library already has unchanged are skipped cheaply. */
export async function importItems(
  lib: Library,
  feed: FeedRow,
  doc: FeedDocument,
  step?: MarkdownStep,
): Promise<ImportCounts> {
  const counts: ImportCounts = { added: 0, updated: 0, keptEdits: 0 }
  const seen = new Set<string>()
  const pending: Pending[] = []
  for (const item of doc.items) {
    const key = itemKey(item)
    // A feed that lists one item twice gets one article (the first listing wins).
    if (seen.has(key)) continue
    seen.add(key)
    const hash = itemSourceHash(item)
    const known = getFeedItem(lib, feed.id, key)
    if (known && known.source_hash === hash) continue
    // Deleted for good by the user: it stays gone.
    if (known && known.article_id === null) continue
    pending.push({
      key,
      hash,
      item,
      existingArticle: known?.article_id ?? null,
      importedHash: known?.imported_hash ?? null,
    })
  }
  if (pending.length === 0) return counts

  const feedTitle = feed.user_title ?? feed.title
  const documents: string[] = []
  for (const p of pending) {
    const fullText = feed.full_text === 1 && p.item.link ? await fetchFullText(p.item.link) : null
    const markdown = itemToMarkdown(p.item, { feedTitle }, fullText)
    documents.push(step ? await step(markdown, p.item) : markdown)
    // Converting an item takes tens of milliseconds; let other work run between items (the
    // UI's requests, other feeds' fetches, whose timeouts would otherwise run out meanwhile).
    await new Promise((resolve) => setImmediate(resolve))
  }

  // Oldest first, so that among items fetched together creation order follows the feed's.
  lib.transaction(() => {
    for (let i = pending.length - 1; i >= 0; i--) {
      const p = pending[i]!
      const markdown = documents[i]!
      if (p.existingArticle === null) {
        // Another refresh (the scheduler's connection) imported it while this one converted.
        if (getFeedItem(lib, feed.id, p.key)) continue
        const orphan = orphanArticle(lib, p.key, p.item.link)
        if (orphan !== null) {
          // The same item from a feed followed before and unfollowed: take the article back.
          stmt(lib.db, 'UPDATE articles SET feed_id = ? WHERE id = ?').run(feed.id, orphan.id)
          putFeedItem(lib, {
            feed_id: feed.id,
            item_key: p.key,
            article_id: orphan.id,
            source_hash: p.hash,
            imported_hash: orphan.content_hash,
          })
          continue
        }
        const articleId = insertArticle(lib, markdown, {
          // Published by its source: news, not one of the user's drafts.
          state: { read: false, status: 'published' },
          feedId: feed.id,
          feedItemId: p.key,
        })
        putFeedItem(lib, {
          feed_id: feed.id,
          item_key: p.key,
          article_id: articleId,
          source_hash: p.hash,
          imported_hash: contentHash(markdown),
        })
        counts.added++
        continue
      }
      const row = getArticleRow(lib, p.existingArticle)
      if (contentHash(row.markdown) !== p.importedHash) {
        // The user edited the article: their text wins; remember the item's new state so
        // the next refresh does not count it again.
        putFeedItem(lib, {
          feed_id: feed.id,
          item_key: p.key,
          article_id: row.id,
          source_hash: p.hash,
          imported_hash: p.importedHash ?? '',
        })
        counts.keptEdits++
        continue
      }
      if (row.markdown !== markdown) {
        keepRevision(lib, row, 'import')
        writeDocument(lib, row, markdown)
      }
      putFeedItem(lib, {
        feed_id: feed.id,
        item_key: p.key,
        article_id: row.id,
        source_hash: p.hash,
        imported_hash: contentHash(markdown),
      })
      counts.updated++
    }
  })
  return counts
}
