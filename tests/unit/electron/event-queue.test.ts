import { describe, expect, it } from 'vitest'
import { createDesktopEventQueue, MAX_PENDING_EVENTS } from '../../../src/main/electron/event-queue'
import { DESKTOP_EVENT_CHANNEL } from '../../../src/shared/desktop-events'

/** A window's contents as far as the queue can tell: loading or not, and what it was sent. */
class Page {
  loading = true
  destroyed = false
  received: unknown[] = []
  send(channel: string, event: unknown) {
    expect(channel).toBe(DESKTOP_EVENT_CHANNEL)
    this.received.push(event)
  }
  isLoading = () => this.loading
  isDestroyed = () => this.destroyed
}

describe('createDesktopEventQueue', () => {
  it('keeps events while the page loads and sends them once it has', () => {
    const page = new Page()
    const queue = createDesktopEventQueue(() => page)
    queue.send({ type: 'open-article', id: 'ABC123' })
    queue.send({ type: 'library-changed' })
    queue.send({ type: 'library-changed' })
    expect(page.received).toEqual([])
    page.loading = false
    queue.flush()
    expect(page.received).toEqual([
      { type: 'open-article', id: 'ABC123' },
      { type: 'library-changed' },
    ])
    queue.flush()
    expect(page.received).toHaveLength(2)
  })

  it('sends at once to a loaded page', () => {
    const page = new Page()
    page.loading = false
    const queue = createDesktopEventQueue(() => page)
    queue.send({ type: 'command', id: 'article.new' })
    expect(page.received).toEqual([{ type: 'command', id: 'article.new' }])
  })

  it('waits for a window that does not exist yet, or replaces a destroyed one', () => {
    let page: Page | undefined
    const queue = createDesktopEventQueue(() => page)
    queue.send({ type: 'command', id: 'palette.open' })
    page = new Page()
    page.destroyed = true
    page.loading = false
    queue.flush()
    expect(page.received).toEqual([])
    page = new Page()
    page.loading = false
    queue.flush()
    expect(page.received).toEqual([{ type: 'command', id: 'palette.open' }])
  })

  it('keeps only the newest events when a page never loads', () => {
    const page = new Page()
    const queue = createDesktopEventQueue(() => page)
    for (let i = 0; i < MAX_PENDING_EVENTS + 10; i++)
      queue.send({ type: 'open-article', id: `A${i}` })
    page.loading = false
    queue.flush()
    expect(page.received).toHaveLength(MAX_PENDING_EVENTS)
    expect(page.received[0]).toEqual({ type: 'open-article', id: 'A10' })
  })
})
