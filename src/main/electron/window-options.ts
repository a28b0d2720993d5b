// The window's locked-down settings. Only types come from Electron, so all of this runs (and is
// tested) under plain Node; the entry passes in the real objects.
import type { WebContents, WebPreferences } from 'electron'
import { APP_HOST, APP_SCHEME } from './app-protocol-paths'
import { isAllowedExternalUrl } from './external-url'

/**
 * The window's web preferences: Electron's security checklist, with the sandboxed preload as
 * the page's only bridge to the main process. Spellcheck stays on (it needs no permission).
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    // A middle click must not open a link anywhere (new windows are refused as well).
    disableBlinkFeatures: 'Auxclick',
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
    safeDialogs: true,
  }
}

/**
 * Whether `url` is the app's own content: `app://broadsheet/…`, or in development a page of
 * the dev server at `devServerUrl` (same origin). Anything with credentials is refused.
 */
export function isAppUrl(url: unknown, devServerUrl?: string): boolean {
  if (typeof url !== 'string') return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.username !== '' || parsed.password !== '') return false
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return (
      parsed.hostname === APP_HOST &&
      parsed.port === '' &&
      url.startsWith(`${APP_SCHEME}://${APP_HOST}/`)
    )
  }
  if (!devServerUrl) return false
  let dev: URL
  try {
    dev = new URL(devServerUrl)
  } catch {
    return false
  }
  if (dev.protocol !== 'http:' && dev.protocol !== 'https:') return false
  return parsed.origin === dev.origin
}

/**
 * Which permission requests are granted: none, except writing sanitized text to the clipboard
 * from the app's own pages ("Copy as Markdown" / "Copy as HTML" use `navigator.clipboard`).
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  isApp: (url: string) => boolean,
): boolean {
  return permission === 'clipboard-sanitized-write' && isApp(requestingUrl)
}

/** The parts of `WebContents` that `hardenWebContents` uses (a fake one in tests). */
export type HardenableContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'> & {
  session: Pick<
    WebContents['session'],
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >
}

/**
 * Lock down a window's contents: no new windows (allowed external links go to the system
 * browser instead), no navigation or redirect away from the app (same), no frame navigating
 * away from it, no `<webview>`, and no permissions beyond `isPermissionAllowed`.
 */
export function hardenWebContents(
  contents: HardenableContents,
  isApp: (url: string) => boolean,
  openExternal: (url: string) => void,
): void {
  const leave = (url: string): void => {
    if (isAllowedExternalUrl(url)) openExternal(url)
  }
  contents.setWindowOpenHandler(({ url }) => {
    leave(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event) => {
    if (isApp(event.url)) return
    event.preventDefault()
    leave(event.url)
  })
  contents.on('will-redirect', (event) => {
    if (isApp(event.url)) return
    event.preventDefault()
    leave(event.url)
  })
  // Frames inside the page (none are expected: the CSP and the sanitizer keep them out) stay
  // on the app too; the main frame is handled by will-navigate above.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || isApp(event.url)) return
    event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? '', isApp))
  })
  contents.session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? '', isApp),
  )
  contents.session.setDevicePermissionHandler(() => false)
}
