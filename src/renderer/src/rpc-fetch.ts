/**
 * One call of the contract over HTTP (browser mode): `POST /rpc/<method>` with a JSON body,
 * answered by an `RpcResult`. Used by the page (http-api.ts) and by the worker that sends
 * long documents (rpc-worker.ts), so both read answers the same way.
 */
import type { RpcResult } from '../../shared/contract'

/** POST `body` (JSON text) to `url`; any failure comes back as a failed `RpcResult`. */
export async function postRpc(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<RpcResult> {
  let response: Response
  try {
    response = await fetch(url, { method: 'POST', headers, body, credentials: 'same-origin' })
  } catch {
    return {
      ok: false,
      error: {
        code: 'io_error',
        message:
          'Broadsheet is not reachable; check that `broadsheet serve` is still running, then try again.',
      },
    }
  }
  return readResult(response)
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
