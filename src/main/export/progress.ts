/**
 * How a writer reports progress and hears of cancellation. Writers work article by article on
 * the main thread; between articles they call `tick`, which reports, stops a cancelled export,
 * and now and then gives the event loop a turn, so browser mode's server (and the desktop
 * app's IPC) can answer progress polls and a Cancel while a long export runs.
 */
import type { ExportOptions } from './types'

/** Thrown by `tick` once the export's signal is aborted. */
export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.')
    this.name = 'ExportCancelled'
  }
}

/** Report and yield between articles: `done` of `total` finished, `current` now under way. */
export type Tick = (done: number, total: number, current: string | null) => Promise<void>

/** Longest stretch of work between two turns of the event loop. */
const SLICE_MS = 25

/** A `tick` for one export's options. */
export function progressTicker(options: ExportOptions): Tick {
  let last = performance.now()
  return async (done, total, current) => {
    if (options.signal?.aborted) throw new ExportCancelled()
    options.onProgress?.(done, total, current)
    if (performance.now() - last < SLICE_MS) return
    await new Promise((resolve) => setImmediate(resolve))
    last = performance.now()
    if (options.signal?.aborted) throw new ExportCancelled()
  }
}
