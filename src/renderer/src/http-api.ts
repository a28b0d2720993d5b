/**
 * Browser mode's client of the contract: the same `Api` the preload gives the desktop window,
 * over `POST /rpc/<method>` to `broadsheet serve`. Built from METHOD_NAMES, so it cannot drift
 * from the contract.
 */
import type { Api, RpcResult } from '../../shared/contract'
// The names alone, not the contract's schemas: the page validates nothing itself, and zod
// would be most of the first script the browser has to load.
import { METHOD_NAMES } from '../../shared/methods'
import { postRpc } from './rpc-fetch'

/** The error a failed call throws, shaped like the preload's. */
export type ApiError = Error & { code: string; current?: unknown }

/** A live update from the server: something changed; `ids`, when present, is only a hint. */
export interface ChangeEvent {
  type: 'changed'
  ids?: string[]
}

function apiError(code: string, message: string, current?: unknown): ApiError {
  const error = new Error(message) as ApiError
  error.code = code
  error.current = current
  return error
}

/**
 * The contract's client over fetch. Same-origin pages need neither argument: the page was
 * opened with `?token=`, and the server answered with a cookie that every later request
 * carries. Pass `token` to send it as a header instead (another origin in tests, or two
 * servers on one host, whose cookies would overwrite each other).
 */
export function createHttpApi(baseUrl = '', token?: string): Api {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  const long = new LongCallSender()
  const api: Partial<Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const name of METHOD_NAMES) {
    api[name] = async (input: unknown) => {
      const url = `${baseUrl}/rpc/${name}`
      const result = carriesLongText(input)
        ? await long.send(new URL(url, location.href).href, input, headers)
        : await postRpc(url, JSON.stringify(input ?? {}), headers)
      if (result.ok) return result.value
      throw apiError(result.error.code, result.error.message, result.error.current)
    }
  }
  return api as Api
}

/** A call sent from the worker: its input goes as it is (the worker makes the JSON). */
export interface LongCall {
  id: number
  url: string
  input: unknown
  headers: Record<string, string>
}

/** The worker's answer to the `LongCall` with the same id. */
export interface LongCallReply {
  id: number
  result: RpcResult
}

/** Calls with a text field this long (a long article's Markdown) are sent from the worker. */
const LONG_TEXT = 100_000

function carriesLongText(input: unknown): boolean {
  if (typeof input !== 'object' || input === null) return false
  return Object.values(input).some((v) => typeof v === 'string' && v.length >= LONG_TEXT)
}

/**
 * Sends calls through rpc-worker.ts, started on first use: turning a megabyte into JSON and
 * handing it to fetch took the page's main thread about 0.1 s, long enough to hold up a
 * keystroke. Where no worker can be started, or it fails to load, calls are sent from the
 * page as any other.
 */
class LongCallSender {
  private worker: Worker | null | undefined
  private next = 0
  private readonly waiting = new Map<number, { call: LongCall; done: (r: RpcResult) => void }>()

  send(url: string, input: unknown, headers: Record<string, string>): Promise<RpcResult> {
    const worker = this.start()
    if (!worker) return postRpc(url, JSON.stringify(input ?? {}), headers)
    const call: LongCall = { id: ++this.next, url, input, headers }
    return new Promise((done) => {
      this.waiting.set(call.id, { call, done })
      worker.postMessage(call)
    })
  }

  private start(): Worker | null {
    if (this.worker !== undefined) return this.worker
    try {
      this.worker = new Worker(new URL('./rpc-worker.ts', import.meta.url), { type: 'module' })
    } catch {
      this.worker = null
      return null
    }
    this.worker.onmessage = (event: MessageEvent<LongCallReply>) => {
      const entry = this.waiting.get(event.data.id)
      this.waiting.delete(event.data.id)
      entry?.done(event.data.result)
    }
    this.worker.onerror = () => {
      // The worker could not load (a packaging or CSP mistake): send from the page instead.
      this.worker?.terminate()
      this.worker = null
      for (const { call, done } of this.waiting.values())
        void postRpc(call.url, JSON.stringify(call.input ?? {}), call.headers).then(done)
      this.waiting.clear()
    }
    return this.worker
  }
}

/**
 * Call `onChange` whenever the library changes, whoever changed it (this page, another
 * window, the CLI). Returns the function that stops listening. After a dropped connection is
 * re-established `onChange` is called too, since changes may have been missed meanwhile.
 */
export function subscribeChanges(
  onChange: (event: ChangeEvent) => void,
  baseUrl = '',
  token?: string,
): () => void {
  // EventSource cannot set headers: the token goes in the query, or the cookie carries it.
  const url = token ? `${baseUrl}/events?token=${encodeURIComponent(token)}` : `${baseUrl}/events`
  const source = new EventSource(url)
  let opened = false
  source.onopen = () => {
    if (opened) onChange({ type: 'changed' })
    opened = true
  }
  source.onmessage = (message: MessageEvent<string>) => {
    let event: ChangeEvent
    try {
      event = JSON.parse(message.data) as ChangeEvent
    } catch {
      return
    }
    if (event.type === 'changed') onChange(event)
  }
  return () => source.close()
}
