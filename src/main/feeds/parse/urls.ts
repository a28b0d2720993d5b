/** Resolving the relative URLs feeds are full of. */

/**
 * `href` made absolute against `base`, or `null` when it cannot be (empty, unparseable, or a
 * scheme other than http, https, mailto and data for images). Whitespace inside is dropped,
 * as browsers do.
 */
export function absoluteUrl(href: string | null | undefined, base: string | null): string | null {
  if (!href) return null
  const trimmed = href.trim().replace(/[\t\n\r]/g, '')
  if (!trimmed) return null
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed)
    if (!['http:', 'https:', 'mailto:', 'data:'].includes(url.protocol)) return null
    return url.href
  } catch {
    return null
  }
}

/** `href` made absolute, keeping only http(s) links (item links, site URLs, images). */
export function absoluteHttpUrl(
  href: string | null | undefined,
  base: string | null,
): string | null {
  const url = absoluteUrl(href, base)
  return url && /^https?:/.test(url) ? url : null
}

/** The host of a URL, for a feed without a title. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
