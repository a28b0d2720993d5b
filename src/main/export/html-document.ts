/**
 * Self-contained HTML documents: one article, or a collection with a table of contents, with
 * every stylesheet inlined and a Content-Security-Policy that lets the file load nothing from
 * the network and run no script, whatever an article holds.
 */
import { formatDate } from '../../shared/markdown/article-header'
import type { Article } from '../../shared/model'
import { escapeAttr, escapeText, type ExportedArticle } from './render-article'
import { exportCss, katexCss, readerCss } from './stylesheets'

/**
 * Only inline styles, and images, fonts and media embedded as data URIs: opened offline, the
 * file makes no request; no script of any origin runs.
 */
export const EXPORT_CSP =
  "default-src 'none'; img-src data:; media-src data:; font-src data:; style-src 'unsafe-inline'"

/** What goes in `<head>`. */
export interface DocumentMeta {
  title: string
  language: string | null
  authors: string[]
  /** ISO date. */
  date: string | null
  description: string | null
}

/** The `<head>` fields of one article. */
export function articleMeta(article: Article): DocumentMeta {
  return {
    title: article.title,
    language: article.language,
    authors: article.authors,
    date: article.publishedAt,
    description: article.summary,
  }
}

/** The `<head>` fields of a collection: its title, and the first article's language. */
export function collectionMeta(title: string, articles: Article[]): DocumentMeta {
  const authors = [...new Set(articles.flatMap((a) => a.authors))]
  return {
    title,
    language: articles.find((a) => a.language !== null)?.language ?? null,
    authors,
    date: null,
    description: `${articles.length} articles`,
  }
}

/** The body of a collection: title, a numbered table of contents, then each article. */
export function collectionBody(
  title: string,
  articles: Article[],
  rendered: ExportedArticle[],
): string {
  let html = `<h1 class="collection-title">${escapeText(title)}</h1>\n`
  html += '<nav class="collection-toc" aria-label="Contents"><ol>\n'
  rendered.forEach((r, i) => {
    const a = articles[i]!
    const meta = [a.authors.join(', '), a.publishedAt ? formatDate(a.publishedAt) : null]
      .filter((x) => x)
      .join(' · ')
    html += `<li><a href="#${articleAnchor(i)}">${escapeText(r.title)}</a>`
    if (meta !== '') html += ` <span class="toc-meta">${escapeText(meta)}</span>`
    html += '</li>\n'
  })
  html += '</ol></nav>\n'
  rendered.forEach((r, i) => {
    html += `<section class="exported-article" id="${articleAnchor(i)}">\n${r.html}</section>\n`
  })
  return html
}

/** The id of the i-th article of a collection, and the prefix of every id inside it. */
export function articleAnchor(index: number): string {
  return `article-${index + 1}`
}

/** The id prefix for the i-th article of a collection (its headings, footnotes). */
export function articleIdPrefix(index: number): string {
  return `a${index + 1}-`
}

/** A whole HTML document around `bodyHtml` (sanitized article HTML). */
export function htmlDocument(meta: DocumentMeta, bodyHtml: string, extraCss = ''): string {
  const head: string[] = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(EXPORT_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(meta.title)}</title>`,
    '<meta name="generator" content="Broadsheet">',
  ]
  for (const author of meta.authors) {
    head.push(`<meta name="author" content="${escapeAttr(author)}">`)
  }
  if (meta.date) head.push(`<meta name="dcterms.date" content="${escapeAttr(meta.date)}">`)
  if (meta.description) {
    head.push(`<meta name="description" content="${escapeAttr(meta.description)}">`)
  }
  // KaTeX's fonts are most of a file's weight: only documents with math carry them.
  const math = bodyHtml.includes('class="katex')
  const css = [readerCss(), math ? katexCss() : '', exportCss(), extraCss].join('\n')
  head.push(`<style>\n${css}\n</style>`)
  const lang = meta.language ? ` lang="${escapeAttr(meta.language)}"` : ''
  return (
    `<!DOCTYPE html>\n<html${lang}>\n<head>\n${head.join('\n')}\n</head>\n` +
    `<body>\n<article class="reader">\n${bodyHtml}</article>\n</body>\n</html>\n`
  )
}
