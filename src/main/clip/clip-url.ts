/**
 * Saving a web page as an article: fetch it, decode it, extract the article, keep its images
 * (on by default) and store it. A failed fetch, a page that is not an article or a paywall
 * leaves nothing behind in the library.
 */
import { BroadsheetError } from '../../shared/errors'
import type { Article } from '../../shared/model'
import { createArticle, getArticle } from '../library/articles'
import type { Library } from '../library/open-library'
import { stmt } from '../library/statements'
import { decodeBody } from '../net/decode-body'
import { type FetchOptions, fetchResource } from '../net/http-fetch'
import { localizeImages, storeImage } from '../net/localize-images'
import { articleDocument } from './article-document'
import { type ExtractedArticle, extractArticle } from './extract-article'

/** Options for `clipUrl`. */
export interface ClipOptions {
  /** Download the article's images into the library. Default true. */
  downloadImages?: boolean
  /** Save even a page that does not look like an article. Default false. */
  force?: boolean
  /** Options for the page fetch (timeout, size limit). */
  fetch?: FetchOptions
  /** Told what is happening, for a progress line. */
  onProgress?: (step: 'fetching' | 'extracting' | 'images' | 'saving') => void
}

/** What a clip did. */
export interface ClipResult {
  article: Article
  /** True when the page was in the library already (nothing new was stored). */
  existing: boolean
  imagesSaved: number
  imagesFailed: { url: string; reason: string }[]
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i

/**
 * Save the page at `url` as a new unread article. A page already saved from the same address
 * (and not trashed) is returned as it is. Throws a `BroadsheetError` saying what to do when
 * the page cannot be fetched or is not an article; then nothing is stored.
 */
export async function clipUrl(
  lib: Library,
  url: string,
  options: ClipOptions = {},
): Promise<ClipResult> {
  options.onProgress?.('fetching')
  const res = await fetchResource(url, {
    ...options.fetch,
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
  })
  const type = res.contentType?.split(';')[0]?.trim() ?? ''
  if (type !== '' && !HTML_TYPES.test(type)) {
    throw new BroadsheetError(
      'invalid_input',
      `${res.url} is not a web page but ${type}; only HTML pages can be saved as articles.`,
    )
  }
  const before = findBySource(lib, [url, res.url])
  if (before) return { article: before, existing: true, imagesSaved: 0, imagesFailed: [] }

  options.onProgress?.('extracting')
  const { text } = decodeBody(res.body, { contentType: res.contentType, kind: 'html' })
  const extracted = extractArticle(text, res.url, { force: options.force })
  const sourceUrl = extracted.sourceUrl ?? res.url
  const again = findBySource(lib, [sourceUrl])
  if (again) return { article: again, existing: true, imagesSaved: 0, imagesFailed: [] }
  return saveExtracted(lib, extracted, sourceUrl, options)
}

/** Localize images (unless turned off) and store the article. */
export async function saveExtracted(
  lib: Library,
  extracted: ExtractedArticle,
  sourceUrl: string | null,
  options: Pick<ClipOptions, 'downloadImages' | 'onProgress' | 'fetch'> = {},
): Promise<ClipResult> {
  let body = extracted.markdown
  let image: string | null | undefined
  let imagesSaved = 0
  const imagesFailed: ClipResult['imagesFailed'] = []
  if (options.downloadImages !== false) {
    options.onProgress?.('images')
    const images = await localizeImages(lib, body, { baseUrl: sourceUrl })
    body = images.markdown
    imagesSaved = images.saved
    imagesFailed.push(...images.failed)
    if (extracted.leadImage) {
      const lead = await storeImage(lib, extracted.leadImage)
      // A lead image that cannot be stored is still worth its link.
      image = 'link' in lead ? lead.link : extracted.leadImage
    }
  }
  options.onProgress?.('saving')
  const markdown = articleDocument({ ...extracted, markdown: body }, { sourceUrl, image })
  // Someone else's published article, not one of the user's drafts (as feed items are).
  const article = createArticle(lib, markdown, { state: { read: false, status: 'published' } })
  return { article, existing: false, imagesSaved, imagesFailed }
}

/** The live article saved from one of `urls`, if any. */
function findBySource(lib: Library, urls: string[]): Article | null {
  const find = stmt<[string], { uid: string }>(
    lib.db,
    'SELECT uid FROM articles WHERE source_url = ? AND trashed_at IS NULL LIMIT 1',
  )
  for (const u of new Set(urls)) {
    const row = find.get(u)
    if (row) return getArticle(lib, row.uid)
  }
  return null
}
