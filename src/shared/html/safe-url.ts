/**
 * Which URLs may survive from web HTML into an article. Decided with the WHATWG URL parser,
 * the same one a browser uses, so tricks such as `java\tscript:`, leading spaces or entity
 * escapes (already decoded by the HTML parser) are seen exactly as a browser would see them.
 */

/** Schemes a link in an article may use. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'ftp:', 'tel:'])
/** Schemes an image may use (data: only for the raster types below). */
const IMAGE_SCHEMES = new Set(['http:', 'https:'])
/** `data:` images that are pictures and nothing else (SVG can carry script). */
const RASTER_DATA = /^data:image\/(png|jpe?g|gif|webp|avif|bmp);base64,[a-z0-9+/=\s]*$/i

// A base that cannot occur in real input, to tell a relative reference from an absolute one.
const PROBE_BASE = 'https://relative.invalid/'

/**
 * The URL to keep for a link or image, or null to drop it. With `baseUrl`, relative URLs are
 * made absolute; without one they are kept as written (a pasted `assets/…` link stays).
 */
export function safeUrl(
  raw: string | null | undefined,
  kind: 'link' | 'image',
  baseUrl: string | null = null,
): string | null {
  if (raw == null) return null
  const value = raw.trim()
  if (value === '') return null
  if (kind === 'image' && /^\s*data:/i.test(value)) {
    return RASTER_DATA.test(value) ? value.replace(/\s+/g, '') : null
  }
  let probe: URL
  try {
    probe = new URL(value, PROBE_BASE)
  } catch {
    return null
  }
  const relative =
    probe.origin === new URL(PROBE_BASE).origin && !/^[a-z][a-z0-9+.-]*:/i.test(value)
  if (relative) {
    if (!baseUrl) return value
    try {
      probe = new URL(value, baseUrl)
    } catch {
      return null
    }
  }
  const allowed = kind === 'image' ? IMAGE_SCHEMES : LINK_SCHEMES
  return allowed.has(probe.protocol) ? probe.href : null
}
