/**
 * The render behind the live preview, as top-level parts: the same call in the page
 * (`IncrementalPreview.update`) and in the worker that renders long documents off the main
 * thread (`preview-render.worker.ts`), each with caches of its own.
 */
import { InlineCache } from '../../../shared/markdown/engine'
import { PartCache } from '../../../shared/markdown/part-cache'
import { renderMarkdownParts, type RenderedPart } from '../../../shared/markdown/render'
import { assetUrl } from './asset-url'

/** What one render keeps for the next render of the same document to reuse. */
export interface PartsCaches {
  /** Inline parses of the last render's text, reused for the paragraphs left as they were. */
  inlineCache: InlineCache
  /** The HTML of the last render's blocks, reused for the blocks left as they were. */
  partCache: PartCache
}

/** Empty caches, for a new preview. */
export function newPartsCaches(): PartsCaches {
  return { inlineCache: new InlineCache(), partCache: new PartCache() }
}

/**
 * The preview's parts of `markdown`: unsanitized HTML, each part's `data-line` marks counted
 * from its own first line and written after `linePrefix` (the page's own, which no article
 * can forge; see incremental-preview.ts), and a note at the top while the front matter is
 * broken.
 */
export function renderPreviewParts(
  markdown: string,
  wordsPerMinute: number | undefined,
  linePrefix: string,
  caches: PartsCaches,
): RenderedPart[] {
  return renderMarkdownParts(markdown, {
    resolveAsset: assetUrl,
    wordsPerMinute,
    linePrefix,
    blockLines: true,
    frontMatterNotice: true,
    ...caches,
  }).parts
}
