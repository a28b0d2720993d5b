import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { unzipSync } from 'fflate'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { exportToPath } from '../../../src/main/export/export-articles'
import { tempDir, tempLibrary, useTempLibraries } from '../../helpers/temp-library'
import { createArticle } from '../../../src/main/library/articles'
import { addAsset } from '../../../src/main/library/assets'
import { HOSTILE_SVG, seedLibrary } from './fixtures'

useTempLibraries()

const run = promisify(execFile)

/** EPUBCheck's verdict on a book (Debian ships it as a bare jar). */
async function epubcheck(file: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('java', [
      // A short-lived JVM: the quick compiler and a simple collector start fastest.
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      '-jar',
      '/usr/share/java/epubcheck.jar',
      file,
    ])
    return stdout + stderr
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string }
    return `${e.stdout ?? ''}${e.stderr ?? ''}`
  }
}

const text = (entries: Record<string, Uint8Array>, name: string) =>
  Buffer.from(entries[name]!).toString('utf8')

// EPUBCheck is a JVM: on a busy shared machine it alone can take half a minute.
describe('EPUB export', { timeout: 180_000 }, () => {
  it('makes books that EPUBCheck passes without errors or warnings', async () => {
    const lib = tempLibrary()
    const { ids, images } = seedLibrary(lib)
    const dir = tempDir()
    const collection = join(dir, 'mappe.epub')
    const single = join(dir, 'one.epub')
    const svg = addAsset(lib, Buffer.from(HOSTILE_SVG), 'image/svg+xml')
    const drawing = createArticle(lib, `# Drawing\n\n![chart](${svg})\n`)
    await exportToPath(lib, { ids: [ids[2]!, ids[0]!, ids[1]!, drawing.id] }, 'epub', collection, {
      combine: true,
      title: 'Die Mappe',
    })
    await exportToPath(lib, { ids: [ids[0]!] }, 'epub', single)
    // Both at once: the JVM's start is most of the time.
    const [a, b] = await Promise.all([epubcheck(collection), epubcheck(single)])
    expect(a).toContain('Messages: 0 fatals / 0 errors / 0 warnings')
    expect(b).toContain('Messages: 0 fatals / 0 errors / 0 warnings')

    const book = unzipSync(readFileSync(collection))
    const names = Object.keys(book)
    expect(names[0]).toBe('mimetype')
    expect(text(book, 'mimetype')).toBe('application/epub+zip')
    // The contents list every article in the order chosen, each with its sections.
    const nav = text(book, 'OEBPS/nav.xhtml')
    const titles = [...nav.matchAll(/<li><a href="text\/article-\d\.xhtml">([^<]*)</g)].map(
      (m) => m[1],
    )
    expect(titles).toEqual([
      'Plain words',
      'Die Videokamera im Test',
      'Ein zweiter Bericht',
      'Drawing',
    ])
    // The SVG is in the book without the script it carried.
    expect(text(book, `OEBPS/images/${svg.slice(7)}`)).toContain('<rect')
    expect(nav).toContain('Technik im Detail')
    const opf = text(book, 'OEBPS/content.opf')
    expect(opf).toContain('<dc:title>Die Mappe</dc:title>')
    expect(opf).toContain('<dc:language>de</dc:language>')
    expect(opf).toContain('<dc:creator>Jana Berg</dc:creator>')
    expect(opf).toMatch(/properties="cover-image"/)
    // Every image is inside the book, byte for byte.
    for (const image of images) {
      expect(Buffer.from(book[`OEBPS/images/${image.slice(7)}`]!)).toEqual(
        readFileSync(join(lib.dir, image)),
      )
    }
    const article = text(book, 'OEBPS/text/article-2.xhtml')
    expect(article).toContain('<math')
    expect(article).toContain('☑')
    expect(article).toContain('class="reader"')
    for (const name of names) {
      expect(Buffer.from(book[name]!).toString('latin1')).not.toMatch(
        /<script|onerror|javascript:/i,
      )
    }
    expect(text(book, 'OEBPS/styles/book.css')).toContain('.reader')

    // A single article's featured image is its cover.
    const one = unzipSync(readFileSync(single))
    expect(text(one, 'OEBPS/content.opf')).toMatch(
      new RegExp(
        `href="images/${images[0]!.slice(7)}" media-type="image/png" properties="cover-image"`,
      ),
    )
  })

  it('turns WebP and AVIF images into PNG or JPEG, which EPUBCheck accepts', async () => {
    const lib = tempLibrary()
    // Real WebP and AVIF files, made by libvips: an opaque red photo-like WebP, and an AVIF
    // with transparency.
    const webp = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 220, g: 20, b: 20 } },
    })
      .webp()
      .toBuffer()
    const avif = await sharp({
      create: {
        width: 32,
        height: 32,
        channels: 4,
        background: { r: 0, g: 0, b: 255, alpha: 0.5 },
      },
    })
      .avif()
      .toBuffer()
    expect(webp.subarray(8, 12).toString('latin1')).toBe('WEBP')
    const webpLink = addAsset(lib, webp, 'image/webp')
    const avifLink = addAsset(lib, avif, 'image/avif')
    const broken = addAsset(lib, Buffer.from('RIFF\0\0\0\0WEBPnot really'), 'image/webp')
    const article = createArticle(
      lib,
      `---\ntitle: Modern images\nimage: ${webpLink}\n---\n![A red square](${webpLink})\n\n![A blue glass](${avifLink})\n\n![A broken picture](${broken})\n`,
    )
    const file = join(tempDir(), 'modern.epub')
    const result = await exportToPath(lib, { ids: [article.id] }, 'epub', file)
    expect(await epubcheck(file)).toContain('Messages: 0 fatals / 0 errors / 0 warnings')

    const book = unzipSync(readFileSync(file))
    const opf = text(book, 'OEBPS/content.opf')
    expect(opf).not.toMatch(/image\/(webp|avif)/)
    const stem = (link: string) => link.slice(7, link.lastIndexOf('.'))
    // The opaque WebP is a JPEG, and the cover; the transparent AVIF a PNG.
    expect(opf).toContain(
      `href="images/${stem(webpLink)}.jpg" media-type="image/jpeg" properties="cover-image"`,
    )
    expect(opf).toContain(`href="images/${stem(avifLink)}.png" media-type="image/png"`)
    const jpeg = await sharp(book[`OEBPS/images/${stem(webpLink)}.jpg`]!)
      .raw()
      .toBuffer({ resolveWithObject: true })
    expect(jpeg.info).toMatchObject({ width: 64, height: 48 })
    expect(jpeg.data[0]).toBeGreaterThan(200)
    expect(jpeg.data[2]).toBeLessThan(50)
    const png = await sharp(book[`OEBPS/images/${stem(avifLink)}.png`]!).metadata()
    expect(png).toMatchObject({ format: 'png', width: 32, height: 32, hasAlpha: true })

    const page = text(book, 'OEBPS/text/article-1.xhtml')
    expect(page).toContain(`src="../images/${stem(webpLink)}.jpg"`)
    expect(page).toContain(`src="../images/${stem(avifLink)}.png"`)
    // The file that is no image shows its description, and the export says so.
    expect(page).toContain('<span class="missing-image">[A broken picture]</span>')
    expect(result.warnings).toEqual([
      `The image ${broken} (image/webp) cannot go into a book; it shows its description instead.`,
    ])
  })
})
