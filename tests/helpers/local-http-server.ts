/**
 * A real HTTP server on 127.0.0.1 (port 0) for network tests: routes are plain node:http
 * handlers keyed by path. Started in `beforeAll`, closed in `afterAll`.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A route handler: the request as received and the response to write. */
export type Route = (req: IncomingMessage, res: ServerResponse) => void

/** A running server: its base URL, the last request per path, and close(). */
export interface LocalServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  origin: string
  /** Requests received, in order (path and headers), for checking what was sent. */
  requests: { path: string; headers: IncomingMessage['headers'] }[]
  url(path: string): string
  close(): Promise<void>
}

/** Start a server answering `routes` (exact path match, query ignored); 404 otherwise. */
export async function startServer(routes: Record<string, Route>): Promise<LocalServer> {
  const requests: LocalServer['requests'] = []
  const sockets = new Set<import('node:net').Socket>()
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    requests.push({ path, headers: req.headers })
    const route = routes[path]
    if (route) route(req, res)
    else {
      res.statusCode = 404
      res.end('not here')
    }
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    requests,
    url: (path) => `${origin}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Slow routes keep sockets open on purpose; do not wait for them.
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
