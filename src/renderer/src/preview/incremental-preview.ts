/**
 * The live preview, updated piece by piece. The whole document is rendered on every update
 * (so footnote numbers, unique heading ids, links to headings, the table of contents and the
 * header are always those of a full render; only the inline parse of text left as it was is
 * reused, see `InlineCache`, and the HTML of blocks left as they were, see `PartCache`), but
 * the HTML comes cut into top-level pieces
 * (the header, each block, the footnotes). Only a piece whose HTML changed is sanitized and
 * touched in the DOM; the rest keep their nodes, so images do not reload and scrolling holds.
 *
 * Line marks: every block carries `data-line`, its line in the whole document, which changes
 * for every block below an inserted line. So the renderer counts a piece's marks from the
 * piece's own first line (`blockLines`), pieces are compared and cached that way, and the
 * nodes of a moved piece just get new numbers. The renderer writes its marks with a random
 * prefix, so a `data-line` written by hand in raw HTML is told apart, and dropped when
 * sanitizing (`piece-sanitizer.ts`).
 *
 * A piece whose raw HTML does not stand alone (see `self-contained.ts`: `<div>` on one line,
 * Markdown, then `</div>`) is grouped with the pieces after it until the group does; when no
 * group can, the whole article is sanitized and patched at once, as a full render would be.
 *
 * Deferred building (`defer`, for a long document beside a window that follows the view, see
 * near-view.ts): a new or changed piece is put in as an empty stand-in carrying its line, and
 * sanitized and built only when `fill` asks for it. A 1 MB article has 5,700 pieces and
 * 180,000 nodes: building them all took seconds on entering Split mode, and every garbage
 * collection after that had to walk them all, in the middle of typing.
 */
import { Idiomorph } from 'idiomorph'
import { sanitizePiece } from './piece-sanitizer'
import { patchHtml } from './patch-dom'
import { newPartsCaches, renderPreviewParts } from './preview-parts'
import { BODY_OPENER, OPENS_ARTICLE, sanitizerInput, standsAlone } from './self-contained'
import { LINE_PREFIX, groupKey, settleMarks, shiftMarks } from './line-marks'
import type { RenderedPart } from '../../../shared/markdown/render'

/** Between pieces sanitized together; kept by the sanitizer, and no article can forge it. */
const SEPARATOR = `<hr data-piece="${LINE_PREFIX}">`
/** New pieces from which one sanitizer call for all of them is cheaper than one each. */
const BATCH_FROM = 4

/** The class of a piece's stand-in while its building is deferred (`fill` builds it). */
export const PENDING_CLASS = 'pending-block'

/** A piece's sanitized HTML (line marks relative to its first line, still prefixed). */
interface Sanitized {
  /** `null` until it is needed: a deferred piece is sanitized when it is built. */
  safe: string | null
  /** How it can be inserted on its own (see `standsAlone`). */
  alone: 'alone' | 'last' | 'no'
}

/** A piece on the page. */
interface Segment {
  /**
   * Its rendered HTML with relative line marks (after `OPENS_ARTICLE` when it opens the
   * article, see `sanitizerInput`): equal keys mean equal nodes.
   */
  key: string
  /** The document line its marks count from. */
  line: number
  /** Its top-level nodes in the container, in order. */
  nodes: Node[]
  /** The elements carrying the renderer's line marks, with their line relative to `line`. */
  marks: Array<[Element, number]>
  /** Not built yet: `nodes` is a stand-in (deferred building). */
  pending: boolean
}

/** Milliseconds spent in each stage of one update. */
export interface UpdateTimings {
  render: number
  sanitize: number
  patch: number
}

/** True when `a` and `b` are the same sequence of node kinds and tag names. */
function sameShape(a: Node[], b: Node[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.nodeType !== b[i]!.nodeType || a[i]!.nodeName !== b[i]!.nodeName) return false
  }
  return true
}

