/**
 * A long document's preview lets the browser render only the blocks near the view. With
 * `content-visibility: auto` on every top-level block, Chromium checked each of them (5,700
 * for a 1 MB article) for visibility on every frame, typing in the editor beside it included:
 * about half of a Split-mode keystroke's frame. Instead the blocks outside a window around
 * the view are `content-visibility: hidden` (skipped, no check), and only the window's blocks
 * get `auto`, so the browser still decides which of those few it paints. The window moves
 * when the view nears its edge. (Hidden blocks are also left out of find-in-page and the
 * accessibility tree; the editor beside the preview has the whole text.)
 */

/** Blocks the window reaches before and after the first block in view. */
const REACH = 150

/** The class that lets a block of a long preview be rendered (see ArticlePane's styles). */
export const NEAR_VIEW_CLASS = 'near-view'

/** Keeps the `near-view` window of one preview scroller around what it shows. */
export class NearView {
  private marked: Element[] = []
  private from = 0
  private to = 0

  constructor(private readonly scroller: () => HTMLElement | undefined) {}

  /**
   * Move the window if the view has come near its edge (on scroll), or rebuild it (`fresh`:
   * after a render, whose new blocks carry no mark yet).
   */
  update(fresh = false): void {
    const scroller = this.scroller()
    const content = scroller?.querySelector('article.reader')
    if (!scroller || !content) return
    const blocks = content.children
    const at = firstInView(blocks, scroller.getBoundingClientRect().top)
    const roomBefore = this.from === 0 || at - this.from >= REACH / 2
    const roomAfter = this.to === blocks.length || this.to - at >= REACH
    if (!fresh && roomBefore && roomAfter) return
    for (const element of this.marked) element.classList.remove(NEAR_VIEW_CLASS)
    this.from = Math.max(0, at - REACH)
    this.to = Math.min(blocks.length, at + 2 * REACH)
    this.marked = []
    for (let i = this.from; i < this.to; i++) {
      const element = blocks[i]!
      element.classList.add(NEAR_VIEW_CLASS)
      this.marked.push(element)
    }
  }
}

/** The index of the first block whose bottom is below `top` (binary search: blocks go down). */
function firstInView(blocks: HTMLCollection, top: number): number {
  let low = 0
  let high = blocks.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (blocks[middle]!.getBoundingClientRect().bottom < top) low = middle + 1
    else high = middle
  }
  return Math.min(low, Math.max(0, blocks.length - 1))
}
