/** Renders a long document's preview parts away from the page's main thread (see preview-worker.ts). */
import { newPartsCaches, renderPreviewParts } from './preview-parts'
import type { RenderReply, RenderRequest } from './preview-worker'

// One worker serves one preview: its caches are that document's last render.
const caches = newPartsCaches()

self.onmessage = (event: MessageEvent<RenderRequest>) => {
  const { id, markdown, wordsPerMinute, linePrefix } = event.data
  let reply: RenderReply
  try {
    reply = { id, parts: renderPreviewParts(markdown, wordsPerMinute, linePrefix, caches) }
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) }
  }
  self.postMessage(reply)
}
