// Writes to the library by other processes (the CLI, a second app, browser mode), as the
// desktop shell and browser mode's event stream see them: SQLite's `PRAGMA data_version`,
// which changes on this connection only when another one commits.
import type { Library } from './open-library'

/** How often the database is asked whether another connection wrote to it. */
export const WATCH_INTERVAL_MS = 500

/**
 * Call `onChange` (at most once per `intervalMs`) after another connection commits to `lib`.
 * This connection's own writes never call it: the code that made them reports them. Returns
 * a function that stops watching. A closed library stops being asked; errors are ignored.
 */
export function watchLibraryChanges(
  lib: Library,
  onChange: () => void,
  intervalMs = WATCH_INTERVAL_MS,
): () => void {
  const read = (): number => lib.db.pragma('data_version', { simple: true }) as number
  let version = read()
  const timer = setInterval(() => {
    if (!lib.db.open) return
    let now: number
    try {
      now = read()
    } catch {
      return
    }
    if (now === version) return
    version = now
    onChange()
  }, intervalMs)
  // Watching alone must never keep a process (a test, the CLI) alive.
  timer.unref()
  return () => clearInterval(timer)
}
