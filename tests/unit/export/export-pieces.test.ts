import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { imageSize } from '../../../src/main/export/image-size'
import { renderForExport } from '../../../src/main/export/render-article'
import { SlugAllocator, slugForFile } from '../../../src/main/export/slugs'
import { toXhtml } from '../../../src/main/export/xhtml'
import { attachment, exportRequestFromQuery } from '../../../src/main/server/export-route'
import { EXPORT_REQUEST } from '../../../src/shared/contract'
import type { Article } from '../../../src/shared/model'
import { png } from './fixtures'

const article = (markdown: string) => ({ markdown, title: 'T' }) as Article

describe('file names', () => {
  it('are readable in any script and safe on every file system', () => {
    expect(slugForFile('Die Videokamera im Test: 4K für 199 €!')).toBe(
      'die-videokamera-im-test-4k-fur-199',
    )
    expect(slugForFile('人工智能的新闻')).toBe('人工智能的新闻')
    expect(slugForFile('../../etc/passwd')).toBe('etc-passwd')
    expect(slugForFile('CON')).toBe('con-')
    expect(slugForFile('???')).toBe('article')
    expect(slugForFile('x'.repeat(200))).toHaveLength(60)
  })

  it('never repeat within one export, ignoring case', () => {
    const slugs = new SlugAllocator()
    slugs.reserve('assets')
    expect(['Same', 'same', 'SAME', 'Assets'].map((t) => slugs.fileName(t, 'md'))).toEqual([
      'same.md',
      'same-2.md',
      'same-3.md',
      'assets-2.md',
    ])
  })
})

describe('image sizes', () => {
  it('are read from PNG, GIF and JPEG headers', () => {
    expect(imageSize(png(33, 21, [1, 2, 3]))).toEqual({ width: 33, height: 21 })
    const gif = Buffer.from('474946383961' + '4001' + '2000' + '000000', 'hex')
    expect(imageSize(gif)).toEqual({ width: 320, height: 32 })
    // SOI, an APP0 segment to skip, then SOF0 with height 480 and width 640.
    const jpeg = Buffer.from(
      'ffd8' + 'ffe00004' + '0000' + 'ffc0000b08' + '01e0' + '0280' + '01011100',
      'hex',
    )
    expect(imageSize(jpeg)).toEqual({ width: 640, height: 480 })
    expect(imageSize(Buffer.from('not an image'))).toBeNull()
  })
})

describe('export HTML', () => {
  it('prefixes ids and fragment links in tags only, never in text', () => {
    const r = renderForExport(article('## Part one\n\n[go](#part-one) `id="x" href="#y"`\n'), {
      assetUrl: () => null,
      idPrefix: 'a2-',
    })
    expect(r.html).toContain('<h2 id="a2-h-part-one">')
    expect(r.html).toContain('href="#a2-h-part-one"')
    expect(r.html).toContain('<code>id="x" href="#y"</code>')
    expect(r.toc).toEqual([{ level: 2, text: 'Part one', id: 'a2-h-part-one' }])
  })

  it('becomes well-formed XHTML with MathML and no form controls for EPUB', () => {
    const html = renderForExport(article('- [x] done\n\n$x^2$ <br> a&nbsp;b\n'), {
      assetUrl: () => null,
    }).html
    const { xhtml, mathml } = toXhtml(html)
    expect(mathml).toBe(true)
    expect(xhtml).not.toMatch(/<input|katex-html|&nbsp;/)
    expect(xhtml).toContain('☑ ')
    expect(xhtml).toContain('<br />')
    const { DOMParser } = new JSDOM('').window
    const doc = new DOMParser().parseFromString(xhtml, 'application/xhtml+xml')
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
  })
})

describe('the download route', () => {
  it('reads its request from the query string and checks it with the contract', () => {
    const q = new URLSearchParams('format=pdf&ids=abcd,efgh&combine=1&pageSize=Letter&title=Mappe')
    expect(EXPORT_REQUEST.parse(exportRequestFromQuery(q))).toEqual({
      scope: { ids: ['abcd', 'efgh'] },
      format: 'pdf',
      options: { combine: true, pageSize: 'Letter', title: 'Mappe' },
    })
    const bad = new URLSearchParams('format=pdf&pageSize=A3&all=1')
    expect(EXPORT_REQUEST.safeParse(exportRequestFromQuery(bad)).success).toBe(false)
  })

  it('names the file safely in Content-Disposition', () => {
    expect(attachment('café "x".pdf')).toBe(
      `attachment; filename="caf_ _x_.pdf"; filename*=UTF-8''caf%C3%A9%20%22x%22.pdf`,
    )
  })
})
