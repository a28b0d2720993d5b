import { rewriteFrontMatter } from '../../shared/document'
import type { Library } from '../library/open-library'
import type { FetchOptions } from '../net/http-fetch'
import { localizeImages, storeImage } from '../net/localize-images'
import type { MarkdownStep } from './import-items'

/** Options for downloading feed images. */
export interface FeedImageOptions {
  fetch?: FetchOptions
  /** Images fetched at once per article. Default 4. */
  concurrency?: number
}

/**
 * The import step that keeps an item's images for offline reading: every image in its body
 * and its featured image become library assets (`assets/<sha256>.<ext>`). An image that cannot
 * be fetched keeps its remote link; it never fails the item.
 */
export function downloadImagesStep(lib: Library, options: FeedImageOptions = {}): MarkdownStep {
  return async (markdown, item) => {
    const localized = await localizeImages(lib, markdown, {
      baseUrl: item.baseUrl,
      fetch: options.fetch,
      concurrency: options.concurrency,
    })
    let md = localized.markdown
    if (item.image) {
      const stored = await storeImage(lib, item.image, options.fetch)
      if ('link' in stored) md = rewriteFrontMatter(md, { featuredImage: stored.link })
    }
    return md
  }
}
