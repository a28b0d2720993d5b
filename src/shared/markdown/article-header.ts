/**
 * The article header made from the front matter: title, byline, date, reading time, tags,
 * featured image and source link. Every value is untrusted text from the document: all of it
 * is escaped here, and URLs pass markdown-it's own link check (no `javascript:`, `vbscript:`,
 * `file:` or non-image `data:`) before the sanitizer sees them.
 */
import type { MarkdownIt } from 'markdown-it'
import type { DocumentMetadata } from '../model'
import { formatReadingTime, readingMinutes } from '../document/reading-time'

/** What the header is made of. */
export interface HeaderInput {
  /** The front matter's own title (a title derived from the body is not repeated here). */
  title: string | null
  metadata: DocumentMetadata
  wordsPerMinute: number | undefined
  resolveAsset: ((link: string) => string) | undefined
  isAssetLink: (url: string) => boolean
  /** `data-line` of the header and of its title (`null`: none). */
  headerLine: number | null
  titleLine: number | null
}

/** Tags shown as the "AI-generated" badge: `ai-generated`, `AI generated`, `ai_generated`… */
const AI_TAG = /^ai[\s_-]*generated$/i

let dateFormat: Intl.DateTimeFormat | null = null

/**
 * A date as people read it. Formatted in UTC and in one locale, so the preview and every
 * export (made on another machine, perhaps) show the same day.
 */
export function formatDate(iso: string): string | null {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return null
  dateFormat ??= new Intl.DateTimeFormat('en', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  })
  return dateFormat.format(time)
}

/** True when the front matter gives the header anything to show. */
export function hasHeaderContent(input: HeaderInput): boolean {
  const m = input.metadata
  return (
    input.title !== null ||
    m.authors.length > 0 ||
    m.publishedAt !== null ||
    m.tags.length > 0 ||
    m.featuredImage !== null ||
    m.sourceUrl !== null ||
    m.sourceName !== null
  )
}

/** A URL from the front matter made safe to put in an attribute, or `null`. */
function safeUrl(md: MarkdownIt, url: string): string | null {
  const normalized = md.normalizeLink(url.trim())
  return md.validateLink(normalized) ? normalized : null
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

const SEPARATOR = '<span class="sep" aria-hidden="true"> · </span>'

/** The `<header class="article-header">` HTML (unsanitized, but every value escaped). */
export function renderArticleHeader(md: MarkdownIt, input: HeaderInput): string {
  const escape = md.utils.escapeHtml
  const m = input.metadata
  const line = (n: number | null): string => (n === null ? '' : ` data-line="${n}"`)
  let html = `<header class="article-header"${line(input.headerLine)}>\n`

  if (input.title !== null) {
    html += `<h1 class="article-title"${line(input.titleLine)}>${escape(input.title)}</h1>\n`
  }

  const meta: string[] = []
  if (m.authors.length > 0) {
    const names = m.authors.map((a) => `<span class="author">${escape(a)}</span>`)
    meta.push(`<span class="byline">By ${joinNames(names)}</span>`)
  }
  if (m.publishedAt !== null) {
    const shown = formatDate(m.publishedAt)
    if (shown !== null) {
      meta.push(`<time datetime="${escape(m.publishedAt)}">${escape(shown)}</time>`)
    }
  }
  const minutes = readingMinutes(m.wordCount, m.cjkChars, input.wordsPerMinute)
  if (minutes > 0) {
    meta.push(`<span class="reading-time">${formatReadingTime(minutes)}</span>`)
  }
  if (meta.length > 0) html += `<p class="article-meta">${meta.join(SEPARATOR)}</p>\n`

  if (m.tags.length > 0) {
    const tags = m.tags.map((tag) =>
      AI_TAG.test(tag)
        ? '<span class="tag badge badge-ai">AI-generated</span>'
        : `<span class="tag">${escape(tag)}</span>`,
    )
    html += `<p class="article-tags">${tags.join(' ')}</p>\n`
  }

  if (m.featuredImage !== null) {
    const raw = m.featuredImage
    const src =
      input.isAssetLink(raw) && input.resolveAsset ? input.resolveAsset(raw) : safeUrl(md, raw)
    if (src !== null) {
      html +=
        `<figure class="featured-image"><img src="${escape(src)}" alt="" ` +
        'loading="lazy" decoding="async"></figure>\n'
    }
  }

  const sourceUrl = m.sourceUrl === null ? null : safeUrl(md, m.sourceUrl)
  if (sourceUrl !== null) {
    const label = m.sourceName ?? hostOf(sourceUrl)
    html +=
      `<p class="article-source">Source: <a href="${escape(sourceUrl)}" target="_blank" ` +
      `rel="noopener noreferrer">${escape(label)}</a></p>\n`
  } else if (m.sourceName !== null) {
    html += `<p class="article-source">Source: ${escape(m.sourceName)}</p>\n`
  }

  return html + '</header>\n'
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url
  } catch {
    return url
  }
}
