/**
 * The one markdown-it configuration behind the preview, the reader view and every export.
 * It is built once, on first use; everything that varies per render (asset resolution, the
 * line offset of the body, the table of contents) travels in the render `env`, so one
 * instance serves every caller.
 */
import MarkdownItFactory, {
  type MarkdownIt,
  type PluginSimple,
  type RendererRule,
  type StateCore,
  type Token,
} from 'markdown-it'
import footnote from 'markdown-it-footnote'
import anchor from 'markdown-it-anchor'
import taskLists from 'markdown-it-task-lists'
import katexPluginModule from '@vscode/markdown-it-katex'
import { fenceLanguage, highlightCode } from './highlight'
import { renderMath } from './math'
import { HEADING_ID_PREFIX, TOC_MARKER, headingText, renderTocNav, slugify } from './toc'
import type { TocEntry } from './toc'

/**
 * Per-render state shared by the core rules and the renderer rules (a type, not an
 * interface, so that it fits markdown-it's open-ended `Env`).
 */
export type RenderEnv = {
  resolveAsset: ((link: string) => string) | undefined
  /** Lines of the document before the body (the front matter), added to every `data-line`. */
  lineOffset: number
  sourceLines: boolean
  /**
   * Written before every generated `data-line` value (default none). The live preview passes
   * a random per-page prefix, so it can tell the renderer's line marks from a `data-line`
   * written by hand in raw HTML.
   */
  linePrefix?: string
  /**
   * Count each `data-line` from the first line of its top-level block (the preview: a block
   * moved down by an edit above it keeps the same HTML). The caller sets `lineBase` to that
   * line while it renders each block. Default: lines of the whole document.
   */
  blockLines?: boolean
  lineBase?: number
  /** The header's title: a first `# H1` with the same text is not rendered again. */
  headerTitle: string | null
  /**
   * A header without a front matter title takes a leading `# H1` as its title instead, so
   * the title still comes before the byline.
   */
  adoptTitle: boolean
  /** Set when the leading H1 was moved into the header: its text and document line. */
  droppedTitle: string | null
  droppedTitleLine: number | null
  /** Inline parses kept from the last render of the same document (the live preview). */
  inlineCache?: InlineCache
  /** Filled by the core rules. */
  toc: TocEntry[]
  headingIds: Set<string>
}

/** Block tokens that get a `data-line` attribute through `renderToken`. */
const LINE_TOKENS = new Set([
  'paragraph_open',
  'heading_open',
  'list_item_open',
  'blockquote_open',
  'table_open',
  'tr_open',
  'hr',
  'footnote_open',
])

// CommonJS interop: Node's ESM loader hands over `module.exports` (`{ default: fn }`) for this
// transpiled module, while bundlers honour `__esModule` and hand over the function itself.
const katexPlugin =
  (katexPluginModule as unknown as { default?: typeof katexPluginModule }).default ??
  katexPluginModule

let instance: MarkdownIt | null = null

/** The shared markdown-it instance, created on first use. */
export function markdownIt(): MarkdownIt {
  instance ??= create()
  return instance
}

/** A link to a library asset (`assets/<sha256>.<ext>`), which the caller's door resolves. */
export function isAssetLink(url: string): boolean {
  return /^(?:\.\/)?assets\/[^/]/.test(url)
}

function create(): MarkdownIt {
  // Raw HTML is allowed: every output goes through the sanitizer before any DOM or file.
  const md = new MarkdownItFactory({ html: true, linkify: true, typographer: false })
  linkWww(md)
  // Its types describe markdown-it's CommonJS typings, which TypeScript keeps apart from
  // the ES module ones this file uses; the plugin is the same function either way.
  md.use(footnote as unknown as PluginSimple)
  // Only the parsing rules are used; the renderers below replace the plugin's so that math
  // uses our KaTeX options, our cache and valid HTML nesting.
  md.use(katexPlugin)
  md.use(anchor, {
    slugify,
    getTokensText: headingText,
    tabIndex: false,
    // Ids written by hand in raw HTML are not the plugin's business.
    failOnNonUnique: false,
  })
  md.use(taskLists, { enabled: false })
  md.core.ruler.at('inline', parseInline)
  md.core.ruler.before('linkify', 'broadsheet_hide_kept', hideKeptInline)
  md.core.ruler.after('text_join', 'broadsheet_keep_inline', keepInline)
  md.core.ruler.push('broadsheet_title', dropRepeatedTitle)
  md.core.ruler.push('broadsheet_toc', collectToc)
  md.core.ruler.push('broadsheet_lines', markSourceLines)
  installRenderers(md)
  return md
}

