/**
 * HTML export: one self-contained file per article, or with `combine` one file for the whole
 * collection with a table of contents. Images are embedded as data URIs; see html-document.ts.
 */
import { readingSpeed } from '../library/settings'
import { AssetReader } from './asset-links'
import {
  articleIdPrefix,
  articleMeta,
  collectionBody,
  collectionMeta,
  htmlDocument,
} from './html-document'
import { progressTicker, type Tick } from './progress'
import { renderForExport } from './render-article'
import { SlugAllocator } from './slugs'
import type { ExportBundle, WriterInput } from './types'

/** One finished HTML document, before it is written anywhere. */
export interface HtmlDocumentOut {
  /** File name stem (a unique slug). */
  stem: string
  title: string
  html: string
}

/**
 * The HTML documents of an export: one per article, or one for all with `combine`. PDF
 * export prints these same documents, with a `tick` of its own (printing is its slow part).
 */
export async function htmlDocuments(
  input: WriterInput,
  extraCss = '',
  tick: Tick = progressTicker(input.options),
): Promise<HtmlDocumentOut[]> {
  const { lib, articles } = input
  const assets = new AssetReader(lib)
  const wordsPerMinute = readingSpeed(lib)
  const assetUrl = (name: string) => assets.dataUri(name)
  const slugs = new SlugAllocator()
  const total = articles.length
  if (input.options.combine && articles.length > 1) {
    const rendered = []
    for (const [i, article] of articles.entries()) {
      await tick(i, total, article.title)
      rendered.push(
        renderForExport(article, { assetUrl, wordsPerMinute, idPrefix: articleIdPrefix(i) }),
      )
    }
    await tick(total, total, null)
    const body = collectionBody(input.title, articles, rendered)
    const html = htmlDocument(collectionMeta(input.title, articles), body, extraCss)
    return [{ stem: slugs.stem(input.title), title: input.title, html }]
  }
  const docs: HtmlDocumentOut[] = []
  for (const [i, article] of articles.entries()) {
    await tick(i, total, article.title)
    const r = renderForExport(article, { assetUrl, wordsPerMinute })
    docs.push({
      stem: slugs.stem(r.title),
      title: r.title,
      html: htmlDocument(articleMeta(article), r.html, extraCss),
    })
  }
  await tick(total, total, null)
  return docs
}

/** Write HTML files: `<slug>.html` each. */
export async function writeHtml(input: WriterInput): Promise<ExportBundle> {
  const docs = await htmlDocuments(input)
  const files = docs.map((d) => ({ name: `${d.stem}.html`, data: Buffer.from(d.html, 'utf8') }))
  return { files, documents: files.map((f) => f.name) }
}
