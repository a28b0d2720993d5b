/** Extension elements RSS and Atom items share: Media RSS, enclosures, `source:markdown`. */
import type { FeedEnclosure } from './feed-document'
import { absoluteHttpUrl } from './urls'
import { type XmlElement, child, children, textOf } from './xml-tree'

/** Extensions that mark a URL as an image when no media type is given. */
const IMAGE_EXT = /\.(?:jpe?g|png|gif|webp|avif|svg)(?:$|[?#])/i

function isImage(el: XmlElement, url: string): boolean {
  const type = el.attrs.type ?? ''
  const medium = el.attrs.medium ?? ''
  if (type) return type.startsWith('image/')
  if (medium) return medium === 'image'
  return IMAGE_EXT.test(url)
}

/** `media:content` and `media:thumbnail` of an item, with those inside `media:group`s. */
function mediaElements(item: XmlElement, name: string): XmlElement[] {
  const direct = children(item, name)
  for (const group of children(item, 'media:group')) direct.push(...children(group, name))
  return direct
}

/**
 * An item's featured image, absolute: the largest image `media:content`, else a
 * `media:thumbnail`, else an image enclosure (RSS `<enclosure>` or Atom `link rel=enclosure`),
 * else `itunes:image`.
 */
export function featuredImage(item: XmlElement, enclosures: FeedEnclosure[]): string | null {
  const contents = mediaElements(item, 'media:content')
    .map((el) => ({ el, url: absoluteHttpUrl(el.attrs.url, item.base) }))
    .filter((c): c is { el: XmlElement; url: string } => !!c.url && isImage(c.el, c.url))
    .sort((a, b) => Number(b.el.attrs.width ?? 0) - Number(a.el.attrs.width ?? 0))
  if (contents[0]) return contents[0].url
  for (const el of mediaElements(item, 'media:thumbnail')) {
    const url = absoluteHttpUrl(el.attrs.url, item.base)
    if (url) return url
  }
  const image = enclosures.find(
    (e) => e.type?.startsWith('image/') || (!e.type && IMAGE_EXT.test(e.url)),
  )
  if (image) return image.url
  return absoluteHttpUrl(child(item, 'itunes:image')?.attrs.href, item.base)
}

/** An `<enclosure>`'s or Atom enclosure link's fields, URL absolute; `null` without a usable URL. */
export function enclosureOf(
  el: XmlElement,
  urlAttr: 'url' | 'href',
  base: string | null,
): FeedEnclosure | null {
  const url = absoluteHttpUrl(el.attrs[urlAttr], base)
  if (!url) return null
  const length = Number(el.attrs.length)
  return {
    url,
    type: el.attrs.type?.trim() || null,
    length: Number.isFinite(length) && length > 0 ? length : null,
  }
}

/** `source:markdown` as written (its whitespace is part of the Markdown). */
export function markdownOf(item: XmlElement): string | null {
  const md = textOf(child(item, 'source:markdown'))
  return md.trim() ? md : null
}
