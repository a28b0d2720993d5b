/**
 * The renderer's line marks in the live preview (see incremental-preview.ts): every block's
 * `data-line`, written with a random per-page prefix and counted from the first line of the
 * piece it is in, so pieces compare equal wherever they moved; settled into document lines
 * once a piece is in the page.
 */
import type { RenderedPart } from '../../../shared/markdown/render'
import { OPENS_ARTICLE } from './self-contained'

/** Marks the renderer's own `data-line` values; random per page, so no article can forge it. */
export const LINE_PREFIX = `bs${Math.random().toString(36).slice(2, 12)}:`
const MARK_SELECTOR = `[data-line^="${LINE_PREFIX}"]`
const MARK_PATTERN = new RegExp(`data-line="${LINE_PREFIX}(-?\\d+)"`, 'g')

/** `html` with every line mark moved `by` lines. */
export function shiftMarks(html: string, by: number): string {
  if (by === 0) return html
  return html.replace(MARK_PATTERN, (_, n: string) => `data-line="${LINE_PREFIX}${Number(n) + by}"`)
}

/**
 * The preview's key of `parts[from, to)` as one piece: their HTML, line marks counted from
 * the first one's line, after `OPENS_ARTICLE` when it opens the article.
 */
export function groupKey(parts: RenderedPart[], from: number, to: number): string {
  const line = parts[from]!.line
  let html = from === 0 ? OPENS_ARTICLE : ''
  for (let i = from; i < to; i++) html += shiftMarks(parts[i]!.html, parts[i]!.line - line)
  return html
}

/** Turns the prefixed marks of `nodes` into document lines; returns them for later moves. */
export function settleMarks(nodes: Node[], line: number): Array<[Element, number]> {
  const marks: Array<[Element, number]> = []
  const settle = (element: Element): void => {
    const relative = Number(element.getAttribute('data-line')!.slice(LINE_PREFIX.length))
    element.setAttribute('data-line', String(line + relative))
    marks.push([element, relative])
  }
  for (const node of nodes) {
    if (node.nodeType !== Node.ELEMENT_NODE) continue
    const element = node as Element
    if (element.matches(MARK_SELECTOR)) settle(element)
    for (const inner of element.querySelectorAll(MARK_SELECTOR)) settle(inner)
  }
  return marks
}
