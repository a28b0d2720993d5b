/**
 * EPUB 3 export: one article or, with `combine`, a collection as one book: metadata, a cover
 * (the featured image, or a generated one), a navigation document listing every article and
 * its sections, the reader stylesheet, every library image inside the book, math as MathML.
 * Checked with EPUBCheck in the tests (no errors, no warnings).
 */
import { createHash } from 'node:crypto'
import type { Article } from '../../shared/model'
import { readingSpeed } from '../library/settings'
import { AssetReader, assetNames } from './asset-links'
import { type BookImage, convertForBook, CORE_IMAGE_TYPES, needsConverting } from './epub-images'
import { coverSvg } from './epub-cover'
import {
  containerXml,
  type ManifestItem,
  type NavEntry,
  navXhtml,
  packageOpf,
  xhtmlPage,
} from './epub-package'
import { escapeAttr, renderForExport } from './render-article'
import { progressTicker } from './progress'
import { SlugAllocator } from './slugs'
import { exportCss, readerCss } from './stylesheets'
import type { ExportBundle, ExportFile, WriterInput } from './types'
import { toXhtml } from './xhtml'
import { zipFiles } from './zip'

/** Rules for books: reading systems set their own page margins and colours. */
const EPUB_CSS = `
.reader { max-width: none; margin: 0; padding: 0; background: none; }
.cover { margin: 0; padding: 0; text-align: center; }
.cover img { max-width: 100%; max-height: 100vh; }
nav#toc ol { list-style: none; padding-left: 1em; }
`

/** Write `<slug>.epub`: one book per article, or one for all with `combine`. */
export async function writeEpub(input: WriterInput): Promise<ExportBundle> {
  const { articles, options } = input
  const books = options.combine && articles.length > 1 ? [articles] : articles.map((a) => [a])
  const slugs = new SlugAllocator()
  const reader = new AssetReader(input.lib)
  const files: ExportFile[] = []
  const tick = progressTicker(options)
  const warnings: string[] = []
  let done = 0
  for (const book of books) {
    const title = book.length === 1 ? book[0]!.title : input.title
    const data = await buildBook(input, reader, book, title, warnings, (article) =>
      tick(done++, articles.length, article.title),
    )
    files.push({ name: `${slugs.stem(title)}.epub`, data })
  }
  await tick(articles.length, articles.length, null)
  return { files, documents: files.map((f) => f.name), warnings }
}

/** A BCP 47 tag for the book: the articles' language when it is a valid tag, else English. */
function bookLanguage(articles: Article[]): string {
  for (const a of articles) {
    if (!a.language) continue
    try {
      return Intl.getCanonicalLocales(a.language)[0]!
    } catch {
      // Not a language tag ("German"): try the next article.
    }
  }
  return 'en'
}

