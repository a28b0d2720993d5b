/**
 * Refreshing feeds: a conditional GET (ETag / Last-Modified, 304), a hash of the body for
 * servers that send neither, the stored URL updated on a permanent redirect, and a per-feed
 * error state with exponential backoff. A feed that fails keeps its articles and says why.
 */
import { BroadsheetError } from '../../shared/errors'
import type { FeedRefreshResult } from '../../shared/model'
import type { Library } from '../library/open-library'
import { stmt } from '../library/statements'
import { FetchError, type FetchOptions, fetchResource } from '../net/http-fetch'
import { sha256 } from './identity'
import { type MarkdownStep, importItems } from './import-items'
import { parseFeedBytes } from './parse/parse-feed'
import { type FeedRow, findFeedByUrl, getFeedRow } from './store'

/** What a feed request accepts. */
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5'

/** Longest wait between tries of a failing feed. */
export const MAX_BACKOFF_MS = 24 * 60 * 60_000

/** Options for a refresh. */
export interface RefreshOptions {
  /** Network limits (timeout, size) for each feed. */
  fetch?: Pick<FetchOptions, 'timeoutMs' | 'maxBytes'>
  /** Rewrites each new or updated article before it is stored (e.g. image download). */
  step?: MarkdownStep
  /** Fetch in full even when the feed is unchanged (ignore ETag, Last-Modified, body hash). */
  force?: boolean
}

/** When a feed is due next: its interval, ±10% so feeds added together spread out. */
export function nextFetchTime(now: Date, intervalMinutes: number, random = Math.random): string {
  const ms = intervalMinutes * 60_000
  return new Date(now.getTime() + ms + (random() * 2 - 1) * ms * 0.1).toISOString()
}

/** When a failing feed is tried again: its interval doubled per failure in a row, up to a day. */
export function backoffTime(
  now: Date,
  intervalMinutes: number,
  errorCount: number,
  random = Math.random,
): string {
  const ms = Math.min(MAX_BACKOFF_MS, intervalMinutes * 60_000 * 2 ** Math.max(0, errorCount - 1))
  return new Date(now.getTime() + ms * (0.9 + random() * 0.2)).toISOString()
}

/** Refreshes in progress in this process, by library folder and feed id. */
const inFlight = new Map<string, Promise<FeedRefreshResult>>()

/**
 * Refresh one feed. Never throws for a network or feed problem: the result says what failed.
 * A refresh of a feed already being refreshed in this process (the scheduler and a click on
 * "Refresh" at once) waits for that one instead of fetching and importing twice.
 */
export function refreshFeed(
  lib: Library,
  feedId: number,
  options: RefreshOptions = {},
): Promise<FeedRefreshResult> {
  const key = `${lib.dir}\u0000${feedId}`
  const running = inFlight.get(key)
  if (running) return running
  const run = refreshOnce(lib, feedId, options).finally(() => inFlight.delete(key))
  inFlight.set(key, run)
  return run
}

async function refreshOnce(
  lib: Library,
  feedId: number,
  options: RefreshOptions,
): Promise<FeedRefreshResult> {
  let row = getFeedRow(lib, feedId)
  const title = row.user_title ?? row.title
  try {
    const res = await fetchOnceMore(row.url, {
      ...options.fetch,
      accept: FEED_ACCEPT,
      etag: options.force ? null : row.etag,
      lastModified: options.force ? null : row.last_modified,
    })
    if (res.permanentRedirect && res.permanentRedirect !== row.url) {
      row = moveFeed(lib, row, res.permanentRedirect)
    }
    const validators = { etag: res.etag, last_modified: res.lastModified }
    if (res.status === 304) {
      recordFetchSuccess(lib, row, { ...validators, body_hash: row.body_hash })
      return result(row, title, 'unchanged')
    }
    const bodyHash = sha256(res.body)
    if (!options.force && bodyHash === row.body_hash) {
      recordFetchSuccess(lib, row, { ...validators, body_hash: bodyHash })
      return result(row, title, 'unchanged')
    }
    const doc = parseFeedBytes(res.body, { url: res.url, contentType: res.contentType })
    const counts = await importItems(lib, row, doc, options.step)
    recordFetchSuccess(lib, row, {
      ...validators,
      body_hash: bodyHash,
      title: doc.title,
      site_url: doc.siteUrl ?? row.site_url,
    })
    return { ...result(row, title, 'ok'), ...counts }
  } catch (err) {
    const message = errorMessage(err)
    recordFailure(lib, row.id, message)
    return { ...result(row, title, 'failed'), error: message }
  }
}

