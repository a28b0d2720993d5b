/** The status bar's word counting, away from the page's main thread (see word-count.ts). */
import { type CountRequest, countDocument } from './word-count'

self.onmessage = (event: MessageEvent<CountRequest>) => {
  const { id, markdown } = event.data
  self.postMessage({ id, ...countDocument(markdown) })
}