/** A stable identifier: the same articles make the same book id. */
function bookIdentifier(articles: Article[]): string {
  const h = createHash('sha256')
    .update(articles.map((a) => a.id).join(','))
    .digest('hex')
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

async function buildBook(
  input: WriterInput,
  reader: AssetReader,
  articles: Article[],
  title: string,
  /** Images left out (each shows as its alt text in brackets) are reported here. */
  warnings: string[],
  /** Called (and awaited) before each article. */
  progress: (article: Article) => Promise<void>,
): Promise<Uint8Array> {
  const language = bookLanguage(articles)
  const wordsPerMinute = readingSpeed(input.lib)
  const items: ManifestItem[] = []
  const files: ExportFile[] = []
  const add = (item: ManifestItem, data: string | Uint8Array) => {
    items.push(item)
    files.push({
      name: `OEBPS/${item.href}`,
      data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data,
    })
  }
  // WebP and AVIF become PNG or JPEG first (sharp is asynchronous; the rendering is not).
  const converted = new Map<string, BookImage | null>()
  for (const name of new Set(articles.flatMap((a) => assetNames(a.markdown)))) {
    const asset = reader.read(name)
    if (asset !== null && needsConverting(asset.mime)) {
      converted.set(name, await convertForBook(asset))
    }
  }
  const images = new Map<string, string | null>()
  const imageHref = (name: string): string | null => {
    const known = images.get(name)
    if (known !== undefined) return known
    const asset = reader.read(name)
    const image: BookImage | null | undefined =
      asset === null
        ? null
        : converted.has(name)
          ? converted.get(name)
          : CORE_IMAGE_TYPES.has(asset.mime)
            ? { bytes: asset.bytes, mime: asset.mime, ext: name.slice(name.lastIndexOf('.') + 1) }
            : null
    if (!image) {
      images.set(name, null)
      warnings.push(
        asset === null
          ? `The image assets/${name} is missing from the library; the book shows its description instead.`
          : `The image assets/${name} (${asset.mime}) cannot go into a book; it shows its description instead.`,
      )
      return null
    }
    const href = `images/${name.slice(0, name.lastIndexOf('.'))}.${image.ext}`
    add({ id: `img-${images.size + 1}`, href, mediaType: image.mime }, image.bytes)
    images.set(name, href)
    return href
  }

  // The cover: a single article's featured image when the library has it, else a made one.
  const featured = articles.length === 1 ? articles[0]!.featuredImage : null
  const featuredName = featured?.match(/^(?:\.\/)?assets\/([0-9a-f]{64}\.[a-z0-9]{1,5})$/)?.[1]
  let coverHref = featuredName ? imageHref(featuredName) : null
  if (coverHref !== null) {
    items.find((i) => i.href === coverHref)!.properties = ['cover-image']
  } else {
    coverHref = 'images/cover.svg'
    const byline = [...new Set(articles.flatMap((a) => a.authors))].slice(0, 3).join(', ')
    add(
      {
        id: 'cover-image',
        href: coverHref,
        mediaType: 'image/svg+xml',
        properties: ['cover-image'],
      },
      coverSvg(title, byline || null),
    )
  }
  const coverBody = `<section class="cover" epub:type="cover"><img src="${escapeAttr(coverHref)}" alt="${escapeAttr(title)}"/></section>`
  add(
    { id: 'cover', href: 'cover.xhtml', mediaType: 'application/xhtml+xml', spine: true },
    xhtmlPage(title, language, coverBody, 'styles/book.css'),
  )

  const nav: NavEntry[] = []
  const pages: { item: ManifestItem; xhtml: string }[] = []
  for (const [i, article] of articles.entries()) {
    await progress(article)
    const href = `text/article-${i + 1}.xhtml`
    const rendered = renderForExport(article, {
      wordsPerMinute,
      assetUrl: (name) => {
        const image = imageHref(name)
        return image === null ? null : `../${image}`
      },
    })
    const { xhtml, mathml } = toXhtml(rendered.html)
    const lang = article.language ? bookLanguage([article]) : language
    pages.push({
      item: {
        id: `article-${i + 1}`,
        href,
        mediaType: 'application/xhtml+xml',
        properties: mathml ? ['mathml'] : [],
        spine: true,
      },
      xhtml: xhtmlPage(rendered.title, lang, xhtml, '../styles/book.css'),
    })
    nav.push({
      title: rendered.title,
      href,
      children: rendered.toc
        .filter((t) => t.level === 2)
        .map((t) => ({ title: t.text, href: `${href}#${t.id}`, children: [] })),
    })
  }
  // A collection shows its contents as a page after the cover; a single article needs none.
  add(
    {
      id: 'nav',
      href: 'nav.xhtml',
      mediaType: 'application/xhtml+xml',
      properties: ['nav'],
      spine: articles.length > 1,
    },
    navXhtml(title, language, nav),
  )
  for (const p of pages) add(p.item, p.xhtml)
  add(
    { id: 'css', href: 'styles/book.css', mediaType: 'text/css' },
    [readerCss(), exportCss(), EPUB_CSS].join('\n'),
  )

  const single = articles.length === 1 ? articles[0]! : null
  const opf = packageOpf(
    {
      identifier: bookIdentifier(articles),
      title,
      language,
      authors: [...new Set(articles.flatMap((a) => a.authors))],
      date: single?.publishedAt?.slice(0, 10) ?? null,
      description: single?.summary ?? `${articles.length} articles`,
      modified: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    },
    items,
  )
  return zipFiles(
    [
      { name: 'mimetype', data: Buffer.from('application/epub+zip', 'ascii') },
      { name: 'META-INF/container.xml', data: Buffer.from(containerXml(), 'utf8') },
      { name: 'OEBPS/content.opf', data: Buffer.from(opf, 'utf8') },
      ...files,
    ],
    new Set(['mimetype']),
  )
}
