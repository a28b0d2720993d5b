import { describe, expect, it, vi } from 'vitest'
import {
  type HardenableContents,
  hardenWebContents,
  isAppUrl,
  isPermissionAllowed,
  secureWebPreferences,
} from '../../../src/main/electron/window-options'

describe('secureWebPreferences', () => {
  it('follows the security checklist', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      safeDialogs: true,
    })
  })
})

describe('isAppUrl', () => {
  it.each([
    'app://broadsheet/',
    'app://broadsheet/index.html',
    'app://broadsheet/index.html#/article/1',
  ])('accepts the app page %s', (url) => {
    expect(isAppUrl(url)).toBe(true)
  })

  it.each([
    'app://broadsheet',
    'app://broadsheet.evil/',
    'app://evil/',
    'app://user@broadsheet/',
    'app://broadsheet:1/',
    'file:///srv/app/out/renderer/index.html',
    'http://localhost:5173/',
    'https://broadsheet/',
    'about:blank',
    'about:srcdoc',
    'data:text/html,x',
    'javascript:alert(1)',
    '',
    'garbage',
  ])('refuses %s without a dev server', (url) => {
    expect(isAppUrl(url)).toBe(false)
  })

  it('accepts the dev server origin only when given', () => {
    const dev = 'http://localhost:5173'
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5173/src/main.ts', dev)).toBe(true)
    expect(isAppUrl('app://broadsheet/', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppUrl('http://localhost:5173.evil.com/', dev)).toBe(false)
    expect(isAppUrl('http://user@localhost:5173/', dev)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false)
    expect(isAppUrl('http://localhost:5173/', 'file:///x')).toBe(false)
    expect(isAppUrl('http://localhost:5173/', 'not a url')).toBe(false)
  })

  it.each([undefined, null, 1, {}])('refuses the non-string %s', (value) => {
    expect(isAppUrl(value)).toBe(false)
  })
})

describe('isPermissionAllowed', () => {
  const isApp = (url: string) => isAppUrl(url)
  it('denies everything but clipboard writes from the app', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://broadsheet/', isApp)).toBe(true)
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.com/', isApp)).toBe(false)
    for (const p of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal']) {
      expect(isPermissionAllowed(p, 'app://broadsheet/', isApp)).toBe(false)
    }
  })
})

describe('hardenWebContents', () => {
  function fake() {
    const listeners = new Map<string, (...args: unknown[]) => void>()
    const handlers: Record<string, (...args: never[]) => unknown> = {}
    const contents = {
      setWindowOpenHandler: (h: (...args: never[]) => unknown) => (handlers.open = h),
      on: (name: string, fn: (...args: unknown[]) => void) => listeners.set(name, fn),
      session: {
        setPermissionRequestHandler: (h: (...args: never[]) => unknown) => (handlers.request = h),
        setPermissionCheckHandler: (h: (...args: never[]) => unknown) => (handlers.check = h),
        setDevicePermissionHandler: (h: (...args: never[]) => unknown) => (handlers.device = h),
      },
    } as unknown as HardenableContents
    const opened: string[] = []
    hardenWebContents(
      contents,
      (url) => isAppUrl(url),
      (url) => opened.push(url),
    )
    const fire = (name: string, url: string) => {
      const event = { url, preventDefault: vi.fn() }
      listeners.get(name)?.(event, url)
      return event.preventDefault.mock.calls.length > 0
    }
    const call = (name: string, ...args: unknown[]) =>
      (handlers[name] as (...a: unknown[]) => unknown)(...args)
    return { opened, fire, call }
  }

  it('denies new windows and opens only allowed external URLs', () => {
    const { opened, call } = fake()
    expect(call('open', { url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(call('open', { url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(call('open', { url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(call('open', { url: 'app://broadsheet/' })).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://example.com/'])
  })

  it('blocks navigation and redirects away from the app', () => {
    const { opened, fire } = fake()
    expect(fire('will-navigate', 'app://broadsheet/index.html')).toBe(false)
    expect(fire('will-navigate', 'https://example.com/')).toBe(true)
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(fire('will-redirect', 'app://broadsheet/')).toBe(false)
    expect(fire('will-redirect', 'data:text/html,x')).toBe(true)
    expect(fire('will-attach-webview', 'app://broadsheet/')).toBe(true)
    expect(opened).toEqual(['https://example.com/'])
  })

  it('keeps frames inside the page on the app, without opening anything', () => {
    const { opened, fire } = fake()
    expect(fire('will-frame-navigate', 'app://broadsheet/index.html')).toBe(false)
    expect(fire('will-frame-navigate', 'https://example.com/')).toBe(true)
    expect(fire('will-frame-navigate', 'javascript:alert(1)')).toBe(true)
    expect(opened).toEqual([])
  })

  it('denies permission requests and checks', () => {
    const { call } = fake()
    const answers: boolean[] = []
    call('request', null, 'media', (ok: boolean) => answers.push(ok), {
      requestingUrl: 'app://broadsheet/',
    })
    call('request', null, 'clipboard-read', (ok: boolean) => answers.push(ok), {
      requestingUrl: 'app://broadsheet/',
    })
    expect(answers).toEqual([false, false])
    expect(
      call('check', null, 'geolocation', 'app://broadsheet', {
        requestingUrl: 'app://broadsheet/',
      }),
    ).toBe(false)
    expect(call('device', {})).toBe(false)
  })
})
