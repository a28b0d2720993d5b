/**
 * Markdown export: each article's stored document byte for byte (front matter kept, or left
 * out on request), one `<slug>.md` per article, with every library image it uses copied to
 * `assets/<sha256>.<ext>` beside it: the links already say `assets/…`, so the files render
 * anywhere (GitHub, VS Code, Obsidian) and import back unchanged.
 */
import { splitFrontMatter } from '../../shared/document/front-matter'
import { BroadsheetError } from '../../shared/errors'
import { AssetReader, assetNames } from './asset-links'
import { progressTicker } from './progress'
import { SlugAllocator } from './slugs'
import type { ExportBundle, ExportFile, WriterInput } from './types'

/** Write Markdown files and their `assets/` folder. */
export async function writeMarkdown(input: WriterInput): Promise<ExportBundle> {
  const { lib, articles, options } = input
  if (options.combine && articles.length > 1) {
    throw new BroadsheetError(
      'invalid_input',
      'Markdown is exported as one file per article; leave out --combine, or give an --out ending in .zip for a single file.',
    )
  }
  // Images byte for byte: they import back under the same names.
  const reader = new AssetReader(lib, true)
  const slugs = new SlugAllocator()
  slugs.reserve('assets')
  const files: ExportFile[] = []
  const documents: string[] = []
  const assets = new Map<string, ExportFile>()
  const warnings: string[] = []
  const tick = progressTicker(options)
  for (const [i, article] of articles.entries()) {
    await tick(i, articles.length, article.title)
    const text =
      options.frontMatter === false
        ? article.markdown.slice(splitFrontMatter(article.markdown).bodyStart)
        : article.markdown
    const name = slugs.fileName(article.title, 'md')
    files.push({ name, data: Buffer.from(text, 'utf8') })
    documents.push(name)
    for (const asset of assetNames(text)) {
      if (assets.has(asset)) continue
      const data = reader.read(asset)
      if (data === null) {
        warnings.push(`${name}: the image assets/${asset} is missing from the library`)
        continue
      }
      assets.set(asset, { name: `assets/${asset}`, data: data.bytes })
    }
  }
  await tick(articles.length, articles.length, null)
  files.push(...assets.values())
  return { files, documents, warnings }
}