/**
 * Sanitizes pieces of Markdown's own HTML (no raw HTML: always whole) in one DOMPurify call,
 * a separator element between them, as they are sanitized alone: after `BODY_OPENER` unless
 * the first `opensArticle`. Returns `null` when the separators did not come through one for
 * one (each would then misplace every piece after it): sanitize those one by one.
 */
function sanitizeTogether(htmls: string[], opensArticle: boolean): string[] | null {
  let html = opensArticle ? '' : BODY_OPENER
  htmls.forEach((piece, n) => (html += (n === 0 ? '' : SEPARATOR) + piece))
  const pieces = sanitizePiece(html).split(SEPARATOR)
  return pieces.length === htmls.length ? pieces : null
}

/** Keeps one container in step with a Markdown source, touching only what changed. */
export class IncrementalPreview {
  /** The pieces now shown, or `null` when the container holds a whole-article render. */
  private segments: Segment[] | null = null
  private cache = new Map<string, Sanitized>()
  /** What the last render keeps for the next one (used by `update`, not by `apply`). */
  private readonly caches = newPartsCaches()
  /** The last update's pieces (their HTML) and the keys made of them. */
  private previous: { html: string[]; keys: string[] } = { html: [], keys: [] }
  /** The pieces whose building is deferred, by their stand-in. */
  private pendingOf = new WeakMap<Element, Segment>()
  /** New and changed pieces are put in as stand-ins (see the file's comment). */
  private defer = false
  /** Parses sanitized HTML in an inert document: nothing loads or runs until inserted. */
  private readonly holder = document.implementation.createHTMLDocument('').createElement('article')

  constructor(private readonly container: Element) {}

  /** The prefix of the renderer's line marks on this page: a render elsewhere must use it. */
  readonly linePrefix = LINE_PREFIX

  /**
   * Render `markdown` into the container (reading time at `wordsPerMinute`); `defer`: new
   * and changed pieces wait as stand-ins until `fill` builds them.
   */
  update(markdown: string, wordsPerMinute?: number, defer = false): UpdateTimings {
    const t0 = performance.now()
    const parts = renderPreviewParts(markdown, wordsPerMinute, LINE_PREFIX, this.caches)
    return { render: performance.now() - t0, ...this.apply(parts, defer) }
  }

  /**
   * Show `parts`, rendered elsewhere with `renderPreviewParts` and this preview's
   * `linePrefix` (a worker, for long documents): sanitized and patched in as `update` does.
   */
  apply(parts: RenderedPart[], defer = false): Omit<UpdateTimings, 'render'> {
    const t1 = performance.now()
    this.defer = defer
    const keyOf = this.pieceKeys(parts)

    // Group the pieces into segments that stand alone, in order.
    const cache = new Map<string, Sanitized>()
    if (!defer) this.sanitizeMany(parts, keyOf, cache)
    const keys: string[] = []
    const lines: number[] = []
    let whole: string | null = null
    for (let i = 0; i < parts.length;) {
      let j = i + 1
      let key = keyOf[i]!
      let raw = parts[i]!.raw
      let entry = this.sanitized(key, raw, cache)
      // Grow the group (by 1, 2, 4… pieces, so a tag never closed costs log n tries); what
      // goes wrong at a group's start ('no') does not mend by growing.
      for (let step = 1; entry.alone === 'last' && j < parts.length; step *= 2) {
        const from = j
        j = Math.min(parts.length, j + step)
        key = groupKey(parts, i, j)
        for (let k = from; k < j; k++) raw ||= parts[k]!.raw
        entry = this.sanitized(key, raw, cache)
      }
      if (entry.alone === 'no') {
        let html = ''
        for (const part of parts) html += shiftMarks(part.html, part.line)
        whole = sanitizePiece(html).replaceAll(`data-line="${LINE_PREFIX}`, 'data-line="')
        break
      }
      keys.push(key)
      lines.push(parts[i]!.line)
      i = j
    }
    this.cache = cache
    const t2 = performance.now()

    if (whole !== null) {
      patchHtml(this.container, whole)
      this.segments = null
      // The patch may have turned a stand-in into another element: forget them all.
      this.pendingOf = new WeakMap()
    } else {
      this.patch(keys, lines)
      // Building is no longer deferred (the document became short): build what waited.
      if (!defer) this.fillAll()
    }
    const t3 = performance.now()
    return { sanitize: t2 - t1, patch: t3 - t2 }
  }

