/**
 * Live updates for browser mode: server-sent events telling every open page that the library
 * changed, whoever changed it.
 */
import type { ServerResponse } from 'node:http'
import { watchLibraryChanges } from '../library/library-watch'
import type { Library } from '../library/open-library'

/** What a page receives: something changed; `ids`, when present, is a hint, not the full list. */
export interface ChangeEvent {
  type: 'changed'
  ids?: string[]
}

/** A comment line this often keeps proxies and idle timeouts from dropping the stream. */
const HEARTBEAT_MS = 15_000
/** At most this many ids in one event; past that the page refreshes broadly anyway. */
const MAX_IDS = 200

/** The open event streams and the poll that feeds them. */
export interface ChangeHub {
  /** Take over a response as an event stream until the client goes or the hub closes. */
  attach(res: ServerResponse): void
  /** Tell every page about a change this server made itself (its own writes). */
  notify(event: ChangeEvent): void
  /** End every stream and stop polling. */
  close(): void
}

/**
 * Writes by other processes (the CLI, the desktop app) are seen through SQLite's
 * `PRAGMA data_version`, which changes on this connection only when another connection
 * commits (`watchLibraryChanges`, every 500 ms while at least one page listens). The
 * server's own writes never move it, so the server reports those through `notify`.
 */
export function createChangeHub(lib: Library): ChangeHub {
  const clients = new Set<ServerResponse>()
  let unwatch: (() => void) | null = null
  let heartbeat: NodeJS.Timeout | null = null
  let since = ''
  let closed = false

  const latest = () =>
    (
      lib.db
        .prepare(`SELECT max(max(updated_at), ifnull(max(trashed_at), '')) AS t FROM articles`)
        .get() as { t: string | null }
    ).t ?? ''

  function broadcast(event: ChangeEvent): void {
    const frame = `data: ${JSON.stringify(event)}\n\n`
    for (const res of clients) res.write(frame)
  }

  /** Another connection committed: tell every page, with the ids it probably touched. */
  function changed(): void {
    // Which articles: those saved or trashed since the last look. State changes and purges do
    // not move these times, which is why ids are only a hint.
    let ids: string[]
    try {
      const rows = lib.db
        .prepare(
          `SELECT uid, max(updated_at, ifnull(trashed_at, '')) AS t FROM articles
           WHERE updated_at > ? OR trashed_at > ? ORDER BY t DESC LIMIT ${MAX_IDS + 1}`,
        )
        .all(since, since) as { uid: string; t: string }[]
      if (rows[0] && rows[0].t > since) since = rows[0].t
      ids = rows.length > MAX_IDS ? [] : rows.map((r) => r.uid)
    } catch {
      ids = []
    }
    broadcast(ids.length ? { type: 'changed', ids } : { type: 'changed' })
  }

  function start(): void {
    since = latest()
    unwatch = watchLibraryChanges(lib, changed)
    heartbeat = setInterval(() => {
      for (const res of clients) res.write(': heartbeat\n\n')
    }, HEARTBEAT_MS)
  }

  function stop(): void {
    unwatch?.()
    if (heartbeat) clearInterval(heartbeat)
    unwatch = heartbeat = null
  }

  return {
    attach(res) {
      if (closed) {
        res.statusCode = 503
        res.end()
        return
      }
      res.statusCode = 200
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8')
      res.setHeader('Cache-Control', 'no-store')
      res.setHeader('X-Accel-Buffering', 'no')
      // The retry hint and a first comment get the headers out now, so the page knows it is live.
      res.write('retry: 2000\n: connected\n\n')
      if (clients.size === 0) start()
      clients.add(res)
      res.on('close', () => {
        clients.delete(res)
        if (clients.size === 0) stop()
      })
    },
    notify(event) {
      broadcast(event)
    },
    close() {
      closed = true
      stop()
      for (const res of clients) res.end()
      clients.clear()
    },
  }
}
