/**
 * The XML files of an EPUB 3 book: the container, the package document (metadata, manifest,
 * spine), the navigation document and the XHTML page around each article.
 */
import { escapeAttr, escapeText } from './render-article'

/** One file of the book, as the manifest lists it. */
export interface ManifestItem {
  id: string
  /** Path relative to the package document (`text/a1.xhtml`). */
  href: string
  mediaType: string
  /** `nav`, `cover-image`, `mathml`, `svg`… */
  properties?: string[]
  /** In reading order, when it is a page. */
  spine?: boolean
}

/** The book's metadata. */
export interface BookMeta {
  /** `urn:uuid:…` */
  identifier: string
  title: string
  /** A BCP 47 language tag. */
  language: string
  authors: string[]
  /** ISO date, or null. */
  date: string | null
  description: string | null
  /** `CCYY-MM-DDThh:mm:ssZ` */
  modified: string
}

/** One entry of the navigation document, with its sub-entries. */
export interface NavEntry {
  title: string
  href: string
  children: NavEntry[]
}

/** Where the package document lives; every other path is relative to its folder. */
export const PACKAGE_PATH = 'OEBPS/content.opf'

/** META-INF/container.xml: points reading systems at the package document. */
export function containerXml(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="${PACKAGE_PATH}" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`
}

/** The package document. */
export function packageOpf(meta: BookMeta, items: ManifestItem[]): string {
  const dc: string[] = [
    `<dc:identifier id="book-id">${escapeText(meta.identifier)}</dc:identifier>`,
    `<dc:title>${escapeText(meta.title)}</dc:title>`,
    `<dc:language>${escapeText(meta.language)}</dc:language>`,
    ...meta.authors.map((a) => `<dc:creator>${escapeText(a)}</dc:creator>`),
  ]
  if (meta.date) dc.push(`<dc:date>${escapeText(meta.date)}</dc:date>`)
  if (meta.description) dc.push(`<dc:description>${escapeText(meta.description)}</dc:description>`)
  dc.push('<dc:publisher>Broadsheet</dc:publisher>')
  dc.push(`<meta property="dcterms:modified">${meta.modified}</meta>`)
  const cover = items.find((i) => i.properties?.includes('cover-image'))
  // EPUB 2 reading systems find the cover through this element.
  if (cover) dc.push(`<meta name="cover" content="${cover.id}"/>`)
  const manifest = items.map((i) => {
    const props = i.properties?.length ? ` properties="${i.properties.join(' ')}"` : ''
    return `<item id="${i.id}" href="${escapeAttr(i.href)}" media-type="${i.mediaType}"${props}/>`
  })
  const spine = items.filter((i) => i.spine).map((i) => `<itemref idref="${i.id}"/>`)
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${escapeAttr(meta.language)}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    ${dc.join('\n    ')}
  </metadata>
  <manifest>
    ${manifest.join('\n    ')}
  </manifest>
  <spine>
    ${spine.join('\n    ')}
  </spine>
</package>
`
}

function navList(entries: NavEntry[]): string {
  if (entries.length === 0) return ''
  const items = entries.map(
    (e) =>
      `<li><a href="${escapeAttr(e.href)}">${escapeText(e.title)}</a>${navList(e.children)}</li>`,
  )
  return `<ol>${items.join('')}</ol>`
}

/** The navigation document (the book's table of contents). */
export function navXhtml(title: string, language: string, entries: NavEntry[]): string {
  return xhtmlPage(
    title,
    language,
    `<nav epub:type="toc" id="toc"><h1>${escapeText(title)}</h1>${navList(entries)}</nav>`,
    'styles/book.css',
  )
}

/** An XHTML page around `body` (already XHTML). */
export function xhtmlPage(title: string, language: string, body: string, css: string): string {
  const lang = escapeAttr(language)
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${lang}" xml:lang="${lang}">
<head>
<meta charset="utf-8"/>
<title>${escapeText(title)}</title>
<link rel="stylesheet" type="text/css" href="${escapeAttr(css)}"/>
</head>
<body>
${body}
</body>
</html>
`
}
