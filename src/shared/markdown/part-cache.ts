/**
 * The HTML of top-level blocks kept between two renders of the same document (the live
 * preview renders the whole article on every keystroke). Rendering tokens to HTML was a
 * quarter of an update of a long article, almost all of it for blocks the edit did not
 * touch. A block is given its last HTML again only when its tokens are the same as before,
 * field by field (lines counted from the block's first line), with the very same inline
 * children, which only the `InlineCache` hands over, and only for text it found unchanged.
 *
 * Some blocks render from the whole document, not their tokens alone: links to a heading
 * (`#…`, resolved against every heading's id), footnotes (numbered in document order) and
 * the table of contents. Those are rendered every time.
 */
import type { Token } from 'markdown-it'
import { detached } from './engine'

/** A top-level block as last rendered: its tokens and its output. */
interface KeptBlock {
  tokens: Token[]
  html: string
  raw: boolean
  /** Its HTML depends on more than its tokens: never reused. */
  volatile: boolean
}

/** A block's HTML and whether it holds raw HTML from the document. */
export interface BlockOutput {
  html: string
  raw: boolean
}

/** See the module comment. One cache serves one view of one document, with fixed options. */
export class PartCache {
  private blocks: KeptBlock[] = []
  /** What the last `reusable` call gave, by new block. */
  private given: Array<KeptBlock | undefined> = []
  /** The render options the kept HTML was made with. */
  private options: unknown[] = []
  /** How many blocks the last `reusable` call found unchanged (for tests and benches). */
  reused = 0

  /**
   * For each new block (`ranges` holds its `from, to` pair of indices into `tokens`), the
   * last render's output when the block is unchanged, else `undefined`.
   * Blocks are lined up from both ends, so an edit in the middle keeps those around it.
   * A change of `options` (anything the HTML depends on besides the tokens) drops it all.
   */
  reusable(tokens: Token[], ranges: number[], options: unknown[]): Array<BlockOutput | undefined> {
    const n = ranges.length / 2
    const out = new Array<KeptBlock | undefined>(n)
    this.given = out
    if (!sameOptions(options, this.options)) {
      this.blocks = []
      this.options = options
      this.reused = 0
      return out
    }
    const old = this.blocks
    const m = old.length
    // Blocks line up while they are made of the same kinds of tokens; of those, the ones
    // unchanged are reused. A changed or volatile block does not end the lining up (typing in
    // one paragraph keeps every other block), a block added or removed does.
    const lineUp = (i: number, j: number): boolean => {
      const o = old[j]!
      const match = compareBlocks(o.tokens, tokens, ranges[2 * i]!, ranges[2 * i + 1]!)
      if (match === Match.Different) return false
      if (match === Match.Same && !o.volatile) {
        out[i] = o
        this.reused++
      }
      return true
    }
    this.reused = 0
    let head = 0
    while (head < n && head < m && lineUp(head, head)) head++
    for (let tail = 0; tail < n - head && tail < m - head; tail++) {
      if (!lineUp(n - 1 - tail, m - 1 - tail)) break
    }
    return out
  }

  /**
   * Keeps this render's blocks (the same `ranges`, with their output) for the next. A block
   * reused keeps its first tokens: holding on to a new copy of every block's tokens made
   * them all survive a render, and young-generation collections, which copy what survives,
   * took milliseconds each.
   */
  keep(tokens: Token[], ranges: number[], outputs: BlockOutput[]): void {
    this.blocks = outputs.map((output, i) => {
      const given = this.given[i]
      if (given !== undefined && given === output) return given
      const from = ranges[2 * i]!
      const to = ranges[2 * i + 1]!
      const kept = tokens.slice(from, to)
      // Inline tokens' texts are copies already (the InlineCache makes them); a fence's or
      // an HTML block's is a slice of the whole document, which it must not keep alive.
      for (const token of kept) {
        if (token.type !== 'inline') token.content = detached(token.content)
      }
      return {
        tokens: kept,
        html: output.html,
        raw: output.raw,
        volatile: isVolatile(tokens, from, to),
      }
    })
    this.given = []
  }
}

