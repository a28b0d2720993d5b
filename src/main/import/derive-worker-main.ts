// The derive worker's entry in a built app: electron-vite bundles it beside the main process's
// index.js (electron.vite.config.ts), where there are no TypeScript sources for
// derive-worker-boot.mjs to load. A failure is reported through the shared counters, as the
// boot file does, and the writing thread then imports without the worker.
import { workerData } from 'node:worker_threads'
import { type AheadInput, runAhead, SLOT } from './derive-worker'

const input = workerData as AheadInput
try {
  runAhead(input)
} catch {
  const counters = new Int32Array(input.shared)
  Atomics.store(counters, SLOT.failed, 1)
  Atomics.notify(counters, SLOT.produced)
}
