/**
 * Refreshing feeds on their schedule while the app or `broadsheet serve` runs: every minute,
 * the feeds whose next fetch time has come (each feed's interval, default 60 minutes, ±10%
 * jitter; longer for failing feeds, see refresh.ts) are refreshed a few at a time.
 *
 * The scheduler writes through its own connection to the library, so the browser-mode
 * server sees its imports as outside writes and tells open pages, as it does for the CLI.
 */
import type { FeedRefreshResult } from '../../shared/model'
import { type Library, openLibrary } from '../library/open-library'
import { DEFAULT_CONCURRENCY, dueFeedIds, refreshFeeds } from './refresh'
import { downloadImagesStep } from './images'

/** Options for `startFeedScheduler`. */
export interface SchedulerOptions {
  /** How often due feeds are looked for. Default one minute. */
  checkEveryMs?: number
  /** Delay before the first look (the app has just started). Default 10 s. */
  firstCheckMs?: number
  /** Feeds fetched at once. Default 4. */
  concurrency?: number
  /** Download images into the library (default true). */
  images?: boolean
  /** Called after each round that refreshed something. */
  onRefreshed?: (results: FeedRefreshResult[]) => void
  /** Called when a round fails as a whole (the library could not be read, …). */
  onError?: (err: unknown) => void
}

/** A running scheduler. */
export interface FeedScheduler {
  /** Refresh what is due now (also what the timer does); resolves when the round is over. */
  runDue(): Promise<FeedRefreshResult[]>
  /** Stop, wait for a round in progress to finish, and close the scheduler's connection. */
  stop(): Promise<void>
}

/** Start refreshing `lib`'s feeds on schedule. Call `stop()` before the library closes. */
export function startFeedScheduler(lib: Library, options: SchedulerOptions = {}): FeedScheduler {
  const own = openLibrary(lib.dir, {
    explicit: false,
    purgeExpiredTrash: false,
    backupBeforeMigrating: false,
    now: lib.now,
  })
  const step = options.images === false ? undefined : downloadImagesStep(own)
  let running: Promise<FeedRefreshResult[]> | null = null
  let stopped = false
  let timer: NodeJS.Timeout | null = null

  const runDue = (): Promise<FeedRefreshResult[]> => {
    if (stopped) return Promise.resolve([])
    if (running) return running
    running = (async () => {
      try {
        const ids = dueFeedIds(own)
        if (ids.length === 0) return []
        const results = await refreshFeeds(own, ids, {
          concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
          step,
        })
        options.onRefreshed?.(results)
        return results
      } catch (err) {
        options.onError?.(err)
        return []
      } finally {
        running = null
      }
    })()
    return running
  }

  const schedule = (ms: number) => {
    if (stopped) return
    timer = setTimeout(() => {
      void runDue().finally(() => schedule(options.checkEveryMs ?? 60_000))
    }, ms)
    // A timer alone never keeps the process alive (the CLI must be able to exit).
    timer.unref()
  }
  schedule(options.firstCheckMs ?? 10_000)

  return {
    runDue,
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      if (running) await running
      own.close()
    },
  }
}