/**
 * Fetch, trying once more when the connection dropped before an answer: a kept-alive socket
 * the server closed while a long import held the event loop fails that way, and a second
 * try on a fresh socket succeeds.
 */
export async function fetchOnceMore(url: string, options: FetchOptions) {
  try {
    return await fetchResource(url, options)
  } catch (err) {
    if (err instanceof FetchError && err.failure === 'network') return fetchResource(url, options)
    throw err
  }
}

function result(
  row: FeedRow,
  title: string,
  outcome: FeedRefreshResult['outcome'],
): FeedRefreshResult {
  return { feedId: String(row.id), title, outcome, added: 0, updated: 0, keptEdits: 0, error: null }
}

function errorMessage(err: unknown): string {
  if (err instanceof BroadsheetError) return err.message
  return `Refreshing failed unexpectedly (${(err as Error)?.message ?? String(err)}); try again, and report it if it keeps happening.`
}

/** A permanent redirect: the feed now lives at `url` (unless another subscription already has it). */
function moveFeed(lib: Library, row: FeedRow, url: string): FeedRow {
  if (findFeedByUrl(lib, url)) return row
  stmt(lib.db, 'UPDATE feeds SET url = ? WHERE id = ?').run(url, row.id)
  return { ...row, url }
}

/** Record a fetch that worked: validators, body hash, the feed's own title, next due time. */
export function recordFetchSuccess(
  lib: Library,
  row: FeedRow,
  values: {
    etag: string | null
    last_modified: string | null
    body_hash: string | null
    title?: string
    site_url?: string | null
  },
): void {
  const now = lib.now()
  stmt(
    lib.db,
    `UPDATE feeds SET etag = @etag, last_modified = @last_modified, body_hash = @body_hash,
       title = coalesce(@title, title), site_url = coalesce(@site_url, site_url),
       last_fetched_at = @now, next_fetch_at = @next, error = NULL, error_count = 0
     WHERE id = @id`,
  ).run({
    etag: values.etag,
    last_modified: values.last_modified,
    body_hash: values.body_hash,
    title: values.title ?? null,
    site_url: values.site_url ?? null,
    now: now.toISOString(),
    next: nextFetchTime(now, row.interval_minutes),
    id: row.id,
  })
}

function recordFailure(lib: Library, feedId: number, message: string): void {
  const row = stmt<[number], FeedRow>(lib.db, 'SELECT * FROM feeds WHERE id = ?').get(feedId)
  if (!row) return
  const now = lib.now()
  const count = row.error_count + 1
  stmt(
    lib.db,
    `UPDATE feeds SET error = ?, error_count = ?, last_fetched_at = ?, next_fetch_at = ? WHERE id = ?`,
  ).run(message, count, now.toISOString(), backoffTime(now, row.interval_minutes, count), feedId)
}

/** Options for refreshing many feeds. */
export interface RefreshManyOptions extends RefreshOptions {
  /** Feeds fetched at once. Default 4. */
  concurrency?: number
  /** Called after each feed with how many are done. */
  onProgress?: (done: number, total: number, last: FeedRefreshResult) => void
}

/** Feeds fetched at once by default: enough to hide latency, few enough to be polite. */
export const DEFAULT_CONCURRENCY = 4

/** Refresh the given feeds with limited concurrency; results in the order given. */
export async function refreshFeeds(
  lib: Library,
  feedIds: number[],
  options: RefreshManyOptions = {},
): Promise<FeedRefreshResult[]> {
  const results: FeedRefreshResult[] = new Array(feedIds.length)
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY)
  let next = 0
  let done = 0
  const worker = async () => {
    while (next < feedIds.length) {
      const i = next++
      results[i] = await refreshFeed(lib, feedIds[i]!, options)
      done++
      options.onProgress?.(done, feedIds.length, results[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, feedIds.length) }, worker))
  return results
}

/** Every feed's id, in list order. */
export function allFeedIds(lib: Library): number[] {
  return stmt<[], { id: number }>(lib.db, 'SELECT id FROM feeds ORDER BY id')
    .all()
    .map((r) => r.id)
}

/** Feeds whose next fetch time has come. */
export function dueFeedIds(lib: Library): number[] {
  return stmt<[string], { id: number }>(
    lib.db,
    'SELECT id FROM feeds WHERE next_fetch_at IS NULL OR next_fetch_at <= ? ORDER BY next_fetch_at',
  )
    .all(lib.now().toISOString())
    .map((r) => r.id)
}
