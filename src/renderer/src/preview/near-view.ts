/**
 * A long document's preview lets the browser render only the blocks near the view. With
 * `content-visibility: auto` on every top-level block, Chromium checked each of them (5,700
 * for a 1 MB article) for visibility on every frame, typing in the editor beside it included:
 * about half of a Split-mode keystroke's frame. Instead the blocks outside a window around
 * the view are `content-visibility: hidden` (skipped, no check), and only the window's blocks
 * get `auto`, so the browser still decides which of those few it paints. The window moves
 * when the view nears its edge. (Hidden blocks are also left out of find-in-page and the
 * accessibility tree; the editor beside the preview has the whole text.)
 *
 * A long preview's blocks are built only when the window reaches them (`fill`): the rest are
 * empty stand-ins (incremental-preview.ts, `defer`), sized like a hidden block.
 */
import { PENDING_CLASS } from './incremental-preview'

/** Blocks the window reaches before and after the first block in view. */
const REACH = 150

/** The class that lets a block of a long preview be rendered (see ArticlePane's styles). */
export const NEAR_VIEW_CLASS = 'near-view'

/** Keeps the `near-view` window of one preview scroller around what it shows. */
export class NearView {
  private marked: Element[] = []
  private from = 0
  private to = 0

  constructor(
    private readonly scroller: () => HTMLElement | undefined,
    /** Builds the blocks whose stand-ins are among these (RenderedArticle's `fill`). */
    private readonly fill: (standIns: Element[]) => void,
  ) {}

  /**
   * Move the window if the view has come near its edge (on scroll), or rebuild it (`fresh`:
   * after a render, whose new blocks carry no mark yet). Returns whether it did: blocks were
   * then built and laid out anew, and moved.
   */
  update(fresh = false): boolean {
    const scroller = this.scroller()
    const content = scroller?.querySelector('article.reader')
    if (!scroller || !content) return false
    const blocks = content.children
    const top = scroller.getBoundingClientRect().top
    let at = firstInView(blocks, top)
    const roomBefore = this.from === 0 || at - this.from >= REACH / 2
    const roomAfter = this.to === blocks.length || this.to - at >= REACH
    if (!fresh && roomBefore && roomAfter) return false
    // Build the window's stand-ins first. Built blocks are still hidden and sized as an
    // estimate, as the stand-ins were (their margins aside); a piece may have more than one
    // block: count again.
    const waiting: Element[] = []
    for (let i = Math.max(0, at - REACH); i < Math.min(blocks.length, at + 2 * REACH); i++) {
      if (blocks[i]!.classList.contains(PENDING_CLASS)) waiting.push(blocks[i]!)
    }
    if (waiting.length > 0) {
      this.fill(waiting)
      at = firstInView(blocks, top)
    }
    this.from = Math.max(0, at - REACH)
    this.to = Math.min(blocks.length, at + 2 * REACH)
    // Only the blocks that leave or enter the window change class: taking the class off a
    // block and putting it back restyles and lays it out again (after a render, 300 blocks
    // of a 1 MB article: most of the 14–23 ms the pane's after-render callback took).
    const marked: Element[] = []
    for (let i = this.from; i < this.to; i++) marked.push(blocks[i]!)
    const staying = new Set(marked)
    for (const element of this.marked) {
      if (!staying.has(element)) element.classList.remove(NEAR_VIEW_CLASS)
    }
    for (const element of marked) {
      if (!element.classList.contains(NEAR_VIEW_CLASS)) element.classList.add(NEAR_VIEW_CLASS)
    }
    this.marked = marked
    return true
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
