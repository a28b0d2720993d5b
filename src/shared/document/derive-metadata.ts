/**
 * Everything the library indexes about an article, derived from its text alone.
 */
import type { DocumentMetadata } from '../model'
import { outlineBody } from './body-outline'
import { splitFrontMatter } from './front-matter'
import { countScripts, countWords } from './reading-time'
import { markdownToPlainText } from './plain-text'
import { lowerKeys, pickField, pickTags } from './metadata-fields'

/** The result of `deriveMetadata`. */
export interface DerivedDocument {
  metadata: DocumentMetadata
  /** Why the front matter could not be read (the document is kept as is), else `null`. */
  frontMatterError: string | null
  /** The body's readable text, for the search index. */
  plainText: string
}

/** Longest title or summary taken from the body (front matter values are kept whole). */
export const MAX_DERIVED_LENGTH = 200

/**
 * Derives an article's metadata from its Markdown: front matter fields first, then the body
 * (first `#` heading, first line, first paragraph). Broken front matter is reported in
 * `frontMatterError` and the metadata comes from the body alone. Never throws.
 */
export function deriveMetadata(markdown: string): DerivedDocument {
  const fm = splitFrontMatter(markdown)
  const keys = lowerKeys(fm.data)
  const text = (field: 'title' | 'summary' | 'sourceName' | 'sourceUrl'): string | null => {
    const v = pickField(keys, field)
    return typeof v === 'string' ? v : null
  }
  const plainText = markdownToPlainText(fm.body)
  let title = text('title')
  const fmSummary = text('summary')
  const outline = outlineBody(fm.body, {
    heading: title === null,
    firstLine: title === null,
    paragraphs: fmSummary === null,
  })

  let summaryAfterLine = -1
  if (title === null && outline.heading !== null) title = cut(outline.heading)
  if (title === null && outline.firstLine !== null) {
    title = cut(outline.firstLine.text)
    // The line became the title, so the summary starts after it.
    summaryAfterLine = outline.firstLine.line
  }
  const lead = outline.paragraphs.find((p) => p.line > summaryAfterLine)
  const summary = fmSummary ?? (lead ? cut(lead.text) : null)

  const authors = pickField(keys, 'authors')
  const publishedAt = pickField(keys, 'publishedAt')
  const image = pickField(keys, 'featuredImage')
  const { words, cjkChars } = countWords(plainText)
  const declared = pickField(keys, 'language')

  return {
    metadata: {
      title: title ?? 'Untitled',
      summary,
      authors: Array.isArray(authors) ? authors : [],
      publishedAt: typeof publishedAt === 'string' ? publishedAt : null,
      tags: pickTags(keys),
      sourceName: text('sourceName'),
      sourceUrl: text('sourceUrl'),
      featuredImage: typeof image === 'string' ? image : null,
      language:
        typeof declared === 'string'
          ? declared
          : cjkChars > 0
            ? detectCjkLanguage(plainText)
            : null,
      wordCount: words,
      cjkChars,
    },
    frontMatterError: fm.error,
    plainText,
  }
}

/** Text cut at a word boundary to at most `MAX_DERIVED_LENGTH` characters, with "…". */
export function cut(text: string, max = MAX_DERIVED_LENGTH): string {
  if (text.length <= max) return text
  let head = text.slice(0, max - 1)
  // Never leave half of a surrogate pair (an emoji) at the end.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1)
  const space = head.lastIndexOf(' ')
  // Text without spaces (CJK, a long URL) is cut where it is.
  const kept = space >= max / 2 ? head.slice(0, space) : head
  return kept.replace(/[\s,;:.\-–—]+$/, '') + '…'
}

/**
 * A language guessed from the script alone, only when CJK characters are more than 30% of the
 * letters: Japanese when there is any kana, Korean for Hangul, else Chinese.
 */
export function detectCjkLanguage(text: string): string | null {
  const { letters, han, kana, hangul } = countScripts(text)
  const cjk = han + kana + hangul
  if (letters === 0 || cjk / letters <= 0.3) return null
  if (kana > 0 && han + kana >= hangul) return 'ja'
  if (hangul > han + kana) return 'ko'
  return han > 0 ? 'zh' : null
}
