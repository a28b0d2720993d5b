// Events for the page (menu commands, "library changed", "open article"), held back until the
// page's bridge has subscribed, so none is lost while the page loads (files opened at launch)
// or reloads. Only types come from Electron; the queue is tested under Node.
import type { WebContents } from 'electron'
import { DESKTOP_EVENT_CHANNEL, type DesktopEvent } from '../../shared/desktop-events'

/** The parts of a window's `WebContents` the queue uses. */
export type EventTarget = Pick<WebContents, 'send' | 'isDestroyed'>

/** At most this many events wait for the page; older ones are dropped first. */
export const MAX_PENDING_EVENTS = 100

/** Sends desktop events to the window's page, or keeps them until it listens. */
export interface DesktopEventQueue {
  /** Send now if the page listens, else keep it. */
  send(event: DesktopEvent): void
  /** The page's bridge has subscribed (its ready message): send what waited. */
  pageReady(): void
  /** The page is (re)loading: keep events until it subscribes again. */
  pageGone(): void
}

/**
 * A queue for the page of `target()` (undefined while there is no window). Repeated
 * "library changed" events waiting together are sent once.
 */
export function createDesktopEventQueue(target: () => EventTarget | undefined): DesktopEventQueue {
  let pending: DesktopEvent[] = []
  let listening = false
  const live = (): EventTarget | undefined => {
    const t = target()
    return t && !t.isDestroyed() ? t : undefined
  }
  return {
    send(event) {
      const t = listening ? live() : undefined
      if (t) {
        t.send(DESKTOP_EVENT_CHANNEL, event)
        return
      }
      if (event.type === 'library-changed' && pending.some((e) => e.type === event.type)) return
      pending.push(event)
      if (pending.length > MAX_PENDING_EVENTS) pending = pending.slice(-MAX_PENDING_EVENTS)
    },
    pageReady() {
      const t = live()
      if (!t) return
      listening = true
      const events = pending
      pending = []
      for (const event of events) t.send(DESKTOP_EVENT_CHANNEL, event)
    },
    pageGone() {
      listening = false
    },
  }
}