  /**
   * Each piece's key: its HTML (after `OPENS_ARTICLE` when it opens the article), the very
   * string of the part for all others, so a long article's HTML is kept once. The pieces
   * found unchanged at the head and the tail of the article reuse the last update's very
   * strings: comparing and hashing those is free, while building new ones for the whole
   * article cost a millisecond. (Parts from the worker keep the strings of the pieces it
   * did not change too: it sends only what changed, see shared/markdown/parts-delta.ts.)
   */
  private pieceKeys(parts: RenderedPart[]): string[] {
    const before = this.previous
    const n = parts.length
    const m = before.html.length
    const keys = new Array<string>(n)
    let head = 0
    while (head < n && head < m && parts[head]!.html === before.html[head]) {
      keys[head] = before.keys[head]!
      head++
    }
    for (let tail = 0; tail < n - head && tail < m - head; tail++) {
      const a = n - 1 - tail
      const b = m - 1 - tail
      // A piece that comes to open the article, or stops opening it, changes its key.
      if (a === 0 || b === 0 || parts[a]!.html !== before.html[b]) break
      keys[a] = before.keys[b]!
    }
    for (let i = 0; i < n; i++) {
      keys[i] ??= i === 0 ? OPENS_ARTICLE + parts[0]!.html : parts[i]!.html
    }
    this.previous = { html: parts.map((part) => part.html), keys }
    return keys
  }

  /**
   * Sanitizes the new pieces of Markdown's own HTML (no raw HTML) in one DOMPurify call when
   * there are many (a first paint, another article), with a separator element between them:
   * each call costs a parsed document, a third of a millisecond, which for a long article
   * added up to more than sanitizing it whole. Such pieces are always whole, so the result
   * splits at the separators into exactly what each piece gives on its own.
   */
  private sanitizeMany(
    parts: RenderedPart[],
    keyOf: string[],
    cache: Map<string, Sanitized>,
  ): void {
    const fresh: number[] = []
    for (let i = 0; i < parts.length; i++) {
      if (!parts[i]!.raw && !this.cache.has(keyOf[i]!)) fresh.push(i)
    }
    if (fresh.length < BATCH_FROM) return
    const pieces = sanitizeTogether(
      fresh.map((i) => parts[i]!.html),
      fresh[0] === 0,
    )
    fresh.forEach((i, n) => cache.set(keyOf[i]!, { safe: pieces?.[n] ?? null, alone: 'alone' }))
  }

  /**
   * The sanitized HTML of a piece or group, from this update's or the last one's cache.
   * While building is deferred, Markdown's own HTML is sanitized only when built (`safeOf`).
   */
  private sanitized(key: string, raw: boolean, cache: Map<string, Sanitized>): Sanitized {
    let entry = cache.get(key) ?? this.cache.get(key)
    if (entry === undefined) {
      if (this.defer && !raw) {
        entry = { safe: null, alone: 'alone' }
      } else {
        const input = sanitizerInput(key)
        const safe = sanitizePiece(input)
        // The renderer's own HTML is always whole: only raw HTML can leave a tag open.
        entry = { safe, alone: raw ? standsAlone(input, safe) : 'alone' }
      }
    }
    cache.set(key, entry)
    return entry
  }

  /** The sanitized HTML of a piece of the last update, sanitized now if it was deferred. */
  private safeOf(key: string): string {
    const entry = this.cache.get(key)!
    entry.safe ??= sanitizePiece(sanitizerInput(key))
    return entry.safe
  }