/** A token attribute as a string (markdown-it types allow numbers), or `null`. */
function attr(token: Token, name: string): string | null {
  const value = token.attrGet(name)
  return value === null ? null : String(value)
}

/**
 * GFM's extended autolinks: `www.example.com` becomes a link, as on GitHub. linkify-it's
 * fuzzy mode is not used, since it also links `setup.py` and `main.rs` (country domains).
 */
function linkWww(md: MarkdownIt): void {
  md.linkify.add('www.', {
    validate: (text, pos) => {
      const m = WWW_TAIL.exec(text.slice(pos))
      // Trailing punctuation ends the sentence, not the link (as in GFM).
      return m ? m[0].replace(/[.,:;!?'")\]*]+$/, '').length : 0
    },
    normalize: (match) => {
      match.url = 'http://' + match.url
    },
  })
}

/** What follows `www.`: a host with a dot, an optional port, path, query and fragment. */
const WWW_TAIL =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?(?:[/?#][^\s<>]*)?/i

function envOf(env: unknown): RenderEnv {
  return env as RenderEnv
}

/**
 * Inline parses kept between two renders of the same document (the live preview, which
 * renders the whole article on every keystroke): a paragraph, heading or cell whose text did
 * not change, found by lining up the inline tokens of the two renders from both ends, gets
 * the last render's inline tokens instead of being parsed, linkified and joined again, which
 * is most of a render's time. Nothing later changes those tokens (the renderer's rules
 * change attributes for their output only), so they are shared, not copied. Text that
 * depends on the rest of the document is always parsed: footnote references and inline
 * footnotes (numbered in document order) and task-list items (whose tokens the task-list
 * rule rewrites). Reference links depend on the document's definitions: when those change,
 * nothing is kept.
 */
export class InlineCache {
  /** The last render's inline tokens in order: their text as parsed, and their tokens. */
  texts: string[] = []
  /** `null` where the tokens may not be reused. */
  children: Array<Token[] | null> = []
  /** The reference definitions the kept tokens were parsed with. */
  references = ''
  /** The render under way: its inline tokens in order, their texts, those given kept tokens. */
  order: Token[] = []
  orderTexts: string[] = []
  kept = new Set<Token>()
}

/** Text whose inline tokens depend on nothing but itself and the reference definitions. */
function mayKeep(text: string): boolean {
  return !text.includes('[^') && !text.includes('^[') && !/^\[[ xX]\]/.test(text)
}

/** markdown-it's `inline` core rule, taking kept tokens where the env has an `InlineCache`. */
function parseInline(state: StateCore): void {
  const cache = envOf(state.env).inlineCache
  const inline = state.tokens.filter((token) => token.type === 'inline')
  if (cache) {
    const references = JSON.stringify((state.env as { references?: unknown }).references ?? {})
    if (references !== cache.references) {
      cache.texts = []
      cache.children = []
      cache.references = references
    }
    cache.order = inline
    cache.orderTexts = inline.map((token) => token.content)
    cache.kept.clear()
    const { texts, children } = cache
    const keep = (token: Token, kept: Token[] | null): void => {
      if (kept === null) return
      token.children = kept
      cache.kept.add(token)
    }
    const n = inline.length
    const m = texts.length
    // The texts kept for the next render are the last render's strings where unchanged, and
    // copies where parsed (see `detached`).
    const orderTexts = cache.orderTexts
    let head = 0
    while (head < n && head < m && inline[head]!.content === texts[head]) {
      keep(inline[head]!, children[head]!)
      orderTexts[head] = texts[head]!
      head++
    }
    for (let tail = 0; tail < n - head && tail < m - head; tail++) {
      if (inline[n - 1 - tail]!.content !== texts[m - 1 - tail]) break
      keep(inline[n - 1 - tail]!, children[m - 1 - tail]!)
      orderTexts[n - 1 - tail] = texts[m - 1 - tail]!
    }
  }
  for (let i = 0; i < inline.length; i++) {
    const token = inline[i]!
    if (cache?.kept.has(token)) continue
    if (cache) cache.orderTexts[i] = token.content = detached(token.content)
    state.md.inline.parse(token.content, state.md, state.env, token.children!)
  }
}

/**
 * `text` as a string of its own. markdown-it's texts are slices of the whole document, and
 * V8 keeps a slice of 13 characters or more as a pointer into the string it was cut from:
 * keeping one for later renders (text, and the tokens parsed from it) kept that version of
 * the whole document alive, one more for every edit (30 MB after 1,000 edits of a 50 KB
 * article). Joining two strings and cutting the result makes a fresh copy.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1)
}

/** Kept tokens are already linkified and joined: those rules pass over them (see `keepInline`). */
function hideKeptInline(state: StateCore): void {
  const cache = envOf(state.env).inlineCache
  if (cache) for (const token of cache.kept) token.type = 'broadsheet_kept_inline'
}

/** After text_join: kept tokens are inline again, and this render's are kept for the next. */
function keepInline(state: StateCore): void {
  const cache = envOf(state.env).inlineCache
  if (!cache) return
  for (const token of cache.kept) token.type = 'inline'
  // A footnote defined but never referenced left the document after parsing, without being
  // linkified and joined: its tokens are not finished, and are not kept.
  const present = new Set(state.tokens)
  cache.texts = cache.orderTexts
  cache.children = cache.order.map((token, i) =>
    mayKeep(cache.orderTexts[i]!) && present.has(token) ? token.children : null,
  )
  cache.order = []
  cache.orderTexts = []
  cache.kept.clear()
}

/** Drops a leading `# H1` whose text is the header's title, so the title shows once. */
function dropRepeatedTitle(state: StateCore): void {
  const env = envOf(state.env)
  const [open, inline] = state.tokens
  if (open?.type !== 'heading_open' || open.tag !== 'h1') return
  const text = headingText(inline?.children ?? null)
  if (env.headerTitle === null ? !env.adoptTitle : normalise(text) !== normalise(env.headerTitle)) {
    return
  }
  env.droppedTitle = text
  env.droppedTitleLine = open.map ? open.map[0] + env.lineOffset : null
  state.tokens.splice(0, 3)
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase()
}

/** Collects the headings, and turns `[[toc]]` / `[TOC]` paragraphs into a toc token. */
function collectToc(state: StateCore): void {
  const env = envOf(state.env)
  const tokens = state.tokens
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.type === 'heading_open') {
      const id = attr(token, 'id') ?? ''
      env.headingIds.add(id)
      const text = headingText(tokens[i + 1]?.children ?? null)
      // An empty heading has an id but nothing to show in a list of contents.
      if (text !== '') env.toc.push({ level: Number(token.tag.slice(1)), text, id })
    } else if (
      token.type === 'paragraph_open' &&
      !token.hidden &&
      tokens[i + 2]?.type === 'paragraph_close' &&
      TOC_MARKER.test(tokens[i + 1]?.content ?? '')
    ) {
      const toc = new state.Token('broadsheet_toc', 'nav', 0)
      toc.block = true
      toc.map = token.map
      tokens.splice(i, 3, toc)
    }
  }
}

/** Adds `data-line` (the line in the whole document) to block tokens, for scroll sync. */
function markSourceLines(state: StateCore): void {
  const env = envOf(state.env)
  if (!env.sourceLines) return
  const tokens = state.tokens
  // The first line of the current top-level block, when lines count from there.
  let base = 0
  let depth = 0
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (depth === 0) base = env.blockLines && token.map ? token.map[0] + env.lineOffset : 0
    depth += token.nesting
    if (!LINE_TOKENS.has(token.type)) continue
    let map = token.map
    // A footnote's item is built after parsing, without a position: its first block has one.
    for (let j = i + 1; !map && token.type === 'footnote_open' && j < tokens.length; j++) {
      map = tokens[j]!.map
    }
    if (map) {
      token.attrSet('data-line', (env.linePrefix ?? '') + String(map[0] + env.lineOffset - base))
    }
  }
}

/** ` data-line="N"` for a token rendered by hand, or nothing. */
function lineAttr(token: Token, env: RenderEnv): string {
  return env.sourceLines && token.map
    ? ` data-line="${env.linePrefix ?? ''}${token.map[0] + env.lineOffset - (env.lineBase ?? 0)}"`
    : ''
}

/**
 * `render()` with `token`'s attributes changed as `attrSet` would change them, for this call
 * only: the token itself is left as it was.
 */
function renderWith(token: Token, set: Array<[string, string]>, render: () => string): string {
  const saved = token.attrs
  const attrs: Array<[string, string]> = saved ? saved.map(([n, v]) => [n, String(v)]) : []
  for (const [name, value] of set) {
    const at = attrs.findIndex(([n]) => n === name)
    if (at < 0) attrs.push([name, value])
    else attrs[at] = [name, value]
  }
  token.attrs = attrs
  try {
    return render()
  } finally {
    token.attrs = saved
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function installRenderers(md: MarkdownIt): void {
  const rules = md.renderer.rules
  const escape = md.utils.escapeHtml

  // These two change attributes for the output only, never the token: an InlineCache hands
  // the same tokens to the next render, where the document (its headings) may differ.
  rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!
    const e = envOf(env)
    const href = attr(token, 'href')
    const set: Array<[string, string]> = []
    if (href !== null && isAssetLink(href)) {
      if (e.resolveAsset) set.push(['href', e.resolveAsset(href)])
    } else if (href !== null && href.startsWith('#')) {
      // Headings carry a prefixed id; a link written against the bare slug still finds it.
      const target = safeDecode(href.slice(1))
      if (!e.headingIds.has(target)) {
        const id = [HEADING_ID_PREFIX + target, slugify(target)].find((c) => e.headingIds.has(c))
        if (id !== undefined) set.push(['href', '#' + id])
      }
    } else if (href !== null && /^https?:\/\//i.test(href)) {
      set.push(['target', '_blank'], ['rel', 'noopener noreferrer'])
    }
    return renderWith(token, set, () => self.renderToken(tokens, idx, options))
  }

  const image = rules.image!
  rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!
    const e = envOf(env)
    const src = attr(token, 'src')
    const set: Array<[string, string]> = []
    if (src !== null && isAssetLink(src) && e.resolveAsset) set.push(['src', e.resolveAsset(src)])
    set.push(['loading', 'lazy'], ['decoding', 'async'])
    // markdown-it's own image rule writes the alt text into the attributes it is given.
    return renderWith(token, set, () => image(tokens, idx, options, env, self))
  }

  rules.fence = (tokens, idx, _options, env) => {
    const token = tokens[idx]!
    const e = envOf(env)
    const language = fenceLanguage(md.utils.unescapeAll(token.info))
    if (language.toLowerCase() === 'math') {
      return `<div class="math math-display"${lineAttr(token, e)}>${renderMath(token.content, true, escape)}</div>\n`
    }
    const highlighted = highlightCode(token.content, language)
    const cls = language === '' ? 'hljs' : `hljs language-${language}`
    const code = highlighted ?? escape(token.content)
    return `<pre${lineAttr(token, e)}><code class="${cls}">${code}</code></pre>\n`
  }

  rules.code_block = (tokens, idx, _options, env) => {
    const token = tokens[idx]!
    return `<pre${lineAttr(token, envOf(env))}><code>${escape(token.content)}</code></pre>\n`
  }

  const mathInline: RendererRule = (tokens, idx) => {
    let tex = tokens[idx]!.content
    // $`…`$ (GitLab's form) is the same formula without the backticks.
    if (tex.length > 2 && tex.startsWith('`') && tex.endsWith('`')) tex = tex.slice(1, -1)
    return renderMath(tex, false, escape)
  }
  rules.math_inline = mathInline
  // `$$…$$` inside a paragraph: display math, but in a span so the paragraph stays valid HTML.
  rules.math_inline_block = (tokens, idx) =>
    `<span class="math math-display">${renderMath(tokens[idx]!.content, true, escape)}</span>`
  rules.math_block = (tokens, idx, _options, env) => {
    const token = tokens[idx]!
    return `<div class="math math-display"${lineAttr(token, envOf(env))}>${renderMath(token.content, true, escape)}</div>\n`
  }

  const footnoteOpen = rules.footnote_open!
  rules.footnote_open = (tokens, idx, options, env, self) => {
    const html = footnoteOpen(tokens, idx, options, env, self)
    const line = attr(tokens[idx]!, 'data-line')
    return line === null ? html : html.replace(/^<li /, `<li data-line="${line}" `)
  }

  rules.broadsheet_toc = (tokens, idx, _options, env) => {
    const e = envOf(env)
    return renderTocNav(e.toc, escape).replace(/^<nav /, `<nav${lineAttr(tokens[idx]!, e)} `)
  }
}
