// Events for the page (menu commands, "library changed", "open article"), held back while
// the page is loading so none is lost before its bridge has subscribed. Only types come from
// Electron; the queue is tested under Node.
import type { WebContents } from 'electron'
import { DESKTOP_EVENT_CHANNEL, type DesktopEvent } from '../../shared/desktop-events'

/** The parts of a window's `WebContents` the queue uses. */
export type EventTarget = Pick<WebContents, 'send' | 'isLoading' | 'isDestroyed'>

/** At most this many events wait for a loading page; older ones are dropped first. */
export const MAX_PENDING_EVENTS = 100

/** Sends desktop events to the window's page, or keeps them until it has loaded. */
export interface DesktopEventQueue {
  /** Send now if the page is ready, else keep it for `flush`. */
  send(event: DesktopEvent): void
  /** Send what was kept (call on the page's `did-finish-load`). */
  flush(): void
}

/**
 * A queue for the page of `target()` (undefined while there is no window). Repeated
 * "library changed" events waiting together are sent once.
 */
export function createDesktopEventQueue(target: () => EventTarget | undefined): DesktopEventQueue {
  let pending: DesktopEvent[] = []
  const ready = (t: EventTarget | undefined): t is EventTarget =>
    t !== undefined && !t.isDestroyed() && !t.isLoading()
  return {
    send(event) {
      const t = target()
      if (ready(t)) {
        t.send(DESKTOP_EVENT_CHANNEL, event)
        return
      }
      if (event.type === 'library-changed' && pending.some((e) => e.type === event.type)) return
      pending.push(event)
      if (pending.length > MAX_PENDING_EVENTS) pending = pending.slice(-MAX_PENDING_EVENTS)
    },
    flush() {
      const t = target()
      if (!ready(t)) return
      const events = pending
      pending = []
      for (const event of events) t.send(DESKTOP_EVENT_CHANNEL, event)
    },
  }
}
