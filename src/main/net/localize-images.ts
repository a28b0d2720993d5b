/**
 * Keeping an article's images for offline reading: each remote image (http/https, or a raster
 * `data:` URI) is downloaded and stored as a library asset, and its link in the Markdown is
 * pointed at `assets/<sha256>.<ext>`. An image that cannot be fetched keeps its remote link and
 * is reported; it never fails the article.
 */
import { addAsset } from '../library/assets'
import type { Library } from '../library/open-library'
import { findImageLinks, type ImageLink, mayHaveImageLinks } from '../import/image-links'
import { type FetchOptions, fetchResource } from './http-fetch'

/** Options for `localizeImages`. */
export interface LocalizeOptions {
  /** The page's address, for image links that are still relative. Default none. */
  baseUrl?: string | null
  /** Options for each image fetch (timeout, size limit…). Default: 20 s and 20 MiB each. */
  fetch?: FetchOptions
  /** Images fetched at the same time. Default 4. */
  concurrency?: number
  /** Images fetched per article at most; the rest keep their links. Default 200. */
  maxImages?: number
}

/** What localizing did: the new Markdown, how many images were stored, and which failed. */
export interface LocalizeResult {
  markdown: string
  saved: number
  failed: { url: string; reason: string }[]
}

/** Image types stored. SVG is left out on purpose: it can carry script if opened directly. */
const RASTER_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
])

/**
 * Download the remote images `markdown` links to (inline, reference and `<img>` forms, never
 * inside code) into `lib`'s assets and rewrite their links. Each distinct URL is fetched
 * once. Never throws for an image: failures are listed in `failed` with a reason.
 */
export async function localizeImages(
  lib: Library,
  markdown: string,
  options: LocalizeOptions = {},
): Promise<LocalizeResult> {
  if (!mayHaveImageLinks(markdown)) return { markdown, saved: 0, failed: [] }
  const links = findImageLinks(markdown)
  const urls = new Map<ImageLink, string>()
  for (const link of links) {
    const url = remoteUrl(link, options.baseUrl ?? null)
    if (url !== null) urls.set(link, url)
  }
  const distinct = [...new Set(urls.values())]
  const maxImages = options.maxImages ?? 200
  const stored = new Map<string, string>()
  const failed: LocalizeResult['failed'] = []
  for (const url of distinct.slice(maxImages)) {
    failed.push({ url, reason: `more than ${maxImages} images in one article` })
  }
  await eachLimited(distinct.slice(0, maxImages), options.concurrency ?? 4, async (url) => {
    const result = await storeImage(lib, url, options.fetch)
    if ('link' in result) stored.set(url, result.link)
    else failed.push({ url: shorten(url), reason: result.reason })
  })

  let out = ''
  let last = 0
  for (const link of links) {
    const url = urls.get(link)
    const asset = url === undefined ? undefined : stored.get(url)
    if (asset === undefined) continue
    out += markdown.slice(last, link.start) + asset
    last = link.end
  }
  return {
    markdown: last === 0 ? markdown : out + markdown.slice(last),
    saved: stored.size,
    failed,
  }
}

/**
 * Store one image (an http(s) URL or a raster `data:` URI) as an asset: its `assets/…` link,
 * or the reason it was not stored. Used for featured images too.
 */
export async function storeImage(
  lib: Library,
  url: string,
  fetchOptions: FetchOptions = {},
): Promise<{ link: string } | { reason: string }> {
  try {
    let bytes: Uint8Array
    let declared: string | null
    if (url.startsWith('data:')) {
      const m = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(url)
      if (!m || !m[2]) return { reason: 'not a base64 data: image' }
      bytes = new Uint8Array(Buffer.from(m[3]!, 'base64'))
      declared = m[1]!
    } else {
      const res = await fetchResource(url, {
        accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8',
        ...fetchOptions,
      })
      bytes = res.body
      declared = res.contentType
    }
    if (bytes.byteLength === 0) return { reason: 'the image is empty' }
    // An error page served as image/png is not a picture: trust the bytes over the header.
    const mime = sniffImageType(bytes) ?? (bytes[0] === 0x3c ? null : declaredRaster(declared))
    if (mime === null) {
      const type = declared?.split(';')[0]?.trim() || 'unknown type'
      return {
        reason: /svg/i.test(type)
          ? 'SVG images are not stored (they can carry script); the link was kept'
          : `not a picture (${type})`,
      }
    }
    return { link: addAsset(lib, bytes, mime) }
  } catch (err) {
    return { reason: err instanceof Error ? err.message : String(err) }
  }
}

/** The absolute http(s) or data: URL of an image link, or null for local and other links. */
function remoteUrl(link: ImageLink, baseUrl: string | null): string | null {
  let raw = link.raw.trim()
  raw =
    link.kind === 'markdown'
      ? raw.replace(/\\([!-/:-@[-`{-~])/g, '$1')
      : raw.replace(/&amp;/g, '&').replace(/&#0*38;/g, '&')
  if (raw.startsWith('data:')) return raw
  if (raw === '' || raw.startsWith('assets/') || raw.startsWith('./assets/')) return null
  try {
    const url = baseUrl ? new URL(raw, baseUrl) : new URL(raw)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

function declaredRaster(contentType: string | null): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
  return RASTER_TYPES.has(type) ? type : null
}

/** The picture type from its first bytes (servers often send the wrong Content-Type). */
export function sniffImageType(b: Uint8Array): string | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((v, k) => b[i + k] === v)
  const ascii = (i: number, s: string) => at(i, ...Array.from(s, (c) => c.charCodeAt(0)))
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return 'image/png'
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (ascii(0, 'GIF8')) return 'image/gif'
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp'
  if (ascii(4, 'ftypavif') || ascii(4, 'ftypavis')) return 'image/avif'
  if (ascii(0, 'BM') && b.byteLength > 26) return 'image/bmp'
  return null
}

function shorten(url: string): string {
  return url.startsWith('data:') ? `${url.slice(0, 40)}…` : url
}

/** Run `task` over `items` with at most `limit` running at once. */
async function eachLimited<T>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await task(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
}
