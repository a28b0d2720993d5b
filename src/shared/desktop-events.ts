/**
 * The one main → renderer channel besides the contract's replies: a few kinds of small event
 * the desktop shell sends to the page. Dependency-free, because the sandboxed preload bundles
 * it; the main process and the renderer import the types from here so the three agree.
 */

/** The IPC channel the events travel on. */
export const DESKTOP_EVENT_CHANNEL = 'desktop-event'
/**
 * The page → shell message "I am listening", sent when the page subscribes: events that came
 * up while it loaded (files opened at launch) are held until then.
 */
export const DESKTOP_READY_CHANNEL = 'desktop-ready'

/** What the page can be told. */
export type DesktopEvent =
  /** A menu item was chosen: run the app command with this id (see the command registry). */
  | { type: 'command'; id: string }
  /** The library changed (another process wrote, or the shell imported files): refresh lists. */
  | { type: 'library-changed' }
  /** Show this article (e.g. a Markdown file the OS asked the app to open was imported). */
  | { type: 'open-article'; id: string }

/** The subscription the preload exposes as `window.desktop`. */
export interface DesktopBridge {
  /** Call `listener` with each event from the shell; returns a function that stops it. */
  onEvent(listener: (event: DesktopEvent) => void): () => void
}

/** Command ids are short dotted words (`article.new`, `theme.dark`). */
const COMMAND_ID = /^[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+)*$/
/** Article ids are 12 Crockford base-32 characters (see the library's ids). */
const ARTICLE_ID = /^[0-9A-Za-z]{1,64}$/

/**
 * Check an event before it crosses into the page: only the three known shapes, with ids of
 * the expected form, are passed on (as fresh plain objects); anything else gives null.
 */
export function parseDesktopEvent(value: unknown): DesktopEvent | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  switch (v.type) {
    case 'command':
      return typeof v.id === 'string' && v.id.length <= 64 && COMMAND_ID.test(v.id)
        ? { type: 'command', id: v.id }
        : null
    case 'library-changed':
      return { type: 'library-changed' }
    case 'open-article':
      return typeof v.id === 'string' && ARTICLE_ID.test(v.id)
        ? { type: 'open-article', id: v.id }
        : null
    default:
      return null
  }
}