  /**
   * Build the deferred pieces whose stand-ins are among `elements` (others are ignored): each
   * stand-in is replaced by the piece's nodes.
   */
  fill(elements: Iterable<Element>): void {
    const segments: Segment[] = []
    for (const element of elements) {
      const segment = this.pendingOf.get(element)
      if (segment?.pending && segment.nodes[0] === element && element.parentNode)
        segments.push(segment)
    }
    // Sanitized together when many (as `sanitizeMany` does): only the renderer's own HTML is
    // deferred; the article's first piece is sanitized on its own (without BODY_OPENER).
    const unsanitized = segments
      .map((segment) => segment.key)
      .filter((key) => this.cache.get(key)!.safe === null && !key.startsWith(OPENS_ARTICLE))
    if (unsanitized.length >= BATCH_FROM) {
      const pieces = sanitizeTogether(unsanitized, false)
      unsanitized.forEach((key, n) => (this.cache.get(key)!.safe ??= pieces?.[n] ?? null))
    }
    for (const segment of segments) {
      const element = segment.nodes[0] as Element
      const built = this.create(segment.key, segment.line, true)
      element.replaceWith(...built.nodes)
      segment.nodes = built.nodes
      segment.marks = built.marks
      segment.pending = false
      this.pendingOf.delete(element)
    }
  }

  /**
   * Build the deferred pieces whose HTML contains `text` (such as `id="notes"`, for a link
   * to a heading not built yet), or all of them when `text` is not given (the document
   * became short). Returns whether any was built.
   */
  fillAll(text?: string): boolean {
    const waiting: Element[] = []
    for (const segment of this.segments ?? []) {
      if (segment.pending && (text === undefined || segment.key.includes(text)))
        waiting.push(segment.nodes[0] as Element)
    }
    this.fill(waiting)
    return waiting.length > 0
  }

  /**
   * Parsed nodes for `key`, marks settled at `line`, not yet in the page; or, when `build`
   * is false, a stand-in for them (deferred building).
   */
  private create(key: string, line: number, build = !this.defer): Segment {
    if (!build) return this.standIn(key, line)
    this.holder.innerHTML = this.safeOf(key)
    const nodes = Array.from(this.holder.childNodes)
    const marks = settleMarks(nodes, line)
    this.holder.textContent = ''
    return { key, line, nodes, marks, pending: false }
  }

  /**
   * A deferred piece: an empty block carrying the piece's first line, so scroll sync and
   * the near-view window can place it (`element` reuses the stand-in of the piece it replaces).
   * The header and the footnotes come from no line (their `line` is 0): they carry none.
   */
  private standIn(key: string, line: number, element?: Element): Segment {
    const stand = element ?? document.createElement('div')
    if (!element) stand.className = PENDING_CLASS
    if (line > 0) stand.setAttribute('data-line', String(line))
    else stand.removeAttribute('data-line')
    const segment: Segment = { key, line, nodes: [stand], marks: [[stand, 0]], pending: true }
    this.pendingOf.set(stand, segment)
    return segment
  }

  /** Moves an unchanged piece to `line`. */
  private static shift(segment: Segment, line: number): Segment {
    if (segment.line !== line) {
      for (const [element, relative] of segment.marks) {
        element.setAttribute('data-line', String(line + relative))
      }
      segment.line = line
    }
    return segment
  }

  /**
   * Turns `old`'s nodes into those of `key` in place when both have the same top-level shape
   * (typing inside a paragraph): idiomorph keeps every element that still matches, so an
   * image in the paragraph stays loaded. Returns `null` when the shapes differ.
   */
  private morph(old: Segment, key: string, line: number): Segment | null {
    this.holder.innerHTML = this.safeOf(key)
    const fresh = Array.from(this.holder.childNodes)
    if (!sameShape(old.nodes, fresh)) {
      this.holder.textContent = ''
      return null
    }
    const nodes: Node[] = []
    for (let i = 0; i < fresh.length; i++) {
      const before = old.nodes[i]!
      const after = fresh[i]!
      if (before.nodeType === Node.ELEMENT_NODE) {
        const morphed = Idiomorph.morph(before, after, {
          morphStyle: 'outerHTML',
          ignoreActiveValue: true,
        }) as Node[]
        nodes.push(...morphed)
      } else {
        if (before.nodeValue !== after.nodeValue) before.nodeValue = after.nodeValue
        nodes.push(before)
      }
    }
    this.holder.textContent = ''
    return { key, line, nodes, marks: settleMarks(nodes, line), pending: false }
  }