function sameOptions(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i])
}

/** How two blocks compare. */
const enum Match {
  /** Other kinds of tokens: not the same block. */
  Different,
  /** The same kinds of tokens, which may render differently. */
  Changed,
  /** They render the same. */
  Same,
}

/**
 * How the kept block `a` and `b[bFrom, bTo)` compare, lines counted from each block's first
 * line (the renderer's line marks are, in the preview).
 */
function compareBlocks(a: Token[], b: Token[], bFrom: number, bTo: number): Match {
  if (a.length !== bTo - bFrom) return Match.Different
  const aLine = a[0]!.map?.[0] ?? 0
  const bLine = b[bFrom]!.map?.[0] ?? 0
  let match = Match.Same
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!
    const y = b[bFrom + k]!
    if (x.type !== y.type) return Match.Different
    if (match === Match.Same && !sameToken(x, aLine, y, bLine)) match = Match.Changed
  }
  return match
}

/** Every field a renderer rule reads, compared; an inline token's children by identity. */
function sameToken(a: Token, aLine: number, b: Token, bLine: number): boolean {
  if (
    a.type !== b.type ||
    a.tag !== b.tag ||
    a.nesting !== b.nesting ||
    a.hidden !== b.hidden ||
    a.block !== b.block ||
    a.markup !== b.markup ||
    a.info !== b.info ||
    a.content !== b.content ||
    a.meta !== null ||
    b.meta !== null
  ) {
    return false
  }
  if (
    a.type === 'inline'
      ? a.children === null || a.children !== b.children
      : a.children !== null || b.children !== null
  ) {
    return false
  }
  if (a.map === null || b.map === null) {
    if (a.map !== b.map) return false
  } else if (a.map[0] - aLine !== b.map[0] - bLine || a.map[1] - aLine !== b.map[1] - bLine) {
    return false
  }
  const x = a.attrs
  const y = b.attrs
  if (x === null || y === null) return x === y
  if (x.length !== y.length) return false
  for (let i = 0; i < x.length; i++) {
    if (x[i]![0] !== y[i]![0] || x[i]![1] !== y[i]![1]) return false
  }
  return true
}

/** True when `tokens[from, to)` render from more than themselves (see the module comment). */
function isVolatile(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const token = tokens[i]!
    if (token.meta !== null || !KNOWN_BLOCK.has(token.type)) return true
    for (const child of token.children ?? []) {
      if (child.meta !== null || !KNOWN_INLINE.has(child.type)) return true
      if (child.type === 'link_open' && String(child.attrGet('href') ?? '').startsWith('#')) {
        return true
      }
    }
  }
  return false
}

/**
 * Block tokens whose rendering reads the token alone (markdown-it's own, the plugins', ours).
 * A type not listed (a footnote, the table of contents, one a plugin adds later) is volatile.
 */
const KNOWN_BLOCK = new Set([
  'paragraph_open',
  'paragraph_close',
  'heading_open',
  'heading_close',
  'inline',
  'bullet_list_open',
  'bullet_list_close',
  'ordered_list_open',
  'ordered_list_close',
  'list_item_open',
  'list_item_close',
  'blockquote_open',
  'blockquote_close',
  'table_open',
  'table_close',
  'thead_open',
  'thead_close',
  'tbody_open',
  'tbody_close',
  'tr_open',
  'tr_close',
  'th_open',
  'th_close',
  'td_open',
  'td_close',
  'hr',
  'fence',
  'code_block',
  'html_block',
  'math_block',
])

/** Inline tokens whose rendering reads the token alone (links to `#…` are checked apart). */
const KNOWN_INLINE = new Set([
  'text',
  'softbreak',
  'hardbreak',
  'code_inline',
  'em_open',
  'em_close',
  'strong_open',
  'strong_close',
  's_open',
  's_close',
  'link_open',
  'link_close',
  'image',
  'html_inline',
  'math_inline',
  'math_inline_block',
])
