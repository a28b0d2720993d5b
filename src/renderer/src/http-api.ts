/**
 * Browser mode's client of the contract: the same `Api` the preload gives the desktop window,
 * over `POST /rpc/<method>` to `broadsheet serve`. Built from METHOD_NAMES, so it cannot drift
 * from the contract.
 */
import type { Api, RpcResult } from '../../shared/contract'
// The names alone, not the contract's schemas: the page validates nothing itself, and zod
// would be most of the first script the browser has to load.
import { METHOD_NAMES } from '../../shared/methods'

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
  const api: Partial<Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const name of METHOD_NAMES) {
    api[name] = async (input: unknown) => {
      let response: Response
      try {
        response = await fetch(`${baseUrl}/rpc/${name}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        })
      } catch {
        throw apiError(
          'io_error',
          'Broadsheet is not reachable; check that `broadsheet serve` is still running, then try again.',
        )
      }
      const result = await readResult(response)
      if (result.ok) return result.value
      throw apiError(result.error.code, result.error.message, result.error.current)
    }
  }
  return api as Api
}

/** The RpcResult in a response; anything else (401, a proxy's page) becomes a failure. */
async function readResult(response: Response): Promise<RpcResult> {
  if (response.status === 401) {
    return {
      ok: false,
      error: {
        code: 'io_error',
        message:
          'The server refused the access token; open the link that `broadsheet serve` printed again.',
      },
    }
  }
  const type = response.headers.get('Content-Type') ?? ''
  if (type.startsWith('application/json')) {
    try {
      return (await response.json()) as RpcResult
    } catch {
      // Fall through: a truncated body is reported like any other unexpected answer.
    }
  }
  return {
    ok: false,
    error: {
      code: response.status === 413 ? 'invalid_input' : 'io_error',
      message: `The server answered ${response.status} ${response.statusText}; try again.`,
    },
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
