/**
 * Importing a saved web page (`page.html`, with or without its `page_files/` folder) as an
 * article: the same extraction as saving from a URL, with links made absolute against the
 * page's own address (`<base href>`, else og:url, else the canonical link) and images that
 * sit beside the file stored as assets. Nothing is downloaded: an import works offline.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { BroadsheetError } from '../../shared/errors'
import type { Article } from '../../shared/model'
import { insertArticle, getArticleRow } from '../library/articles'
import { toArticle } from '../library/article-rows'
import { addAsset } from '../library/assets'
import type { Library } from '../library/open-library'
import { isInside } from '../import/collect-files'
export { HTML_EXTENSIONS, isHtmlName } from '../import/collect-files'
import { extensionOf, findImageLinks, IMAGE_TYPES } from '../import/image-links'
import { decodeBody } from '../net/decode-body'
import { articleDocument } from './article-document'
import { extractArticle } from './extract-article'

/** Largest saved page read (pages are far smaller; this stops a mistaken multi-GB file). */
export const MAX_HTML_BYTES = 64 * 1024 * 1024

/** A saved page made into an article's document, with the problems met on the way. */
export interface HtmlDocument {
  markdown: string
  warnings: string[]
}

/**
 * Turn a saved page's bytes into an article document. `file` is where it lies (for its
 * images); `root` is the folder images may come from (default: the file's own folder).
 * Throws a `BroadsheetError` when the page is not an article.
 */
export function htmlFileDocument(
  lib: Library,
  file: string,
  bytes: Uint8Array,
  root = dirname(file),
  options: { force?: boolean } = {},
): HtmlDocument {
  const { text } = decodeBody(bytes, { kind: 'html' })
  const base = pageAddress(text)
  // Without a web address the page is parsed with none, so relative image links stay
  // relative and can be found beside the file.
  const extracted = extractArticle(text, base, { ...options, label: file })
  const warnings: string[] = []
  const markdown = storeLocalImages(lib, extracted.markdown, file, root, base, warnings)
  const sourceUrl = extracted.sourceUrl ?? base
  return { markdown: articleDocument({ ...extracted, markdown }, { sourceUrl }), warnings }
}

/** `broadsheet import page.html`: store one saved page as a new article. */
export function importHtmlFile(
  lib: Library,
  path: string,
  options: { force?: boolean } = {},
): Article {
  const file = resolve(path)
  let bytes: Buffer
  try {
    if (statSync(file).size > MAX_HTML_BYTES) {
      throw new BroadsheetError(
        'invalid_input',
        `${path} is larger than 64 MB; it was not imported.`,
      )
    }
    bytes = readFileSync(file)
  } catch (err) {
    if (err instanceof BroadsheetError) throw err
    const code = (err as NodeJS.ErrnoException).code
    throw new BroadsheetError(
      code === 'ENOENT' ? 'not_found' : 'io_error',
      `${path} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}.`,
    )
  }
  const doc = htmlFileDocument(lib, file, bytes, dirname(file), options)
  const rowId = lib.transaction(() => insertArticle(lib, doc.markdown, { state: { read: false } }))
  return toArticle(getArticleRow(lib, rowId))
}

/**
 * The page's own web address, from the raw HTML: `<base href>`, og:url, then the canonical
 * link (absolute http(s) only). Read with patterns rather than a DOM because it decides the
 * URL the DOM is built with.
 */
function pageAddress(html: string): string | null {
  const head = html.slice(0, 200_000)
  const patterns = [
    /<base\s[^>]*?href\s*=\s*["']?([^"'\s>]+)/i,
    /<meta\s[^>]*?property\s*=\s*["']og:url["'][^>]*?content\s*=\s*["']([^"']+)/i,
    /<meta\s[^>]*?content\s*=\s*["']([^"']+)["'][^>]*?property\s*=\s*["']og:url["']/i,
    /<link\s[^>]*?rel\s*=\s*["']canonical["'][^>]*?href\s*=\s*["']([^"']+)/i,
    /<link\s[^>]*?href\s*=\s*["']([^"']+)["'][^>]*?rel\s*=\s*["']canonical["']/i,
  ]
  for (const p of patterns) {
    const m = p.exec(head)
    if (!m) continue
    try {
      const url = new URL(m[1]!.replace(/&amp;/g, '&'))
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href
    } catch {
      // A relative <base> or a broken value: try the next source.
    }
  }
  return null
}

/**
 * Store images that are files beside the page (`page_files/photo.jpg`, still relative in the
 * Markdown because they could not be made absolute) as assets and link to those.
 */
function storeLocalImages(
  lib: Library,
  markdown: string,
  file: string,
  root: string,
  base: string | null,
  warnings: string[],
): string {
  // With a web address, "page_files/a.jpg" was made absolute against it: look for it here too.
  const baseDir = base ? new URL('.', base).href : null
  let out = ''
  let last = 0
  for (const link of findImageLinks(markdown)) {
    let raw = link.raw.replace(/\\([!-/:-@[-`{-~])/g, '$1')
    if (baseDir && raw.startsWith(baseDir)) {
      const local = resolve(
        dirname(file),
        decodeSafely(raw.slice(baseDir.length).replace(/[?#].*$/s, '')),
      )
      if (!existsSync(local)) continue
      raw = raw.slice(baseDir.length)
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('assets/')) continue
    const decoded = decodeSafely(raw.replace(/[?#].*$/s, ''))
    const mime = IMAGE_TYPES[extensionOf(decoded)]
    const abs = resolve(dirname(file), decoded)
    if (!mime || mime === 'image/svg+xml') continue
    try {
      const real = realpathSync(abs)
      if (!isInside(realpathSync(root), real)) {
        warnings.push(`image "${raw}" is outside the page's folder; its link was left as it is`)
        continue
      }
      out += markdown.slice(last, link.start) + addAsset(lib, readFileSync(real), mime)
      last = link.end
    } catch {
      warnings.push(`image "${raw}" was not found; its link was left as it is`)
    }
  }
  return last === 0 ? markdown : out + markdown.slice(last)
}

function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path // a literal % in the name
  }
}
