import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveAppPath } from '../../../src/main/electron/app-protocol-paths'

const root = resolve('/srv/app/out/renderer')
const HASH = 'a'.repeat(64)

describe('resolveAppPath', () => {
  it('maps / (and no path) to index.html', () => {
    expect(resolveAppPath(root, 'app://broadsheet/')).toEqual({
      kind: 'file',
      path: join(root, 'index.html'),
    })
    expect(resolveAppPath(root, 'app://broadsheet')).toEqual({
      kind: 'file',
      path: join(root, 'index.html'),
    })
    expect(resolveAppPath(root, 'app://broadsheet/?x=1#top')).toEqual({
      kind: 'file',
      path: join(root, 'index.html'),
    })
  })

  it('maps bundle files inside the renderer folder, ignoring query and fragment', () => {
    expect(resolveAppPath(root, 'app://broadsheet/assets/index-Bx1_9z.js?v=2#x')).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'index-Bx1_9z.js'),
    })
    expect(resolveAppPath(root, 'app://broadsheet/fonts/KaTeX%20Main.woff2')).toEqual({
      kind: 'file',
      path: join(root, 'fonts', 'KaTeX Main.woff2'),
    })
  })

  it('maps /assets/<64 hex>.<ext> to a library asset', () => {
    expect(resolveAppPath(root, `app://broadsheet/assets/${HASH}.png`)).toEqual({
      kind: 'asset',
      name: `${HASH}.png`,
    })
    expect(resolveAppPath(root, `app://broadsheet/assets/${HASH}.svg?x`)).toEqual({
      kind: 'asset',
      name: `${HASH}.svg`,
    })
  })

  it('does not treat near-miss asset names as assets', () => {
    // Upper-case hex or a nested path is not an asset name; it is looked up in the bundle.
    const upper = resolveAppPath(root, `app://broadsheet/assets/${'A'.repeat(64)}.png`)
    expect(upper?.kind).toBe('file')
    expect(resolveAppPath(root, `app://broadsheet/assets/x/${HASH}.png`)?.kind).toBe('file')
    expect(resolveAppPath(root, `app://broadsheet/assets/${HASH}.png/..`)).toBeNull()
  })

  it.each([
    'app://broadsheet/../../etc/passwd',
    'app://broadsheet/assets/../../../etc/passwd',
    'app://broadsheet/./index.html',
    'app://broadsheet/a/./b.js',
    'app://broadsheet/..',
    'app://broadsheet/%2e%2e/%2e%2e/etc/passwd',
    'app://broadsheet/%2E%2E/secret',
    'app://broadsheet/.%2e/secret',
    'app://broadsheet/%2e./secret',
    'app://broadsheet/%2e/index.html',
    'app://broadsheet/..%2fsecret',
    'app://broadsheet/..%2Fsecret',
    'app://broadsheet/%2fetc%2fpasswd',
    'app://broadsheet/..%5csecret',
    'app://broadsheet/..%5Csecret',
    'app://broadsheet/%252e%252e/secret',
    'app://broadsheet/%25/x',
    'app://broadsheet/..\\secret',
    'app://broadsheet/a\\b.js',
    'app://broadsheet/index.html%00.png',
    'app://broadsheet/index.html\u0000',
    'app://broadsheet/%0aindex.html',
    'app://broadsheet//etc/passwd',
    'app://broadsheet///etc/passwd',
    'app://broadsheet/assets/',
    'app://broadsheet/C:/Windows/win.ini',
    'app://broadsheet/C:%5CWindows%5Cwin.ini',
    'app://broadsheet/index.html::$DATA',
    'app://broadsheet/%E0%A4%A',
    'app://broadsheet/%',
  ])('rejects traversal and hostile path %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull()
  })

  it.each([
    'app://evil/index.html',
    'app://broadsheet.evil/index.html',
    'app://evil.broadsheet/index.html',
    'app://BROADSHEET.evil/',
    'app://user@broadsheet/index.html',
    'app://user:pass@broadsheet/index.html',
    'app://broadsheet:8080/index.html',
    'app:///index.html',
    'app:index.html',
    'file:///etc/passwd',
    'file://broadsheet/index.html',
    'http://broadsheet/index.html',
    'https://broadsheet/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/index.html',
    'index.html',
    '',
    'not a url',
  ])('rejects other schemes, hosts and authorities %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull()
  })

  it('rejects non-strings, huge URLs and an empty renderer folder', () => {
    expect(resolveAppPath(root, undefined as unknown as string)).toBeNull()
    expect(resolveAppPath(root, 42 as unknown as string)).toBeNull()
    expect(
      resolveAppPath(root, { toString: () => 'app://broadsheet/' } as unknown as string),
    ).toBeNull()
    expect(resolveAppPath(root, `app://broadsheet/${'a'.repeat(5000)}.js`)).toBeNull()
    expect(resolveAppPath('', 'app://broadsheet/')).toBeNull()
  })

  it('never returns a file outside the renderer folder, whatever the input', () => {
    const pieces = ['..', '.', '%2e', '%2E', '%2f', '%5c', '\\', '/', 'a', '%00', '%252e', ':', '']
    for (const a of pieces)
      for (const b of pieces)
        for (const c of pieces) {
          const result = resolveAppPath(root, `app://broadsheet/${a}${b}/${c}x.js`)
          if (result?.kind === 'file') expect(result.path.startsWith(root + '/')).toBe(true)
        }
  })
})
