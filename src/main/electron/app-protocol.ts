// The app:// protocol: the renderer bundle and the library's images, served with a CSP. The
// path checks live in app-protocol-paths.ts (pure, tested).
import { net, protocol } from 'electron'
import { extname } from 'node:path'
import { pathToFileURL } from 'node:url'
import { assetFile, mimeForExtension } from '../library/assets'
import type { Library } from '../library/open-library'
import { APP_CSP, APP_SCHEME, ASSET_CSP, resolveAppPath } from './app-protocol-paths'

export { APP_URL, resolveAppPath } from './app-protocol-paths'

/**
 * Declare `app:` a standard, secure scheme that may use fetch. Must run before the app is
 * ready. No CORS or service-worker support: nothing else needs to reach it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * Serve `app://broadsheet/` from `rendererDir` and `app://broadsheet/assets/<hash>.<ext>` from
 * the library; everything else is a 404. Only GET and HEAD are answered.
 */
export function registerAppProtocol(rendererDir: string, lib: Library): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(405)
    const target = resolveAppPath(rendererDir, request.url)
    if (!target) return notFound()
    const file = target.kind === 'file' ? target.path : assetFile(lib, target.name)
    if (!file) return notFound()
    let response: Response
    try {
      response = await net.fetch(pathToFileURL(file).href)
    } catch {
      return notFound()
    }
    if (!response.ok) return notFound()
    const headers = new Headers(response.headers)
    headers.set('X-Content-Type-Options', 'nosniff')
    headers.set('Content-Security-Policy', target.kind === 'asset' ? ASSET_CSP : APP_CSP)
    if (target.kind === 'asset') {
      headers.set('Content-Type', mimeForExtension(extname(file).slice(1)))
    }
    return new Response(request.method === 'HEAD' ? null : response.body, {
      status: 200,
      headers,
    })
  })
}

function notFound(status = 404): Response {
  return new Response(status === 405 ? 'Method not allowed' : 'Not found', {
    status,
    headers: { 'Content-Type': 'text/plain', 'X-Content-Type-Options': 'nosniff' },
  })
}
