/**
 * DOCX export with the `docx` package, built from the same markdown-it tokens the preview
 * renders: one document per article, or with `combine` one for the collection (a contents
 * list linking to each article, every article from a new page). Opens in Word and LibreOffice
 * without repair; Pandoc reads it back to the same words (see the tests).
 */
import {
  AlignmentType,
  Bookmark,
  Document,
  HeadingLevel,
  InternalHyperlink,
  LevelFormat,
  Packer,
  Paragraph,
  type Table,
  TextRun,
} from 'docx'
import { splitFrontMatter } from '../../shared/document/front-matter'
import { formatDate } from '../../shared/markdown/article-header'
import { isAssetLink, markdownIt, type RenderEnv } from '../../shared/markdown/engine'
import type { Article } from '../../shared/model'
import { AssetReader } from './asset-links'
import {
  BULLETS,
  type BlockContext,
  bookmarkHeadings,
  docxBlocks,
  findBookmark,
  NUMBERS,
} from './docx-blocks'
import { imageRun } from './docx-inline'
import { progressTicker } from './progress'
import { SlugAllocator } from './slugs'
import type { ExportBundle, ExportFile, WriterInput } from './types'

const BULLET_GLYPHS = ['•', '◦', '▪']

/** Bulleted and numbered lists, nine levels each, indented half an inch per level. */
const NUMBERING = {
  config: [
    {
      reference: BULLETS,
      levels: Array.from({ length: 9 }, (_, level) => ({
        level,
        format: LevelFormat.BULLET,
        text: BULLET_GLYPHS[level % 3]!,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
      })),
    },
    {
      reference: NUMBERS,
      levels: Array.from({ length: 9 }, (_, level) => ({
        level,
        format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][
          level % 3
        ]!,
        text: `%${level + 1}.`,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
      })),
    },
  ],
}

const STYLES = {
  default: { document: { run: { font: 'Georgia', size: 22 } } },
  paragraphStyles: [
    {
      id: 'SourceCode',
      // Pandoc reads paragraphs in the style named "Source Code" back as code blocks.
      name: 'Source Code',
      basedOn: 'Normal',
      run: { font: 'Consolas', size: 19 },
      paragraph: {
        spacing: { before: 120, after: 120 },
        shading: { type: 'clear' as const, color: 'auto', fill: 'F4F4F2' },
      },
    },
    {
      id: 'Byline',
      name: 'Byline',
      basedOn: 'Normal',
      run: { color: '5F6368', size: 20 },
      paragraph: { spacing: { after: 240 } },
    },
  ],
}

/** Write `<slug>.docx`: one per article, or one for all with `combine`. */
export async function writeDocx(input: WriterInput): Promise<ExportBundle> {
  const { articles, options } = input
  const docs = options.combine && articles.length > 1 ? [articles] : articles.map((a) => [a])
  const slugs = new SlugAllocator()
  const reader = new AssetReader(input.lib)
  const files: ExportFile[] = []
  const tick = progressTicker(options)
  let done = 0
  for (const group of docs) {
    const title = group.length === 1 ? group[0]!.title : input.title
    const data = await buildDocx(reader, group, title, (article) =>
      tick(done++, articles.length, article.title),
    )
    files.push({ name: `${slugs.stem(title)}.docx`, data })
  }
  await tick(articles.length, articles.length, null)
  return { files, documents: files.map((f) => f.name) }
}

function byline(article: Article): string {
  const parts: string[] = []
  if (article.authors.length > 0) parts.push(`By ${article.authors.join(', ')}`)
  const date = article.publishedAt ? formatDate(article.publishedAt) : null
  if (date) parts.push(date)
  if (article.sourceName) parts.push(article.sourceName)
  return parts.join(' · ')
}

async function buildDocx(
  reader: AssetReader,
  articles: Article[],
  title: string,
  /** Called (and awaited) before each article. */
  progress: (article: Article) => Promise<void>,
): Promise<Uint8Array> {
  const md = markdownIt()
  let footnoteBase = 0
  const ctx: BlockContext = {
    listInstances: 0,
    footnotes: new Map(),
    image: (src) => (isAssetLink(src) ? (reader.read(src)?.bytes ?? null) : null),
    footnoteId: (id) => footnoteBase + id + 1,
    bookmarks: new Map(),
    bookmarkCount: 0,
    bookmark: (fragment) => findBookmark(ctx, fragment),
  }
  const children: (Paragraph | Table)[] = []
  const collection = articles.length > 1
  if (collection) {
    children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }))
    articles.forEach((a, i) => {
      children.push(
        new Paragraph({
          children: [
            new TextRun(`${i + 1}. `),
            new InternalHyperlink({
              anchor: `article_${i + 1}`,
              children: [new TextRun({ text: a.title, style: 'Hyperlink' })],
            }),
          ],
        }),
      )
    })
  }
  for (const [i, article] of articles.entries()) {
    await progress(article)
    const titleRun = new TextRun(article.title)
    children.push(
      new Paragraph({
        heading: collection ? HeadingLevel.HEADING_1 : HeadingLevel.TITLE,
        pageBreakBefore: collection,
        children: collection
          ? [new Bookmark({ id: `article_${i + 1}`, children: [titleRun] })]
          : [titleRun],
      }),
    )
    const by = byline(article)
    if (by !== '') children.push(new Paragraph({ style: 'Byline', children: [new TextRun(by)] }))
    if (article.featuredImage && isAssetLink(article.featuredImage)) {
      children.push(new Paragraph({ children: [imageRun(article.featuredImage, '', ctx)] }))
    }
    const fm = splitFrontMatter(article.markdown)
    const env: RenderEnv = {
      resolveAsset: undefined,
      lineOffset: 0,
      sourceLines: false,
      headerTitle: article.title,
      adoptTitle: false,
      droppedTitle: null,
      droppedTitleLine: null,
      toc: [],
      headingIds: new Set(),
    }
    const tokens = md.parse(fm.body, env)
    bookmarkHeadings(tokens, ctx)
    children.push(...docxBlocks(tokens, ctx))
    // The next article's notes are numbered after this one's.
    footnoteBase = Math.max(footnoteBase, ...ctx.footnotes.keys())
  }
  const doc = new Document({
    creator: [...new Set(articles.flatMap((a) => a.authors))].join(', ') || 'Broadsheet',
    title,
    description: articles.length === 1 ? (articles[0]!.summary ?? undefined) : undefined,
    styles: STYLES,
    numbering: NUMBERING,
    footnotes: Object.fromEntries(
      [...ctx.footnotes].map(([id, paragraphs]) => [id, { children: paragraphs }]),
    ),
    sections: [{ children }],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}
