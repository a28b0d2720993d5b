/**
 * decodeBody: the right characters whatever the page or feed declares (or wrongly declares),
 * checked with hand-encoded bytes and with miniflux's real-world feeds in the shared corpus,
 * fetched through a real local server so the HTTP charset path is the one a refresh takes.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeBody } from '../../../src/main/net/decode-body'
import { fetchResource } from '../../../src/main/net/http-fetch'
import { corpusDir } from '../../helpers/corpus'
import { type LocalServer, startServer } from '../../helpers/local-http-server'

const MINIFLUX = join(corpusDir(), 'feeds', 'miniflux')
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    Buffer.concat(
      parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
    ),
  )

// "Привет" in windows-1251 and in KOI8-R, "日本" in Shift_JIS, "café" in ISO-8859-1.
const PRIVET_1251 = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]
const PRIVET_KOI8 = [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]
const NIHON_SJIS = [0x93, 0xfa, 0x96, 0x7b]
const CAFE_LATIN1 = [0x63, 0x61, 0x66, 0xe9]

describe('decodeBody', () => {
  it('uses the HTTP charset', () => {
    const r = decodeBody(bytes('<p>', PRIVET_1251, '</p>'), {
      contentType: 'text/html; charset=windows-1251',
      kind: 'html',
    })
    expect(r).toEqual({ text: '<p>Привет</p>', charset: 'windows-1251' })
    const sjis = decodeBody(bytes(NIHON_SJIS), {
      contentType: 'text/plain; charset="Shift_JIS"',
      kind: 'html',
    })
    expect(sjis).toEqual({ text: '日本', charset: 'shift_jis' })
  })

  it('uses <meta charset> and http-equiv in HTML', () => {
    const meta = decodeBody(bytes('<meta charset="koi8-r"><p>', PRIVET_KOI8), { kind: 'html' })
    expect(meta.text).toBe('<meta charset="koi8-r"><p>Привет')
    expect(meta.charset).toBe('koi8-r')
    const equiv = decodeBody(
      bytes(
        '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=ISO-8859-1"><p>',
        CAFE_LATIN1,
      ),
      { contentType: 'text/html', kind: 'html' },
    )
    expect(equiv.text.endsWith('café')).toBe(true)
    // ISO-8859-1 is windows-1252 on the web.
    expect(equiv.charset).toBe('windows-1252')
  })

  it('honours a late meta tag only for text that is not UTF-8, and never one in a comment', () => {
    const late = decodeBody(bytes(' '.repeat(1100), '<meta charset="windows-1251">', PRIVET_1251), {
      kind: 'html',
    })
    expect(late.charset).toBe('windows-1251')
    expect(late.text.endsWith('Привет')).toBe(true)
    const utf8 = decodeBody(
      new Uint8Array(Buffer.from(`${' '.repeat(1100)}<meta charset="windows-1251">Привет`)),
      { kind: 'html' },
    )
    expect(utf8.charset).toBe('utf-8')
    const commented = decodeBody(bytes('<!-- <meta charset="koi8-r"> -->', PRIVET_1251), {
      kind: 'html',
    })
    expect(commented.charset).toBe('windows-1252')
  })

  it('uses the XML declaration for feeds, and the HTTP charset over it', () => {
    const decl = bytes('<?xml version="1.0" encoding="KOI8-R"?><t>', PRIVET_KOI8, '</t>')
    expect(decodeBody(decl, { kind: 'xml' }).text).toContain('<t>Привет</t>')
    const overridden = bytes('<?xml version="1.0" encoding="KOI8-R"?><t>', PRIVET_1251, '</t>')
    expect(
      decodeBody(overridden, { contentType: 'application/xml; charset=windows-1251', kind: 'xml' })
        .text,
    ).toContain('<t>Привет</t>')
  })

  it('lets a byte order mark win over every declaration, and removes it', () => {
    const utf8 = bytes([0xef, 0xbb, 0xbf], Buffer.from('<p>Привет</p>').toString('latin1'))
    const r = decodeBody(utf8, { contentType: 'text/html; charset=windows-1251', kind: 'html' })
    expect(r).toEqual({ text: '<p>Привет</p>', charset: 'utf-8' })
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('<a>ü</a>', 'utf16le')])
    expect(decodeBody(utf16, { kind: 'xml' })).toEqual({ text: '<a>ü</a>', charset: 'utf-16le' })
  })

  it('reads valid UTF-8 behind a stale legacy declaration as UTF-8', () => {
    const r = decodeBody(
      new Uint8Array(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><t>Café €</t>')),
      {
        kind: 'xml',
      },
    )
    expect(r.text).toContain('<t>Café €</t>')
    expect(r.charset).toBe('utf-8')
  })

  it('reads windows-1252 and ISO-8859-1 bytes 0x80–0x9F as the euro sign and curly quotes', () => {
    // Node 20's own decoder gives C1 control characters for these; a reader would see boxes.
    const bytes = Uint8Array.from([0x93, 0x80, 0x35, 0x94, 0x20, 0x96, 0x20, 0x99])
    for (const charset of ['windows-1252', 'iso-8859-1', 'latin1']) {
      const { text } = decodeBody(bytes, {
        contentType: `text/html; charset=${charset}`,
        kind: 'html',
      })
      expect(text).toBe('\u201c\u20ac5\u201d \u2013 \u2122')
    }
  })

  it('falls back to UTF-8 when valid, else windows-1252, and never throws on bad bytes', () => {
    expect(decodeBody(new Uint8Array(Buffer.from('naïve')), { kind: 'html' }).charset).toBe('utf-8')
    const latin = decodeBody(bytes(CAFE_LATIN1), { kind: 'xml' })
    expect(latin).toEqual({ text: 'café', charset: 'windows-1252' })
    const broken = decodeBody(bytes('ok ', [0xff, 0xfe, 0xc3]), {
      contentType: 'text/html; charset=utf-8',
      kind: 'html',
    })
    expect(broken.text.startsWith('ok ')).toBe(true)
    expect(broken.text).toContain('\uFFFD')
    const unknown = decodeBody(bytes('<meta charset="no-such-charset">x'), { kind: 'html' })
    expect(unknown.charset).toBe('utf-8')
  })
})

describe('decodeBody on miniflux feeds served over HTTP', () => {
  let server: LocalServer
  const serve =
    (file: string, contentType: string) =>
    (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'Content-Type': contentType })
      res.end(readFileSync(join(MINIFLUX, file)))
    }
  beforeAll(async () => {
    server = await startServer({
      '/koi8r': serve('koi8r.xml', 'application/rss+xml'),
      '/1251': serve('encoding_WINDOWS-1251.xml', 'text/xml'),
      '/latin1': serve('encoding_ISO-8859-1.xml', 'text/xml'),
      '/latin1-undeclared': serve('no_encoding_ISO-8859-1.xml', 'text/xml'),
      '/utf8-bad-prolog': serve('utf8-incorrect-prolog.xml', 'text/xml'),
      '/1252-bad-prolog': serve('windows-1252-incorrect-prolog.xml', 'text/xml'),
      '/1251-header': serve('encoding_WINDOWS-1251.xml', 'text/xml; charset=windows-1251'),
      '/invalid-prolog': serve('invalid-prolog.xml', 'text/xml'),
    })
  })
  afterAll(() => server.close())

  async function fetchText(path: string): Promise<string> {
    const r = await fetchResource(server.url(path))
    return decodeBody(r.body, { contentType: r.contentType, kind: 'xml' }).text
  }

  it('decodes each to the right characters', async () => {
    expect(await fetchText('/koi8r')).toMatch(/[А-Яа-я]{4}/)
    expect(await fetchText('/koi8r')).not.toContain('\uFFFD')
    expect(await fetchText('/1251')).toMatch(/[А-Яа-я]{4}/)
    expect(await fetchText('/1251-header')).toMatch(/[А-Яа-я]{4}/)
    expect(await fetchText('/latin1')).toContain('großer Spaß')
    expect(await fetchText('/latin1-undeclared')).toMatch(/[éèàç]/)
    expect(await fetchText('/utf8-bad-prolog')).toContain('<title>테스트 피드</title>')
    expect(await fetchText('/utf8-bad-prolog')).toContain('Café')
    expect(await fetchText('/1252-bad-prolog')).toContain('<title>Euro €</title>')
    expect(await fetchText('/invalid-prolog')).toContain('<title>테스트 피드</title>')
  })
})
