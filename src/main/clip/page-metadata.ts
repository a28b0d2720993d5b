/**
 * What a page says about itself outside its text: canonical address, lead image, published
 * time, site name, language and author, from Open Graph / Twitter / Dublin Core meta tags and
 * JSON-LD. Read before Readability, which rearranges the document.
 */

/** Metadata read from a page's head (every field may be null). */
export interface PageMetadata {
  /** og:url or `<link rel="canonical">`, absolute. */
  canonicalUrl: string | null
  /** og:image, twitter:image or JSON-LD image, absolute http(s). */
  leadImage: string | null
  publishedTime: string | null
  siteName: string | null
  author: string | null
  /** BCP 47 tag from `<html lang>`, Content-Language or og:locale. */
  language: string | null
  /** False when the page says it is for subscribers (schema.org `isAccessibleForFree`). */
  accessibleForFree: boolean | null
}

/** Read `PageMetadata` from a parsed page; relative URLs are resolved against its base URL. */
export function readPageMetadata(doc: Document): PageMetadata {
  const meta = metaValues(doc)
  const ld = jsonLd(doc)
  const first = (...keys: string[]) => {
    for (const k of keys) {
      const v = meta.get(k)
      if (v) return v
    }
    return null
  }
  const canonical =
    first('og:url') ?? doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? null
  const image =
    first(
      'og:image',
      'og:image:url',
      'og:image:secure_url',
      'twitter:image',
      'twitter:image:src',
    ) ?? ld.image
  const locale = first('og:locale')
  const language =
    doc.documentElement.getAttribute('lang')?.trim() ||
    first('content-language', 'dc.language', 'language') ||
    (locale ? locale.replace('_', '-') : null)
  return {
    canonicalUrl: absoluteHttp(canonical, doc),
    leadImage: absoluteHttp(image, doc),
    publishedTime:
      first(
        'article:published_time',
        'og:published_time',
        'datepublished',
        'dc.date.issued',
        'dcterms.created',
        'parsely-pub-date',
        'sailthru.date',
        'pubdate',
        'date',
      ) ??
      ld.datePublished ??
      doc
        .querySelector('time[datetime][pubdate], article time[datetime]')
        ?.getAttribute('datetime') ??
      null,
    siteName: first('og:site_name', 'application-name') ?? ld.publisher,
    author: first('author', 'article:author', 'dc.creator', 'parsely-author') ?? ld.author,
    language: language || null,
    accessibleForFree: ld.accessibleForFree,
  }
}

/** `<meta>` values by lower-case name, property, itemprop or http-equiv (first one wins). */
function metaValues(doc: Document): Map<string, string> {
  const map = new Map<string, string>()
  for (const el of Array.from(doc.querySelectorAll('meta[content]'))) {
    const content = el.getAttribute('content')?.trim()
    if (!content) continue
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase()
      if (key && !map.has(key)) map.set(key, content)
    }
  }
  return map
}

interface LdFacts {
  datePublished: string | null
  image: string | null
  author: string | null
  publisher: string | null
  accessibleForFree: boolean | null
}

/** Facts from JSON-LD blocks (arrays and `@graph` included); broken JSON is ignored. */
function jsonLd(doc: Document): LdFacts {
  const facts: LdFacts = {
    datePublished: null,
    image: null,
    author: null,
    publisher: null,
    accessibleForFree: null,
  }
  const visit = (node: unknown, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1)
      return
    }
    const o = node as Record<string, unknown>
    facts.datePublished ??= text(o['datePublished'])
    facts.image ??= imageUrl(o['image']) ?? imageUrl(o['thumbnailUrl'])
    facts.author ??= personName(o['author'])
    facts.publisher ??= personName(o['publisher'])
    const free = o['isAccessibleForFree']
    // Sites write it as a boolean or as the text "False".
    if (facts.accessibleForFree === null && free !== undefined) {
      facts.accessibleForFree = !(free === false || String(free).toLowerCase() === 'false')
    }
    if (o['@graph']) visit(o['@graph'], depth + 1)
  }
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'))) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0)
    } catch {
      // Many pages ship broken JSON-LD; the meta tags still count.
    }
  }
  return facts
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null
}

function imageUrl(v: unknown): string | null {
  if (Array.isArray(v)) return imageUrl(v[0])
  if (v && typeof v === 'object') return text((v as Record<string, unknown>)['url'])
  return text(v)
}

function personName(v: unknown): string | null {
  if (Array.isArray(v)) {
    const names = v.map(personName).filter((n): n is string => n !== null)
    return names.length > 0 ? names.join(', ') : null
  }
  if (v && typeof v === 'object') return text((v as Record<string, unknown>)['name'])
  return text(v)
}

function absoluteHttp(value: string | null, doc: Document): string | null {
  if (!value) return null
  try {
    const url = new URL(value.trim(), doc.baseURI)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}
