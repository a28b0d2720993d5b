/**
 * HTML to Markdown for saved pages, feed items and pasted HTML, in Node and in the renderer:
 * turndown with the GFM plugin (tables, strikethrough, task lists), fenced code blocks that
 * keep their language, absolute links and images, and nothing executable: the document is
 * cleaned first (see `clean-dom.ts`), no HTML is ever passed through, and `<` in text is
 * escaped so text that looks like a tag stays text.
 */
import { strikethrough, tables, taskListItems } from '@joplin/turndown-plugin-gfm'
import TurndownService from 'turndown'
import { cleanDom } from './clean-dom'
import { parseHtml } from './parse-html'

/** Options for `htmlToMarkdown`. */
export interface HtmlToMarkdownOptions {
  /** The page's address: relative links and images are resolved against it. Default none. */
  baseUrl?: string | null
}

let service: TurndownService | null = null

function turndown(): TurndownService {
  if (service) return service
  const s = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
    strongDelimiter: '**',
    hr: '---',
    linkStyle: 'inlined',
    // Whatever a rule or plugin asks to keep as HTML becomes its converted content instead.
    keepReplacement: (content, node) =>
      (node as { isBlock?: boolean }).isBlock ? `\n\n${content}\n\n` : content,
  })
  s.use([tables, strikethrough, taskListItems])
  s.addRule('fencedCodeWithLanguage', {
    filter: (node) => node.nodeName === 'PRE',
    replacement: (_content, node) => {
      const pre = node as HTMLElement
      const text = (pre.textContent ?? '').replace(/\n$/, '')
      const fence = fenceFor(text)
      return `\n\n${fence}${codeLanguage(pre)}\n${text}\n${fence}\n\n`
    },
  })
  s.addRule('listItemTight', {
    filter: 'li',
    // turndown pads markers to four columns ("-   item"); one space is what people write.
    replacement: (content, node, options) => {
      const parent = node.parentNode as HTMLElement | null
      let prefix = `${options.bulletListMarker} `
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? '1')
        const index = Array.prototype.indexOf.call(parent.children, node)
        prefix = `${(Number.isFinite(start) ? start : 1) + index}. `
      }
      const paragraph = /\n$/.test(content)
      const body = content.replace(/^\n+|\n+$/g, '') + (paragraph ? '\n' : '')
      const indented = body.replace(/\n/g, `\n${' '.repeat(prefix.length)}`)
      return prefix + indented + (node.nextSibling ? '\n' : '')
    },
  })
  const escapeMarkdown = s.escape.bind(s)
  // turndown leaves `<` and entities alone; as Markdown they would turn text into HTML.
  s.escape = (text: string) =>
    escapeMarkdown(text)
      .replace(/</g, '\\<')
      .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
  s.addRule('imageEscaped', {
    filter: 'img',
    // turndown's own rule escapes the alt text less than text (no `<`).
    replacement: (_content, node) => {
      const img = node as HTMLElement
      const src = img.getAttribute('src')
      if (!src) return ''
      const alt = s.escape((img.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim())
      const title = (img.getAttribute('title') ?? '').replace(/\s+/g, ' ').trim()
      const titlePart = title ? ` "${title.replace(/["\\]/g, '\\$&')}"` : ''
      return `![${alt}](${linkDestination(src)}${titlePart})`
    },
  })
  service = s
  return s
}

/**
 * Convert HTML (a whole page or a fragment) to Markdown. Scripts, styles, frames, forms and
 * embeds are dropped; links keep only http(s), mailto, ftp and tel; images only http(s) and
 * raster `data:` URLs. Returns '' when nothing readable is left, else text ending in '\n'.
 */
export function htmlToMarkdown(html: string, options: HtmlToMarkdownOptions = {}): string {
  return domToMarkdown(parseHtml(html).body, options)
}

/**
 * The same for an element already parsed (Readability's output, say), with the same rules.
 * The element is cleaned in place, so pass one you no longer need as it was.
 */
export function domToMarkdown(root: HTMLElement, options: HtmlToMarkdownOptions = {}): string {
  cleanDom(root, options.baseUrl ?? null)
  const markdown = turndown().turndown(root).trim()
  return markdown === '' ? '' : `${markdown}\n`
}

/** A link destination as CommonMark reads it: in angle brackets when it has spaces. */
function linkDestination(url: string): string {
  const escaped = url.replace(/[<>()\\]/g, '\\$&')
  return /\s/.test(escaped) ? `<${escaped}>` : escaped
}

/** A backtick fence longer than any backtick run in the code. */
function fenceFor(text: string): string {
  let longest = 0
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  return '`'.repeat(Math.max(3, longest + 1))
}

const LANGUAGE_PATTERNS = [
  /(?:^|\s)lang(?:uage)?-([\w#+.-]+)/i,
  /(?:^|\s)highlight-(?:source|text)-([\w#+.-]+)/i,
  /brush:\s*([\w#+.-]+)/i,
  /(?:^|\s)sourceCode\s+([\w#+.-]+)/,
]

/**
 * The code's language from the class names highlighters use (`language-js`, `lang-js`,
 * `highlight-source-js`, `brush: js`, Pandoc's `sourceCode js`) or `data-lang`, on the
 * `<pre>`, its `<code>` or a wrapping element. Only a plain word: an info string is a place
 * markup has been smuggled through before.
 */
function codeLanguage(pre: HTMLElement): string {
  const code = pre.querySelector('code')
  // `!= null`: under Node (domino) a missing element is undefined, not null.
  const places = [code, pre, pre.parentElement].filter((e): e is HTMLElement => e != null)
  for (const el of places) {
    const data = el.getAttribute('data-lang') ?? el.getAttribute('data-language')
    const found = data ?? LANGUAGE_PATTERNS.map((p) => p.exec(el.className)?.[1]).find(Boolean)
    if (found && /^[\w#+.-]{1,32}$/.test(found)) return found.toLowerCase()
  }
  return ''
}
