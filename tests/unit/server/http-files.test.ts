import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { addAsset } from '../../../src/main/library/assets'
import { tempDir, tempLibrary, useTempLibraries } from '../../helpers/temp-library'
import { bearer, raw, serve, useServers } from './harness'

// What the server reads from disk: the library's assets and the renderer bundle, and never
// anything beside them however the path is spelled.
useTempLibraries()
useServers()

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

describe('GET /assets/<sha256>.<ext>', () => {
  it('serves an asset with its type and an immutable cache', async () => {
    const lib = tempLibrary()
    const link = addAsset(lib, PNG, 'image/png')
    const { port, token } = await serve(lib)
    const r = await raw(port, `/${link}`, { headers: bearer(token) })
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe('image/png')
    expect(r.headers['cache-control']).toBe('private, max-age=31536000, immutable')
    expect(r.headers['content-length']).toBe(String(PNG.length))
    // An <img> cannot send a header: the cookie is how the page's images carry the token.
    const viaCookie = await raw(port, `/${link}`, {
      headers: { Cookie: `broadsheet_token_${port}=${token}` },
    })
    expect(viaCookie.status).toBe(200)
    expect((await raw(port, `/${link}`)).status).toBe(401)
  })

  it('serves an SVG under a sandbox policy, so opened directly it runs nothing', async () => {
    const lib = tempLibrary()
    const link = addAsset(lib, Buffer.from(SVG), 'image/svg+xml')
    const { port, token } = await serve(lib)
    const r = await raw(port, `/${link}`, { headers: bearer(token) })
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe('image/svg+xml')
    expect(r.headers['content-security-policy']).toMatch(/(^|; )sandbox(;|$)/)
    expect(r.headers['x-content-type-options']).toBe('nosniff')
  })

  it('never serves the database or anything outside assets/, however the path is spelled', async () => {
    const lib = tempLibrary()
    const { port, token } = await serve(lib)
    const paths = [
      '/assets/../library.db',
      '/assets/%2e%2e%2flibrary.db',
      '/assets/..%2flibrary.db',
      '/assets/%2e%2e/library.db',
      '/library.db',
      '/..%2f..%2fetc/passwd',
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%5clibrary.db',
      `/assets/${'a'.repeat(64)}.png`,
      `/assets/${'a'.repeat(64)}.png%00.db`,
    ]
    for (const path of paths) {
      const r = await raw(port, path, { headers: bearer(token) })
      expect(r.status, path).toBe(404)
      expect(r.body).not.toContain('SQLite format')
      expect(r.body).not.toContain('root:')
    }
  })
})

describe('the renderer bundle', () => {
  function bundle(): string {
    const root = tempDir()
    const dir = join(root, 'renderer')
    mkdirSync(join(dir, 'assets'), { recursive: true })
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>')
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log(1)')
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.css'), 'body{}')
    writeFileSync(join(dir, 'assets', 'KaTeX_Main.woff2'), 'font')
    writeFileSync(join(dir, 'assets', 'logo.svg'), '<svg/>')
    writeFileSync(join(dir, 'assets', 'icon.png'), PNG)
    writeFileSync(join(dir, 'manifest.json'), '{}')
    writeFileSync(join(root, 'secret.txt'), 'top secret')
    symlinkSync(join(root, 'secret.txt'), join(dir, 'link.txt'))
    return dir
  }

  it('serves the page and its files with the right types', async () => {
    const { port, token } = await serve(tempLibrary(), { staticDir: bundle() })
    const types: Record<string, RegExp> = {
      '/': /^text\/html/,
      '/index.html': /^text\/html/,
      '/assets/index-Ab12Cd34.js': /^text\/javascript/,
      '/assets/index-Ab12Cd34.css': /^text\/css/,
      '/assets/KaTeX_Main.woff2': /^font\/woff2$/,
      '/assets/logo.svg': /^image\/svg\+xml$/,
      '/assets/icon.png': /^image\/png$/,
      '/manifest.json': /^application\/json/,
    }
    for (const [path, type] of Object.entries(types)) {
      const r = await raw(port, path, { headers: bearer(token) })
      expect(r.status, path).toBe(200)
      expect(r.headers['content-type'], path).toMatch(type)
    }
    const page = await raw(port, `/?token=${token}`)
    expect(page.body).toContain('<title>app</title>')
    expect(String(page.headers['set-cookie'])).toContain(`broadsheet_token_${port}=`)
  })

  it('answers 404 to unknown paths (only / is the page)', async () => {
    const { port, token } = await serve(tempLibrary(), { staticDir: bundle() })
    for (const path of ['/nope', '/articles/123', '/assets/', '/assets']) {
      expect((await raw(port, path, { headers: bearer(token) })).status, path).toBe(404)
    }
  })

  it('refuses paths that leave the bundle folder, symlinks included', async () => {
    const { port, token } = await serve(tempLibrary(), { staticDir: bundle() })
    const paths = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/link.txt',
      '/%ff',
      '/index.html%00.js',
    ]
    for (const path of paths) {
      const r = await raw(port, path, { headers: bearer(token) })
      expect(r.status, path).toBe(404)
      expect(r.body).not.toContain('top secret')
    }
  })

  it('says to build first when there is no bundle', async () => {
    const { port, token } = await serve(tempLibrary(), { staticDir: join(tempDir(), 'missing') })
    const page = await raw(port, '/', { headers: bearer(token) })
    expect(page.status).toBe(200)
    expect(page.body).toContain('npm run build')
    expect((await raw(port, '/index.js', { headers: bearer(token) })).status).toBe(404)
  })
})
