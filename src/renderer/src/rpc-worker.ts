/**
 * Sends contract calls that carry a long text (saving a 1 MB article) from a worker: turning
 * the input into JSON and handing a megabyte to fetch cost the page's main thread about 0.1 s,
 * long enough to hold up a keystroke typed meanwhile. See `LongCallSender` in http-api.ts.
 */
import { postRpc } from './rpc-fetch'
import type { LongCall, LongCallReply } from './http-api'

self.onmessage = async (event: MessageEvent<LongCall>) => {
  const { id, url, input, headers } = event.data
  const result = await postRpc(url, JSON.stringify(input ?? {}), headers)
  self.postMessage({ id, result } satisfies LongCallReply)
}
