/**
 * From a web page's HTML to an article: Mozilla Readability over jsdom (scripts never run,
 * nothing is loaded) picks the text, the page's head gives the metadata, and htmlToMarkdown
 * turns the text into Markdown. A page that is not an article, or whose article is too short
 * to be the real thing (a paywall, a login wall), is refused with a sentence saying so.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability'
import { loadJsdom } from '../../shared/markdown/load-jsdom'
import { BroadsheetError } from '../../shared/errors'
import { domToMarkdown } from '../../shared/html/html-to-markdown'
import { readPageMetadata } from './page-metadata'

/** An article taken out of a page. */
export interface ExtractedArticle {
  title: string
  /** Author(s) as the page names them, without a leading "By". */
  byline: string | null
  siteName: string | null
  publishedTime: string | null
  language: string | null
  /** The page's lead image (og:image and the like), absolute, or null. */
  leadImage: string | null
  /** The page's own idea of its address (og:url / canonical), else the address fetched. */
  sourceUrl: string | null
  excerpt: string | null
  /** Text direction when the page sets one (`rtl`). */
  dir: string | null
  /** The article body as Markdown. */
  markdown: string
  /** Characters of text in the article. */
  textLength: number
}

/** Options for `extractArticle`. */
export interface ExtractOptions {
  /** Extract even when the page does not look like an article. Default false. */
  force?: boolean
  /** How to name the page in messages (a file path). Default: its URL. */
  label?: string
}

/** Text below which an extraction is a teaser, not an article (Readability's own default). */
export const MIN_ARTICLE_CHARS = 500
/**
 * Text below which a page that declares itself subscriber-only (schema.org
 * `isAccessibleForFree: false`) is taken to show only its teaser.
 */
export const MIN_PAYWALLED_CHARS = 2000
/** Share of the text that may be link text; more is a list of links (a front page). */
const MAX_LINK_DENSITY = 0.5

/**
 * Extract the article from `html`. `url` is where the page came from (a web address, or a
 * `file:` URL for a saved page); a `<base href>` in the page wins over it for resolving
 * links, as in a browser.
 */
export function extractArticle(
  html: string,
  url: string | null,
  options: ExtractOptions = {},
): ExtractedArticle {
  // Stylesheets are parsed by jsdom (slowly, and noisily when broken) and never used here.
  const withoutStyles = html.replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, '')
  const { JSDOM, VirtualConsole } = loadJsdom()
  const dom = new JSDOM(withoutStyles, {
    url: url ?? undefined,
    virtualConsole: new VirtualConsole(),
  })
  try {
    const doc = dom.window.document
    const where = options.label ?? describe(url)
    const meta = readPageMetadata(doc)
    const readerable = isProbablyReaderable(doc)
    const parsed = new Readability<HTMLElement>(doc, {
      keepClasses: true,
      // The DOM itself, not HTML text: it is converted to Markdown without parsing it again.
      serializer: (node) => node as HTMLElement,
    }).parse()
    const textLength = parsed?.textContent?.trim().length ?? 0
    if (!parsed?.content || textLength === 0) {
      throw notAnArticle(where, 'no article text was found in it')
    }
    const linkDensity = linkTextLength(parsed.content) / Math.max(1, textLength)
    if (!options.force) {
      if (meta.accessibleForFree === false && textLength < MIN_PAYWALLED_CHARS) {
        throw notAnArticle(
          where,
          `the page says it is for subscribers, and only ${textLength} characters of its text are readable (a paywall)`,
        )
      }
      if (!readerable && linkDensity > MAX_LINK_DENSITY) {
        throw notAnArticle(where, 'it is mostly links, like a front page or an index')
      }
      if (textLength < MIN_ARTICLE_CHARS / 2 || (!readerable && textLength < MIN_ARTICLE_CHARS)) {
        throw notAnArticle(
          where,
          `it has only ${textLength} characters of article text, so it may be behind a paywall or a login`,
        )
      }
      if (!readerable) {
        throw notAnArticle(
          where,
          'its text is not laid out as an article (reader mode would not offer it)',
        )
      }
    }
    const baseUrl = /^https?:/.test(doc.baseURI) ? doc.baseURI : null
    const markdown = domToMarkdown(parsed.content, { baseUrl })
    if (markdown.trim() === '') throw notAnArticle(where, 'nothing readable was left of it')
    return {
      title: clean(parsed.title) ?? clean(doc.title) ?? 'Untitled page',
      byline: cleanByline(parsed.byline) ?? cleanByline(meta.author),
      siteName: clean(parsed.siteName) ?? meta.siteName,
      publishedTime: clean(parsed.publishedTime) ?? meta.publishedTime,
      language: clean(parsed.lang) ?? meta.language,
      leadImage: meta.leadImage,
      sourceUrl: meta.canonicalUrl ?? (url && /^https?:/.test(url) ? url : null),
      excerpt: clean(parsed.excerpt),
      dir: clean(parsed.dir),
      markdown,
      textLength,
    }
  } finally {
    dom.window.close()
  }
}

/** The start of every "not an article" message; the CLI and the app offer to force it. */
export const NOT_AN_ARTICLE = 'This page does not look like an article'

function notAnArticle(where: string, why: string): BroadsheetError {
  return new BroadsheetError(
    'invalid_input',
    `${NOT_AN_ARTICLE}: ${why} (${where}). Nothing was saved.`,
  )
}

function describe(url: string | null): string {
  if (!url) return 'the page'
  try {
    const u = new URL(url)
    return u.protocol === 'file:' ? decodeURIComponent(u.pathname) : u.href
  } catch {
    return url
  }
}

function linkTextLength(root: HTMLElement): number {
  let n = 0
  for (const a of Array.from(root.querySelectorAll('a'))) n += (a.textContent ?? '').trim().length
  return n
}

function clean(value: string | null | undefined): string | null {
  const t = value?.replace(/\s+/g, ' ').trim()
  return t ? t : null
}

/** A byline without the "By " that news sites put before names. */
function cleanByline(value: string | null | undefined): string | null {
  const t = clean(value)?.replace(/^by\s+/i, '')
  return t ? t : null
}
