/**
 * Live updates: whenever the library changes elsewhere (the CLI, another window, this page's
 * own writes as the server saw them), tell the window. Bursts are coalesced, so a batch
 * import refreshes the list once, not a thousand times.
 */
import { libraryChanged } from './app-state.svelte'

/** A source of change notifications (browser mode's SSE; the desktop may add one). */
export type ChangeSubscriber = (onChange: () => void) => () => void

/** Quiet time after the last change before the window refreshes. */
const COALESCE_MS = 120

/** Start listening; returns the function that stops. */
export function startLiveUpdates(subscribe: ChangeSubscriber): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const stop = subscribe(() => {
    clearTimeout(timer)
    timer = setTimeout(libraryChanged, COALESCE_MS)
  })
  return () => {
    clearTimeout(timer)
    stop()
  }
}
