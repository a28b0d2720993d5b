/**
 * The preview's side of scroll sync: every rendered block carries `data-line` (its first
 * source line, 0-based), so a source line maps to a height in the preview and back, by
 * interpolating between the blocks around it.
 */

/**
 * The preview's blocks, in document order with lines and tops both increasing: block `i`
 * starts at source line `line(i)` and at `top(i)` px within the scrolling element.
 */
export interface Anchors {
  readonly count: number
  line(i: number): number
  top(i: number): number
}

/** Anchors already measured, as a list. */
function listedAnchors(list: { line: number; top: number }[]): Anchors {
  return { count: list.length, line: (i) => list[i]!.line, top: (i) => list[i]!.top }
}

/** Every block of `content` (nested ones too), measured against `scroller` at once. */
export function measureAnchors(scroller: HTMLElement, content: HTMLElement): Anchors {
  const base = scroller.getBoundingClientRect().top - scroller.scrollTop
  const list: { line: number; top: number }[] = []
  for (const element of content.querySelectorAll<HTMLElement>('[data-line]')) {
    const line = Number(element.dataset.line)
    if (!Number.isFinite(line)) continue
    const top = element.getBoundingClientRect().top - base
    // Nested blocks (a list item's paragraph) can repeat or go back: keep lines increasing.
    const last = list[list.length - 1]
    if (last && (line <= last.line || top < last.top)) continue
    list.push({ line, top })
  }
  return listedAnchors(list)
}

/**
 * The top-level blocks of a long document's preview, each read only when a lookup needs it: a
 * lookup reads a dozen blocks, not all 5,700 of a 1 MB article (measuring them all took 90 ms
 * after every render, and even reading their lines took several). Nested blocks are left out:
 * their contents are skipped while out of view (content-visibility), and asking where an
 * element inside one is would lay that block out. A block without a line (the header, raw
 * HTML) stands for the next one that has one; the footnotes at the end, which have none, are
 * left out. Lines are taken to grow from block to block, as the renderer writes them (the
 * preview drops any `data-line` the article wrote itself: piece-sanitizer.ts).
 */
export function topLevelAnchors(scroller: HTMLElement, content: HTMLElement): Anchors {
  const base = scroller.getBoundingClientRect().top - scroller.scrollTop
  const blocks = content.children
  const lineOf = (i: number): number => Number(blocks[i]?.getAttribute('data-line') ?? NaN)
  let count = blocks.length
  while (count > 0 && !Number.isFinite(lineOf(count - 1))) count--
  /** The block that stands for position `i`: the first at or after it with a line. */
  const at = (i: number): number => {
    while (!Number.isFinite(lineOf(i))) i++
    return i
  }
  const tops = new Map<number, number>()
  return {
    count,
    line: (i) => lineOf(at(i)),
    top(i) {
      const block = at(i)
      let top = tops.get(block)
      if (top === undefined) {
        top = blocks[block]!.getBoundingClientRect().top - base
        tops.set(block, top)
      }
      return top
    },
  }
}

/** The last `i` in [0, count) with `key(i) <= value`, or 0 when there is none. */
function lastAtOrBelow(count: number, key: (i: number) => number, value: number): number {
  let low = 0
  let high = count - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (key(mid) <= value) low = mid
    else high = mid - 1
  }
  return low
}

type Axis = 'line' | 'top'

/**
 * The value on the other axis at `value` on axis `from`, interpolated between the blocks
 * around it; past the last block, one more line runs down to the preview's `scrollHeight`.
 */
function across(anchors: Anchors, from: Axis, value: number, scrollHeight: number): number {
  if (anchors.count === 0) return 0
  const to: Axis = from === 'line' ? 'top' : 'line'
  const at = (axis: Axis, i: number): number =>
    i < anchors.count ? anchors[axis](i) : axis === 'line' ? anchors.line(i - 1) + 1 : scrollHeight
  const i = lastAtOrBelow(anchors.count, anchors[from], value)
  const a = at(from, i)
  const b = at(to, i)
  if (value < a) return (b * value) / Math.max(1, a)
  const fraction = Math.min(1, (value - a) / Math.max(1, at(from, i + 1) - a))
  return b + fraction * (at(to, i + 1) - b)
}

/** The scrollTop that puts source line `line` (fractional) at the top of the preview. */
export function topForLine(anchors: Anchors, line: number, scrollHeight: number): number {
  return across(anchors, 'line', line, scrollHeight)
}

/** The source line (fractional) shown at preview height `top`. */
export function lineForTop(anchors: Anchors, top: number, scrollHeight: number): number {
  return across(anchors, 'top', top, scrollHeight)
}
