/**
 * Full text for feeds that send only a summary: the item's page is fetched and its article
 * extracted the way a saved page is (Readability, see clip/extract-article.ts). Whatever goes
 * wrong (no answer, not an article, a paywall), the item keeps the text its feed gave.
 */
import { extractArticle } from '../clip/extract-article'
import { decodeBody } from '../net/decode-body'
import { type FetchOptions, fetchResource } from '../net/http-fetch'

const HTML = /^(?:text\/html|application\/xhtml\+xml)$/i

/** The Markdown of the article at `url`, or `null` when it cannot be had. */
export async function fetchFullText(
  url: string,
  fetchOptions: FetchOptions = {},
): Promise<string | null> {
  try {
    const res = await fetchResource(url, {
      ...fetchOptions,
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
    })
    const type = res.contentType?.split(';')[0]?.trim() ?? ''
    if (type !== '' && !HTML.test(type)) return null
    const { text } = decodeBody(res.body, { contentType: res.contentType, kind: 'html' })
    return extractArticle(text, res.url).markdown
  } catch {
    return null
  }
}
