import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFeedScheduler } from '../../../src/main/feeds/scheduler'
import { getFeed, insertFeed } from '../../../src/main/feeds/store'
import { type LocalServer, startServer } from '../../helpers/local-http-server'
import { tempLibrary, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

let server: LocalServer
let fetches = 0

beforeAll(async () => {
  server = await startServer({
    '/s.xml': (_req, res) => {
      fetches++
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' })
      res.end(
        `<rss><channel><title>Sched</title><item><guid>1</guid><title>One</title></item></channel></rss>`,
      )
    },
  })
})
afterAll(() => server.close())

describe('the feed scheduler', () => {
  it('refreshes due feeds on its own, then waits for their interval', async () => {
    const lib = tempLibrary()
    const id = insertFeed(lib, { url: server.url('/s.xml'), title: 'pending', intervalMinutes: 30 })
    const rounds: number[] = []
    const scheduler = startFeedScheduler(lib, {
      firstCheckMs: 10,
      checkEveryMs: 50,
      images: false,
      onRefreshed: (r) => rounds.push(r.length),
    })
    try {
      for (let i = 0; i < 200 && rounds.length === 0; i++)
        await new Promise((r) => setTimeout(r, 25))
      // Several more checks happen; the feed is not due again for about 30 minutes.
      await new Promise((r) => setTimeout(r, 300))
    } finally {
      await scheduler.stop()
    }
    expect(rounds).toEqual([1])
    expect(fetches).toBe(1)
    const feed = getFeed(lib, id)
    expect(feed).toMatchObject({ title: 'Sched', articleCount: 1, error: null })
    const wait = Date.parse(feed.nextFetchAt!) - Date.parse(feed.lastFetchedAt!)
    expect(wait).toBeGreaterThanOrEqual(27 * 60_000)
    expect(wait).toBeLessThanOrEqual(33 * 60_000)
    // Stopped: it does nothing more.
    expect(await scheduler.runDue()).toEqual([])
  })
})
