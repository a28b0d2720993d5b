/**
 * Images for a book. EPUB 3.2 reading systems need only PNG, JPEG, GIF and SVG, and the
 * EPUBCheck the tests run (4.2) refuses anything else without a fallback; WebP became a core
 * type only in EPUB 3.3, and AVIF is not one. So WebP and AVIF images are decoded with sharp
 * (libvips) and stored as PNG when they have transparency, else as JPEG.
 */
import type { AssetData } from './asset-links'

/** Image types every EPUB 3.2 reading system must show. */
export const CORE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/svg+xml'])

/** Types a book carries after turning them into PNG or JPEG. */
const CONVERTIBLE = new Set(['image/webp', 'image/avif'])

/** An image as a book stores it. */
export interface BookImage {
  bytes: Uint8Array
  mime: string
  /** File extension in the book (`png` for a WebP turned into PNG). */
  ext: string
}

/** Whether `mime` needs converting before it can go into a book. */
export function needsConverting(mime: string): boolean {
  return CONVERTIBLE.has(mime)
}

/**
 * A WebP or AVIF image as PNG (transparent) or JPEG (opaque); null when it cannot be decoded.
 * An animated WebP keeps its first frame, as a still is all a core type can hold here.
 */
export async function convertForBook(asset: AssetData): Promise<BookImage | null> {
  const { default: sharp } = await import('sharp')
  try {
    const image = sharp(asset.bytes, { failOn: 'error' }).rotate()
    const { hasAlpha } = await image.metadata()
    if (hasAlpha) {
      return { bytes: await image.png().toBuffer(), mime: 'image/png', ext: 'png' }
    }
    return {
      bytes: await image.jpeg({ quality: 90, mozjpeg: true }).toBuffer(),
      mime: 'image/jpeg',
      ext: 'jpg',
    }
  } catch {
    return null
  }
}
