/**
 * Renders preview parts in a worker, so that parsing a long document (130–230 ms for a 1 MB
 * article after an edit, with the caches) does not block typing; the page then only sanitizes
 * and patches what changed (`IncrementalPreview.apply`). The worker answers with how the parts
 * changed since its last answer (shared/markdown/parts-delta.ts), which this side turns back
 * into all of them.
 */
import type { RenderedPart } from '../../../shared/markdown/render'
import { PartsBaseline, type PartsDelta } from '../../../shared/markdown/parts-delta'

/** A render asked of the worker; the reply carries the same `id`. */
export interface RenderRequest {
  id: number
  markdown: string
  wordsPerMinute: number | undefined
  linePrefix: string
}

/** The worker's answer: how the parts changed since its last answer, or why it could not render. */
export type RenderReply = { id: number; delta: PartsDelta } | { id: number; error: string }

/** One preview's render worker. */
export class PreviewWorker {
  private readonly worker: Worker
  private next = 0
  /** The parts of the worker's last answer: its next one is a delta from them. */
  private readonly received = new PartsBaseline()
  private readonly waiting = new Map<
    number,
    { resolve: (parts: RenderedPart[]) => void; reject: (err: Error) => void }
  >()

  /** Throws where no worker can be started (then render in the page). */
  constructor() {
    this.worker = new Worker(new URL('./preview-render.worker.ts', import.meta.url), {
      type: 'module',
    })
    this.worker.onmessage = (event: MessageEvent<RenderReply>) => {
      const reply = event.data
      const waiter = this.waiting.get(reply.id)
      this.waiting.delete(reply.id)
      if ('error' in reply) {
        waiter?.reject(new Error(reply.error))
        return
      }
      // Applied even when nobody waits for it: the worker's next delta counts from it.
      let parts: RenderedPart[]
      try {
        parts = this.received.apply(reply.delta)
      } catch (err) {
        // Out of step with the worker (a bug): every render fails, and the page renders itself.
        waiter?.reject(err as Error)
        this.fail(err as Error)
        return
      }
      waiter?.resolve(parts)
    }
    // The worker could not load (a packaging or CSP mistake) or died: every render waiting fails.
    this.worker.onerror = (event) => {
      event.preventDefault()
      this.fail(new Error(event.message || 'the preview worker failed'))
    }
  }

  /** The parts of `markdown`, rendered in the worker with `linePrefix` for its line marks. */
  render(
    markdown: string,
    wordsPerMinute: number | undefined,
    linePrefix: string,
  ): Promise<RenderedPart[]> {
    const id = ++this.next
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.worker.postMessage({ id, markdown, wordsPerMinute, linePrefix } satisfies RenderRequest)
    })
  }

  /** Stop the worker; renders still waiting never settle. */
  dispose(): void {
    this.worker.terminate()
    this.waiting.clear()
  }

  private fail(err: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(err)
    this.waiting.clear()
  }
}
