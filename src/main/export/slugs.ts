/**
 * File names for exported articles: readable slugs of their titles that are safe on every
 * file system, made unique within one export (compared without case, as macOS and Windows do).
 */

const MAX_SLUG_LENGTH = 60

/** Names Windows refuses for a file, whatever the extension. */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i

/**
 * A file-name slug of `title`: accents folded, letters and digits of every script kept, the
 * rest turned into single dashes; `article` when nothing is left.
 */
export function slugForFile(title: string): string {
  let slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  slug = Array.from(slug).slice(0, MAX_SLUG_LENGTH).join('').replace(/-+$/, '')
  if (slug === '') return 'article'
  return WINDOWS_RESERVED.test(slug) ? `${slug}-` : slug
}

/** Hands out names unique within one export: `title`, `title-2`, `title-3`… */
export class SlugAllocator {
  private readonly used = new Set<string>()

  /** Reserve a name (e.g. `assets`) so no article takes it. */
  reserve(name: string): void {
    this.used.add(name.toLowerCase())
  }

  /** A unique name stem (`title`, `title-2`, …) for `title`. */
  stem(title: string): string {
    const base = slugForFile(title)
    for (let n = 1; ; n++) {
      const stem = n === 1 ? base : `${base}-${n}`
      if (!this.used.has(stem.toLowerCase())) {
        this.used.add(stem.toLowerCase())
        return stem
      }
    }
  }

  /** A unique `<slug>.<ext>` for `title`. */
  fileName(title: string, ext: string): string {
    return `${this.stem(title)}.${ext}`
  }
}
