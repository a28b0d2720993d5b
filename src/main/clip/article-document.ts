/**
 * The Markdown document of a saved page: YAML front matter with what is known about it
 * (title, author, published, source name and address, image, language, summary), then the
 * article. Keys are the ones `deriveMetadata` reads, so the library's columns fill in.
 */
import { stringify } from 'yaml'
import type { ExtractedArticle } from './extract-article'

/** Front matter and body for a saved page. `image` overrides the lead image (a stored asset). */
export function articleDocument(
  article: ExtractedArticle,
  fields: { sourceUrl: string | null; image?: string | null },
): string {
  const front: Record<string, string> = { title: article.title }
  if (article.byline) front['author'] = article.byline
  if (article.publishedTime) front['published'] = article.publishedTime
  if (article.siteName) front['source'] = article.siteName
  if (fields.sourceUrl) front['source_url'] = fields.sourceUrl
  const image = fields.image === undefined ? article.leadImage : fields.image
  if (image) front['image'] = image
  if (article.language) front['language'] = article.language
  if (article.dir === 'rtl') front['dir'] = 'rtl'
  if (article.excerpt) front['summary'] = article.excerpt
  // Plain scalars where safe, quoted where YAML needs it; never folded onto several lines.
  const yaml = stringify(front, { lineWidth: 0 })
  return `---\n${yaml}---\n\n${article.markdown}`
}
