/** Renders a long document's preview parts away from the page's main thread (see preview-worker.ts). */
import { PartsBaseline } from '../../../shared/markdown/parts-delta'
import { newPartsCaches, renderPreviewParts } from './preview-parts'
import type { RenderReply, RenderRequest } from './preview-worker'

// One worker serves one preview: its caches are that document's last render, and its baseline
// the parts that preview was last sent.
const caches = newPartsCaches()
const sent = new PartsBaseline()

self.onmessage = (event: MessageEvent<RenderRequest>) => {
  const { id, markdown, wordsPerMinute, linePrefix } = event.data
  let reply: RenderReply
  try {
    reply = {
      id,
      delta: sent.diff(renderPreviewParts(markdown, wordsPerMinute, linePrefix, caches)),
    }
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) }
  }
  self.postMessage(reply)
}
