/**
 * The `feeds` and `feed_items` tables (migration v3): subscriptions, their fetch state and
 * the items each feed has delivered. Functions take the library first, as the rest of the
 * data layer does.
 */
import { BroadsheetError } from '../../shared/errors'
import type { Feed } from '../../shared/model'
import type { Library } from '../library/open-library'
import { stmt } from '../library/statements'

/** A `feeds` row. */
export interface FeedRow {
  id: number
  title: string
  user_title: string | null
  url: string
  site_url: string | null
  folder: string
  etag: string | null
  last_modified: string | null
  body_hash: string | null
  interval_minutes: number
  last_fetched_at: string | null
  next_fetch_at: string | null
  error: string | null
  error_count: number
  full_text: number
  created_at: string
}

/** Default minutes between scheduled refreshes of a feed. */
export const DEFAULT_INTERVAL_MINUTES = 60

const COUNTS_SQL = `SELECT feed_id, count(*) AS total, sum(read = 0) AS unread FROM articles
  WHERE feed_id IS NOT NULL AND trashed_at IS NULL GROUP BY feed_id`

function parseFolder(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

/** A row as the contract's `Feed`. */
export function toFeed(row: FeedRow, counts?: { total: number; unread: number }): Feed {
  return {
    id: String(row.id),
    title: row.user_title ?? row.title,
    feedTitle: row.title,
    url: row.url,
    siteUrl: row.site_url,
    folder: parseFolder(row.folder),
    intervalMinutes: row.interval_minutes,
    fullText: row.full_text === 1,
    lastFetchedAt: row.last_fetched_at,
    nextFetchAt: row.next_fetch_at,
    error: row.error,
    errorCount: row.error_count,
    unreadCount: counts?.unread ?? 0,
    articleCount: counts?.total ?? 0,
    createdAt: row.created_at,
  }
}

/** Every feed with its unread and article counts, by folder then title. */
export function listFeeds(lib: Library): Feed[] {
  const counts = new Map<number, { total: number; unread: number }>()
  for (const c of stmt<[], { feed_id: number; total: number; unread: number }>(
    lib.db,
    COUNTS_SQL,
  ).all()) {
    counts.set(c.feed_id, c)
  }
  const rows = stmt<[], FeedRow>(
    lib.db,
    'SELECT * FROM feeds ORDER BY folder, coalesce(user_title, title) COLLATE NOCASE, id',
  ).all()
  return rows.map((r) => toFeed(r, counts.get(r.id)))
}

/** One feed with its counts. */
export function getFeed(lib: Library, id: number): Feed {
  const row = getFeedRow(lib, id)
  const c = stmt<[number], { total: number; unread: number | null }>(
    lib.db,
    `SELECT count(*) AS total, sum(read = 0) AS unread FROM articles
     WHERE feed_id = ? AND trashed_at IS NULL`,
  ).get(row.id)
  return toFeed(row, { total: c?.total ?? 0, unread: c?.unread ?? 0 })
}

/** A feed's row (throws `not_found` with what to do). */
export function getFeedRow(lib: Library, id: number): FeedRow {
  const row = stmt<[number], FeedRow>(lib.db, 'SELECT * FROM feeds WHERE id = ?').get(id)
  if (!row) {
    throw new BroadsheetError(
      'not_found',
      `Feed ${id} was not found; list your feeds with \`broadsheet feeds list\`.`,
    )
  }
  return row
}

/** A feed's row id from its id (`"12"`) or its exact URL. */
export function resolveFeedId(lib: Library, idOrUrl: string): number {
  const s = idOrUrl.trim()
  if (/^\d+$/.test(s)) return getFeedRow(lib, Number(s)).id
  const row = stmt<[string], { id: number }>(lib.db, 'SELECT id FROM feeds WHERE url = ?').get(s)
  if (!row) {
    throw new BroadsheetError(
      'not_found',
      `No feed has the id or URL "${s}"; list your feeds with \`broadsheet feeds list\`.`,
    )
  }
  return row.id
}

/** The feed subscribed at `url`, if any. */
export function findFeedByUrl(lib: Library, url: string): FeedRow | null {
  return stmt<[string], FeedRow>(lib.db, 'SELECT * FROM feeds WHERE url = ?').get(url) ?? null
}

/** What a new subscription starts with. */
export interface NewFeed {
  url: string
  title: string
  siteUrl?: string | null
  folder?: string[]
  userTitle?: string | null
  intervalMinutes?: number
  fullText?: boolean
}

/** Insert a feed (due for its first fetch now); refuses a URL already subscribed. */
export function insertFeed(lib: Library, feed: NewFeed): number {
  if (findFeedByUrl(lib, feed.url)) {
    throw new BroadsheetError(
      'conflict',
      `You already follow ${feed.url}; see it with \`broadsheet feeds list\`.`,
    )
  }
  const now = lib.now().toISOString()
  const result = stmt(
    lib.db,
    `INSERT INTO feeds (title, url, site_url, folder, user_title, interval_minutes, full_text,
       created_at, next_fetch_at)
     VALUES (@title, @url, @site_url, @folder, @user_title, @interval, @full_text, @now, @now)`,
  ).run({
    title: feed.title,
    url: feed.url,
    site_url: feed.siteUrl ?? null,
    folder: JSON.stringify(cleanFolder(feed.folder ?? [])),
    user_title: feed.userTitle ?? null,
    interval: feed.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES,
    full_text: feed.fullText ? 1 : 0,
    now,
  })
  return Number(result.lastInsertRowid)
}

/** Folder names trimmed, empty ones dropped. */
export function cleanFolder(folder: string[]): string[] {
  return folder.map((f) => f.trim()).filter(Boolean)
}

/** A change the user makes to a feed. `title: null` goes back to the feed's own title. */
export interface FeedPatch {
  title?: string | null
  folder?: string[]
  intervalMinutes?: number
  fullText?: boolean
  url?: string
}

/** Rename, move to a folder, change the interval or the URL of a feed. */
export function updateFeed(lib: Library, id: number, patch: FeedPatch): Feed {
  lib.transaction(() => {
    const row = getFeedRow(lib, id)
    if (patch.title !== undefined) {
      const title = patch.title?.trim() || null
      stmt(lib.db, 'UPDATE feeds SET user_title = ? WHERE id = ?').run(
        title === row.title ? null : title,
        id,
      )
    }
    if (patch.folder !== undefined) {
      stmt(lib.db, 'UPDATE feeds SET folder = ? WHERE id = ?').run(
        JSON.stringify(cleanFolder(patch.folder)),
        id,
      )
    }
    if (patch.intervalMinutes !== undefined) {
      stmt(lib.db, 'UPDATE feeds SET interval_minutes = ? WHERE id = ?').run(
        patch.intervalMinutes,
        id,
      )
    }
    if (patch.fullText !== undefined) {
      stmt(lib.db, 'UPDATE feeds SET full_text = ? WHERE id = ?').run(patch.fullText ? 1 : 0, id)
    }
    if (patch.url !== undefined && patch.url !== row.url) {
      if (findFeedByUrl(lib, patch.url)) {
        throw new BroadsheetError('conflict', `You already follow ${patch.url}.`)
      }
      // A new address: forget the old one's validators so the next fetch is a full one.
      stmt(
        lib.db,
        'UPDATE feeds SET url = ?, etag = NULL, last_modified = NULL, body_hash = NULL WHERE id = ?',
      ).run(patch.url, id)
    }
  })
  return getFeed(lib, id)
}

/**
 * Unsubscribe. Articles from the feed are kept (they only lose their feed) unless
 * `trashArticles` is set, when they go to the trash (restorable for 30 days).
 */
export function removeFeed(
  lib: Library,
  id: number,
  options: { trashArticles?: boolean } = {},
): { removed: number; trashed: number } {
  return lib.transaction(() => {
    getFeedRow(lib, id)
    let trashed = 0
    if (options.trashArticles) {
      trashed = stmt(
        lib.db,
        'UPDATE articles SET trashed_at = ? WHERE feed_id = ? AND trashed_at IS NULL',
      ).run(lib.now().toISOString(), id).changes
    }
    stmt(lib.db, 'DELETE FROM feeds WHERE id = ?').run(id)
    return { removed: 1, trashed }
  })
}

/** Mark every article of a feed read (or of every feed with `id` null); returns how many changed. */
export function markFeedRead(lib: Library, id: number | null): number {
  if (id !== null) getFeedRow(lib, id)
  const sql =
    id === null
      ? 'UPDATE articles SET read = 1 WHERE feed_id IS NOT NULL AND read = 0 AND trashed_at IS NULL'
      : 'UPDATE articles SET read = 1 WHERE feed_id = ? AND read = 0 AND trashed_at IS NULL'
  return (id === null ? stmt(lib.db, sql).run() : stmt(lib.db, sql).run(id)).changes
}

/** A `feed_items` row. */
export interface FeedItemRow {
  feed_id: number
  item_key: string
  article_id: number | null
  source_hash: string
  imported_hash: string
}

/** What the feed delivered before under `key`, if anything. */
export function getFeedItem(lib: Library, feedId: number, key: string): FeedItemRow | null {
  return (
    stmt<[number, string], FeedItemRow>(
      lib.db,
      'SELECT feed_id, item_key, article_id, source_hash, imported_hash FROM feed_items WHERE feed_id = ? AND item_key = ?',
    ).get(feedId, key) ?? null
  )
}

/** Record (or update) an item and the article it became. */
export function putFeedItem(lib: Library, row: FeedItemRow): void {
  const now = lib.now().toISOString()
  stmt(
    lib.db,
    `INSERT INTO feed_items (feed_id, item_key, article_id, source_hash, imported_hash, first_seen_at, updated_at)
     VALUES (@feed_id, @item_key, @article_id, @source_hash, @imported_hash, @now, @now)
     ON CONFLICT (feed_id, item_key) DO UPDATE SET article_id = excluded.article_id,
       source_hash = excluded.source_hash, imported_hash = excluded.imported_hash,
       updated_at = excluded.updated_at`,
  ).run({ ...row, now })
}
