/**
 * localizeImages against a real local server and a real temporary library: remote images
 * become assets, failures keep their links and are reported, code is left alone.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localizeImages, storeImage } from '../../../src/main/net/localize-images'
import { type LocalServer, startServer } from '../../helpers/local-http-server'
import { tempLibrary, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

// A real 1×1 PNG and the start of a JPEG (enough for the type check).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)])

let server: LocalServer
let inFlight = 0
let maxInFlight = 0

beforeAll(async () => {
  const image =
    (bytes: Buffer, type: string, delay = 0) =>
    (_req: unknown, res: import('node:http').ServerResponse) => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      setTimeout(() => {
        inFlight--
        res.writeHead(200, { 'Content-Type': type })
        res.end(bytes)
      }, delay)
    }
  const routes: Record<string, ReturnType<typeof image>> = {
    '/a.png': image(PNG, 'image/png'),
    '/photo': image(JPEG, 'application/octet-stream'),
    '/error-page.png': image(Buffer.from('<html>Not found</html>'), 'image/png'),
    '/logo.svg': image(Buffer.from('<svg onload="alert(1)"></svg>'), 'image/svg+xml'),
    '/page.html': image(Buffer.from('hello'), 'text/html'),
  }
  for (let i = 0; i < 10; i++)
    routes[`/slow-${i}.jpg`] = image(Buffer.concat([JPEG, Buffer.from([i])]), 'image/jpeg', 50)
  server = await startServer(routes)
})
afterAll(() => server.close())

describe('localizeImages', () => {
  it('stores remote images and points the links at the assets', async () => {
    const lib = tempLibrary()
    const md = `# Story\n\n![A](${server.url('/a.png')})\n\nText ![B](${server.url('/photo')} "t")\n\n![again](${server.url('/a.png')})\n`
    const r = await localizeImages(lib, md)
    expect(r.failed).toEqual([])
    expect(r.saved).toBe(2)
    const links = [...r.markdown.matchAll(/\]\((assets\/[0-9a-f]{64}\.(\w+))/g)]
    expect(links.map((m) => m[2])).toEqual(['png', 'jpg', 'png'])
    expect(links[0]![1]).toBe(links[2]![1])
    for (const m of links) expect(existsSync(join(lib.assetsDir, m[1]!.slice(7)))).toBe(true)
    expect(r.markdown).toContain(' "t")')
    // Each distinct image was fetched once.
    expect(server.requests.filter((q) => q.path === '/a.png')).toHaveLength(1)
  })

  it('keeps the remote link of an image that fails, and says why', async () => {
    const lib = tempLibrary()
    const urls = ['/missing.png', '/error-page.png', '/logo.svg', '/page.html'].map((p) =>
      server.url(p),
    )
    const md = urls.map((u, i) => `![${i}](${u})`).join('\n\n')
    const r = await localizeImages(lib, md)
    expect(r.markdown).toBe(md)
    expect(r.saved).toBe(0)
    const reasons = Object.fromEntries(r.failed.map((f) => [new URL(f.url).pathname, f.reason]))
    expect(reasons['/missing.png']).toContain('returned 404 Not Found')
    expect(reasons['/error-page.png']).toContain('not a picture')
    expect(reasons['/logo.svg']).toContain('SVG images are not stored')
    expect(reasons['/page.html']).toBe('not a picture (text/html)')
  })

  it('resolves relative links against the base URL and leaves code and asset links alone', async () => {
    const lib = tempLibrary()
    const md = [
      '![rel](../a.png)',
      '```',
      `![in code](${server.url('/photo')})`,
      '```',
      '`![span](/photo)`',
      '![asset](assets/0000000000000000000000000000000000000000000000000000000000000000.png)',
      `<img src="${server.url('/photo')}" alt="html">`,
    ].join('\n\n')
    const r = await localizeImages(lib, md, { baseUrl: server.url('/articles/x.html') })
    expect(r.saved).toBe(2)
    expect(r.markdown).toMatch(/^!\[rel\]\(assets\/[0-9a-f]{64}\.png\)/)
    expect(r.markdown).toContain(`![in code](${server.url('/photo')})`)
    expect(r.markdown).toContain('`![span](/photo)`')
    expect(r.markdown).toMatch(/<img src="assets\/[0-9a-f]{64}\.jpg" alt="html">/)
  })

  it('stores raster data: images and refuses others', async () => {
    const lib = tempLibrary()
    const png = `data:image/png;base64,${PNG.toString('base64')}`
    const r = await localizeImages(lib, `![dot](${png})`)
    expect(r.markdown).toMatch(/^!\[dot\]\(assets\/[0-9a-f]{64}\.png\)$/)
    const svg = await storeImage(lib, 'data:image/svg+xml;base64,PHN2Zz4=')
    expect(svg).toEqual({ reason: expect.stringContaining('SVG') })
  })

  it('fetches at most `concurrency` images at once', async () => {
    const lib = tempLibrary()
    maxInFlight = 0
    const md = Array.from(
      { length: 10 },
      (_, i) => `![${i}](${server.url(`/slow-${i}.jpg`)})`,
    ).join('\n')
    const r = await localizeImages(lib, md, { concurrency: 3 })
    expect(r.saved).toBe(10)
    expect(maxInFlight).toBe(3)
  })
})
