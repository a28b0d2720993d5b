/**
 * The status bar's word count: what it counts (the readable words of the body, front matter
 * left out), and a counter that does the counting off the main thread, so that a long
 * document's count (about 0.2 s for 1 MB) never lands between two keystrokes. The front
 * matter's message when it cannot be read comes with the count: the editor alone (Edit mode)
 * has no preview to show it.
 */
import { splitFrontMatter } from '../../../shared/document/front-matter'
import { markdownToPlainText } from '../../../shared/document/plain-text'
import { countWords } from '../../../shared/document/reading-time'

/** Words, and CJK characters (counted one by one), of a Markdown document. */
export interface WordCount {
  words: number
  cjkChars: number
  /** Why the front matter cannot be read (`splitFrontMatter`'s message), else `null`. */
  frontMatterError: string | null
}

/** Count the readable words of `markdown` (its body, as a reader would read it). */
export function countDocument(markdown: string): WordCount {
  const fm = splitFrontMatter(markdown)
  return { ...countWords(markdownToPlainText(fm.body)), frontMatterError: fm.error }
}

/** A request to the worker; the reply carries the same `id` and the count. */
export interface CountRequest {
  id: number
  markdown: string
}

/**
 * Counts documents in a worker and reports the latest count only: a reply to a request that
 * a newer one has replaced is dropped. Where no worker can be started, counts in a task of
 * its own on the main thread instead.
 */
export class WordCounter {
  private worker: Worker | null = null
  private latest = 0
  /** The text of the request the worker has not answered yet. */
  private pending: string | null = null

  constructor(private readonly onCount: (count: WordCount) => void) {
    try {
      this.worker = new Worker(new URL('./word-count.worker.ts', import.meta.url), {
        type: 'module',
      })
      this.worker.onmessage = (event: MessageEvent<CountRequest & WordCount>) => {
        if (event.data.id !== this.latest) return
        this.pending = null
        this.onCount(event.data)
      }
      this.worker.onerror = () => {
        // The worker could not load (a packaging or CSP mistake): count here from now on.
        this.worker?.terminate()
        this.worker = null
        if (this.pending !== null) this.count(this.pending)
      }
    } catch {
      this.worker = null
    }
  }

  /** Count `markdown`; `onCount` hears the result unless a newer request comes first. */
  count(markdown: string): void {
    const id = ++this.latest
    if (this.worker) {
      this.pending = markdown
      this.worker.postMessage({ id, markdown } satisfies CountRequest)
      return
    }
    setTimeout(() => {
      if (id === this.latest) this.onCount(countDocument(markdown))
    })
  }

  /** Stop the worker. */
  dispose(): void {
    this.worker?.terminate()
    this.worker = null
    this.pending = null
    this.latest++
  }
}
