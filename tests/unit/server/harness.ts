/**
 * Shared by the server tests: a real server on 127.0.0.1 over a real temp library, stopped
 * after each test, and a raw HTTP client that sends exactly the path and headers it is given
 * (fetch would normalise `/assets/../x` and refuses to set Host).
 */
import { request } from 'node:http'
import { afterEach } from 'vitest'
import type { Library } from '../../../src/main/library/open-library'
import {
  type RunningServer,
  type ServerOptions,
  startServer,
} from '../../../src/main/server/http-server'

const running: RunningServer[] = []

/** Start a server for `lib` (no bundle unless `staticDir` is given); closed after the test. */
export async function serve(lib: Library, options: ServerOptions = {}) {
  const server = await startServer(lib, { staticDir: null, ...options })
  running.push(server)
  const url = new URL(server.url)
  return { server, origin: url.origin, port: Number(url.port), token: server.token }
}

/** Register the per-test shutdown (the server never needs its library to close). */
export function useServers(): void {
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()))
  })
}

/** What a raw request got back. */
export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Options for a raw request. */
export interface RawOptions {
  method?: string
  headers?: Record<string, string | number>
  body?: string | Buffer
  /** Send the headers only, then wait for the answer without sending a body. */
  bodyless?: boolean
}

/** One request to 127.0.0.1:port, the path sent byte for byte. */
export function raw(port: number, path: string, options: RawOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${port}`, Connection: 'close', ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    // The server may close the connection while a large body is still being sent.
    req.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code !== 'EPIPE') reject(err)
    })
    if (options.bodyless) {
      req.flushHeaders()
      return
    }
    req.end(options.body)
  })
}

/** The Authorization header for a token. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

/** POST a contract method with fetch, the token in the header. */
export async function call(origin: string, token: string, method: string, input: unknown) {
  const res = await fetch(`${origin}/rpc/${method}`, {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  })
  return { status: res.status, headers: res.headers, body: (await res.json()) as RpcBody }
}

/** A parsed RpcResult body. */
export type RpcBody =
  | { ok: true; value: Record<string, unknown> & { id?: string } }
  | { ok: false; error: { code: string; message: string; current?: unknown } }
