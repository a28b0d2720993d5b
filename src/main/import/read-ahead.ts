import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { type AheadFile, type AheadInput, type AheadResult, SLOT } from './derive-worker'

/** Imports smaller than this derive on the writing thread: a worker takes a while to start. */
export const READ_AHEAD_MIN_FILES = 1000
/** Waiting this long for the worker's next answer means it is stuck: import without it. */
const STALL_MS = 60_000

// The worker's entry, the first that exists: the built one beside the main process's bundle
// (out/main/derive-worker.js, from derive-worker-main.ts: the desktop app), else the boot file
// beside this one, which loads the TypeScript sources through tsx (the CLI, which names modules
// by their source path even when bundled; tests; benches). Named through variables so a
// bundler leaves them alone. Where neither exists the import runs on one thread.
const WORKER_NAMES = ['./derive-worker.js', './derive-worker-boot.mjs']
const BOOT = WORKER_NAMES.map((name) => new URL(name, import.meta.url)).find((url) =>
  existsSync(fileURLToPath(url)),
)

/**
 * The writing thread's end of the import pipeline: a worker thread reads and derives the files
 * in order (derive-worker.ts) while this thread stores the previous ones. The import stays
 * synchronous: `take` blocks on shared counters until the worker's answer for the next file
 * has arrived. Until the worker has started, and whenever it cannot help (it failed to start,
 * as in a bundle without the TypeScript sources, or it stalled), `take` returns null and the
 * caller does the work itself, so the import gives the same result either way, only slower.
 */
export class ReadAhead {
  private readonly counters: Int32Array
  private readonly queue: AheadResult[] = []
  private head = 0
  private consumed = 0
  private closed = false
  private handedOver = false

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    shared: SharedArrayBuffer,
  ) {
    this.counters = new Int32Array(shared)
  }

  /**
   * Start a worker for `files` (in import order), or null where none can run. `entry` is the
   * worker's file (tests name a built one).
   */
  static start(
    found: readonly AheadFile[],
    wordsPerMinute: number,
    entry: URL | undefined = BOOT,
  ): ReadAhead | null {
    // Only what the worker needs crosses over (a FoundFile also holds the display path).
    const files = found.map(({ file, root }) => ({ file, root }))
    if (found.length < READ_AHEAD_MIN_FILES || !entry) return null
    const shared = new SharedArrayBuffer(4 * Object.keys(SLOT).length)
    const { port1, port2 } = new MessageChannel()
    const input: AheadInput = { files, wordsPerMinute, shared, port: port2 }
    let worker: Worker
    try {
      worker = new Worker(entry, { workerData: input, transferList: [port2] })
    } catch {
      port1.close()
      return null
    }
    // Errors are seen through the counters; an unheard 'error' event would end the process.
    worker.on('error', () => {})
    worker.unref()
    return new ReadAhead(worker, port1, shared)
  }

  /**
   * Block until the worker has started (at most `timeoutMs`), so that it answers for every
   * file: for tests, which must know which thread derived what.
   */
  waitUntilReady(timeoutMs = 60_000): void {
    const until = performance.now() + timeoutMs
    while (Atomics.load(this.counters, SLOT.ready) === 0 && performance.now() < until) {
      if (Atomics.load(this.counters, SLOT.failed) !== 0) return
      Atomics.wait(this.counters, SLOT.ready, 0, 50)
    }
  }

  /**
   * The worker's answer for file `index` (call once per file, in order), or null if the caller
   * must do this one itself.
   */
  take(index: number): AheadResult | null {
    if (this.closed) return null
    if (!this.handedOver) {
      // Still starting: the caller does this file. Once ready, it does every file from here.
      if (Atomics.load(this.counters, SLOT.ready) === 0) return null
      Atomics.store(this.counters, SLOT.from, index + 1)
      Atomics.notify(this.counters, SLOT.from)
      this.handedOver = true
    }
    let waited = 0
    while (this.head === this.queue.length) {
      const produced = Atomics.load(this.counters, SLOT.produced)
      const received = receiveMessageOnPort(this.port)
      if (received !== undefined) {
        this.queue.length = 0
        this.head = 0
        this.queue.push(...(received.message as AheadResult[]))
        break
      }
      if (Atomics.load(this.counters, SLOT.failed) !== 0 || waited >= STALL_MS) {
        this.close()
        return null
      }
      const start = performance.now()
      Atomics.wait(this.counters, SLOT.produced, produced, 1000)
      waited += performance.now() - start
    }
    const result = this.queue[this.head++]!
    Atomics.store(this.counters, SLOT.consumed, ++this.consumed)
    Atomics.notify(this.counters, SLOT.consumed)
    return result
  }

  /** Stop the worker (it may be mid-file; its answers are dropped). */
  close(): void {
    if (this.closed) return
    this.closed = true
    Atomics.store(this.counters, SLOT.stop, 1)
    Atomics.notify(this.counters, SLOT.consumed)
    Atomics.notify(this.counters, SLOT.from)
    this.port.close()
    void this.worker.terminate()
  }
}
