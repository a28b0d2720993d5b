import { describe, expect, it } from 'vitest'
import { createDesktopEventQueue, MAX_PENDING_EVENTS } from '../../../src/main/electron/event-queue'
import { DESKTOP_EVENT_CHANNEL } from '../../../src/shared/desktop-events'

/** A window's contents as far as the queue can tell: gone or not, and what it was sent. */
class Page {
  destroyed = false
  received: unknown[] = []
  send(channel: string, event: unknown) {
    expect(channel).toBe(DESKTOP_EVENT_CHANNEL)
    this.received.push(event)
  }
  isDestroyed = () => this.destroyed
}

describe('createDesktopEventQueue', () => {
  it('keeps events until the page listens, then sends them in order', () => {
    const page = new Page()
    const queue = createDesktopEventQueue(() => page)
    queue.send({ type: 'open-article', id: 'ABC123' })
    queue.send({ type: 'library-changed' })
    queue.send({ type: 'library-changed' })
    expect(page.received).toEqual([])
    queue.pageReady()
    expect(page.received).toEqual([
      { type: 'open-article', id: 'ABC123' },
      { type: 'library-changed' },
    ])
    // Listening now: sent at once.
    queue.send({ type: 'command', id: 'article.new' })
    expect(page.received).toHaveLength(3)
    expect(page.received[2]).toEqual({ type: 'command', id: 'article.new' })
  })

  it('holds events again while the page reloads', () => {
    const page = new Page()
    const queue = createDesktopEventQueue(() => page)
    queue.pageReady()
    queue.pageGone()
    queue.send({ type: 'command', id: 'palette.open' })
    expect(page.received).toEqual([])
    queue.pageReady()
    expect(page.received).toEqual([{ type: 'command', id: 'palette.open' }])
  })

  it('waits for a window that does not exist yet, or replaces a destroyed one', () => {
    let page: Page | undefined
    const queue = createDesktopEventQueue(() => page)
    queue.send({ type: 'command', id: 'palette.open' })
    queue.pageReady()
    page = new Page()
    page.destroyed = true
    queue.pageReady()
    expect(page.received).toEqual([])
    page = new Page()
    queue.pageReady()
    expect(page.received).toEqual([{ type: 'command', id: 'palette.open' }])
  })

  it('keeps only the newest events when the page never listens', () => {
    const page = new Page()
    const queue = createDesktopEventQueue(() => page)
    for (let i = 0; i < MAX_PENDING_EVENTS + 10; i++) {
      queue.send({ type: 'open-article', id: `A${i}` })
    }
    queue.pageReady()
    expect(page.received).toHaveLength(MAX_PENDING_EVENTS)
    expect(page.received[0]).toEqual({ type: 'open-article', id: 'A10' })
  })
})
