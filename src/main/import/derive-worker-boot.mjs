// Starts derive-worker.ts in a worker thread through tsx, as bin/broadsheet starts the CLI: the
// sources run as TypeScript, with no build step. A failure to load is reported to the writing
// thread through the shared counters, which then imports without the worker.
import { workerData } from 'node:worker_threads'

try {
  const { register } = await import('tsx/esm/api')
  register()
  const { runAhead } = await import('./derive-worker.ts')
  runAhead(workerData)
} catch {
  const counters = new Int32Array(workerData.shared)
  Atomics.store(counters, 3, 1) // SLOT.failed
  Atomics.notify(counters, 0)
}