  private patch(keys: string[], lines: number[]): void {
    const container = this.container
    if (this.segments === null) {
      // First paint, or back from a whole-article render: nothing to keep.
      const segments = keys.map((key, i) => this.create(key, lines[i]!))
      const fragment = document.createDocumentFragment()
      for (const segment of segments) fragment.append(...segment.nodes)
      container.replaceChildren(fragment)
      this.segments = segments
      return
    }
    const old = this.segments
    const n = keys.length
    // The unchanged head and tail of the article (moved, perhaps, but the same).
    let head = 0
    while (head < old.length && head < n && old[head]!.key === keys[head]) head++
    let tail = 0
    while (
      tail < old.length - head &&
      tail < n - head &&
      old[old.length - 1 - tail]!.key === keys[n - 1 - tail]
    ) {
      tail++
    }
    const next: Segment[] = new Array<Segment>(n)
    for (let i = 0; i < head; i++) next[i] = IncrementalPreview.shift(old[i]!, lines[i]!)
    for (let i = 0; i < tail; i++) {
      next[n - 1 - i] = IncrementalPreview.shift(old[old.length - 1 - i]!, lines[n - 1 - i]!)
    }

    const oldMiddle = old.slice(head, old.length - tail)
    const after = (from: number): Node | null => {
      for (let i = from; i < old.length; i++) if (old[i]!.nodes.length > 0) return old[i]!.nodes[0]!
      return null
    }

    if (oldMiddle.length === n - head - tail) {
      // As many pieces as before (typing inside one): each changed piece is patched in place.
      for (let i = 0; i < oldMiddle.length; i++) {
        const o = oldMiddle[i]!
        const at = head + i
        // A piece still waiting to be built just waits for its new HTML instead.
        const segment =
          o.key === keys[at]
            ? IncrementalPreview.shift(o, lines[at]!)
            : o.pending
              ? this.standIn(keys[at]!, lines[at]!, o.nodes[0] as Element)
              : (this.morph(o, keys[at]!, lines[at]!) ??
                this.replace(o, keys[at]!, lines[at]!, after(at + 1)))
        next[at] = segment
      }
    } else {
      // Pieces came or went: reuse the ones that are still there, build the others.
      const spare = new Map<string, Segment[]>()
      for (const o of oldMiddle) {
        const list = spare.get(o.key)
        if (list) list.push(o)
        else spare.set(o.key, [o])
      }
      let cursor: Node | null = after(head)
      const place = (nodes: Node[]): void => {
        for (const node of nodes) {
          if (node === cursor) cursor = node.nextSibling
          else container.insertBefore(node, cursor)
        }
      }
      const used = new Set<Segment>()
      for (let at = head; at < n - tail; at++) {
        const reused = spare.get(keys[at]!)?.shift()
        let segment: Segment
        if (reused) {
          used.add(reused)
          segment = IncrementalPreview.shift(reused, lines[at]!)
        } else {
          segment = this.create(keys[at]!, lines[at]!)
        }
        place(segment.nodes)
        next[at] = segment
      }
      for (const o of oldMiddle) {
        if (!used.has(o)) for (const node of o.nodes) node.parentNode?.removeChild(node)
      }
    }
    this.segments = next
  }

  /** Puts the nodes of `key` where `old`'s were (built: `old` was, so it is in use). */
  private replace(old: Segment, key: string, line: number, following: Node | null): Segment {
    const segment = this.create(key, line, true)
    const anchor = old.nodes[0] ?? following
    for (const node of segment.nodes) this.container.insertBefore(node, anchor)
    for (const node of old.nodes) node.parentNode?.removeChild(node)
    return segment
  }
}
