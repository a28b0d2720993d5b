/**
 * Which front matter keys feed which metadata field, and how each value is read. Shared by
 * `deriveMetadata` and `rewriteFrontMatter`, so that an edited field always reads back the way
 * it was written.
 */
import { isRecord } from './front-matter'

/** The metadata fields that come from front matter. */
export type FieldName =
  | 'title'
  | 'summary'
  | 'authors'
  | 'publishedAt'
  | 'tags'
  | 'sourceName'
  | 'sourceUrl'
  | 'featuredImage'
  | 'language'

/**
 * Front matter keys per field, lower case, in order of preference; the first is the name
 * written when the field is added. `source` may also be a mapping with `name` and `url`.
 */
export const FIELD_KEYS: Readonly<Record<FieldName, readonly string[]>> = {
  title: ['title'],
  summary: ['summary', 'description', 'excerpt', 'subtitle'],
  authors: ['author', 'authors', 'byline', 'creator'],
  publishedAt: ['date', 'published', 'publishedat', 'published_at', 'pubdate', 'created'],
  tags: ['tags', 'keywords', 'categories', 'labels'],
  sourceName: ['source', 'site', 'site_name', 'publisher'],
  sourceUrl: ['source_url', 'sourceurl', 'url', 'link', 'canonical', 'source'],
  featuredImage: [
    'image',
    'featured_image',
    'featuredimage',
    'cover',
    'cover_image',
    'banner',
    'thumbnail',
  ],
  language: ['lang', 'language'],
}

/** Front matter keys lower-cased; a later spelling of a key wins, as in YAML and TOML. */
export function lowerKeys(data: Record<string, unknown>): Map<string, unknown> {
  const map = new Map<string, unknown>()
  for (const key of Object.keys(data)) map.set(key.toLowerCase(), data[key])
  return map
}

/** Whitespace runs collapsed; `null` for anything but a non-empty string or finite number. */
export function readText(value: unknown): string | null {
  let s: string
  if (typeof value === 'string') s = value
  else if (typeof value === 'number' && Number.isFinite(value)) s = String(value)
  else return null
  const t = s.replace(/\s{2,}|[^\S ]/g, ' ').trim()
  return t.length > 0 ? t : null
}

function readName(value: unknown): string | null {
  if (isRecord(value)) return readText(value['name'])
  return readText(value)
}

function readList(value: unknown, item: (v: unknown) => string | null): string[] | null {
  const items = Array.isArray(value) ? value : [value]
  const out: string[] = []
  for (const v of items) {
    const s = item(v)
    if (s !== null && !out.includes(s)) out.push(s)
  }
  return out.length > 0 ? out : null
}

function readAuthors(value: unknown): string[] | null {
  // Names are never split: "Smith, Jane" and "Ben and Jerry" are one author each.
  return readList(value, readName)
}

/** Tags from a comma-separated string or a list; `null` when there are none. */
export function readTags(value: unknown): string[] | null {
  if (typeof value === 'string') return readList(value.split(','), readText)
  if (Array.isArray(value)) return readList(value, readText)
  return null
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/
const ISO_DATE_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?[ \t]*(?:([Zz])|([+-])(\d{2}):?(\d{2})?)?$/
const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b/i

/**
 * A date normalised to ISO 8601: a date alone stays `YYYY-MM-DD`, a date and time becomes a
 * full UTC timestamp. A time without an offset is taken as UTC, so the same document gives
 * the same value on every machine. RSS-style dates ("Fri, 05 Jan 2024 10:00:00 GMT") are
 * read too. Anything else is `null`.
 */
export function readDate(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const s = value.trim()
  if (s.length === 0 || s.length > 100) return null
  let m = ISO_DATE.exec(s)
  if (m) return validDay(+m[1]!, +m[2]!, +m[3]!) ? ymd(+m[1]!, +m[2]!, +m[3]!) : null
  m = ISO_DATE_TIME.exec(s)
  if (m) {
    const [y, mo, d, h, mi, sec] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)]
    if (!validDay(y, mo, d) || h > 23 || mi > 59 || sec > 60) return null
    const ms = m[7] ? Math.floor(Number(m[7]) * 1000) : 0
    let t = Date.UTC(y, mo - 1, d, h, mi, sec, ms)
    if (m[9]) {
      const offset = (+m[10]! * 60 + +(m[11] ?? 0)) * 60_000
      t += m[9] === '+' ? -offset : offset
    }
    return isoOf(t)
  }
  // Only text that names a month and a four-digit year goes to Date.parse, which otherwise
  // reads nearly any string ("hello 1") as some date.
  if (!MONTH_NAME.test(s) || !/\b\d{4}\b/.test(s)) return null
  const parsed = new Date(s)
  if (Number.isNaN(parsed.getTime())) return null
  if (!/\d:\d/.test(s)) {
    // Date.parse takes a date alone as local midnight; keep the calendar day it names.
    return ymd(parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate())
  }
  return isoOf(parsed.getTime())
}

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

function ymd(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function isoOf(t: number): string | null {
  const date = new Date(t)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** An absolute http(s) URL, trimmed, else `null`. */
export function readHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const s = value.trim()
  if (!/^https?:\/\/\S+$/i.test(s)) return null
  try {
    const url = new URL(s)
    return url.protocol === 'http:' || url.protocol === 'https:' ? s : null
  } catch {
    return null
  }
}

function readImage(value: unknown): string | null {
  const v = isRecord(value) ? (value['src'] ?? value['url']) : value
  if (typeof v !== 'string') return null
  const s = v.trim()
  // A script URL is never an image; refuse it here rather than trust every consumer.
  if (s.length === 0 || /^(?:javascript|vbscript):/i.test(s)) return null
  return s
}

const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/

function readLanguage(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const s = value.trim()
  return LANGUAGE_TAG.test(s) ? s : null
}

/** What one front matter key gives a field: a string, a list of strings, or `null`. */
export type FieldValue = string | string[] | null

/**
 * Reads the value of front matter key `key` (lower case, one of `FIELD_KEYS[field]`) for
 * `field`; `null` when the value is missing, empty or of a type the field cannot use.
 */
export function readField(field: FieldName, key: string, value: unknown): FieldValue {
  switch (field) {
    case 'title':
    case 'summary':
      return readText(value)
    case 'authors':
      return readAuthors(value)
    case 'publishedAt':
      return readDate(value)
    case 'tags':
      return readTags(value)
    case 'sourceName':
      return readName(value)
    case 'sourceUrl':
      return key === 'source'
        ? isRecord(value)
          ? readHttpUrl(value['url'])
          : null
        : readHttpUrl(value)
    case 'featuredImage':
      return readImage(value)
    case 'language':
      return readLanguage(value)
  }
}

/** The first usable value for `field` among its keys, in order of preference. */
export function pickField(keys: Map<string, unknown>, field: FieldName): FieldValue {
  for (const key of FIELD_KEYS[field]) {
    if (!keys.has(key)) continue
    const v = readField(field, key, keys.get(key))
    if (v !== null) return v
  }
  return null
}

/** Tags from every tag key, in order, de-duplicated ignoring case (the first spelling wins). */
export function pickTags(keys: Map<string, unknown>): string[] {
  const all: string[] = []
  for (const key of FIELD_KEYS.tags) {
    if (keys.has(key)) all.push(...(readTags(keys.get(key)) ?? []))
  }
  return uniqueIgnoringCase(all)
}

/** The list without later items that differ from an earlier one only in case. */
export function uniqueIgnoringCase(items: string[]): string[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const folded = item.toLowerCase()
    if (seen.has(folded)) return false
    seen.add(folded)
    return true
  })
}
