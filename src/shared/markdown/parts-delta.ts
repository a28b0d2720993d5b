/**
 * What the preview's render worker sends back: not all of a long document's parts, but how
 * they differ from the parts it sent last time. The page rebuilds the full list from the one
 * it was sent before (`PartsBaseline`).
 *
 * Sending every part of a 1 MB article (5,700 pieces, 7 MB of HTML) cost the page 50 ms to
 * receive and then tens of ms to compare and hash strings it already had, and left 7 MB of
 * garbage per render; all of it landed on the first keys typed after a pause. With a delta,
 * the pieces left as they were keep the very strings the page already holds, which compare
 * and hash for free.
 */
import type { RenderedPart } from './render'

/** How a render's parts differ from the previous render's (see `diffParts`). */
export interface PartsDelta {
  /** Leading parts the same as before (HTML and raw flag). */
  head: number
  /** Trailing parts the same as before. */
  tail: number
  /** The parts between: new or changed. */
  middle: RenderedPart[]
  /** Every part's line, in order: lines move when a line is added or removed above them. */
  lines: number[]
}

function same(a: RenderedPart, b: RenderedPart): boolean {
  return a.html === b.html && a.raw === b.raw
}

/** How `next` differs from `before` (lines aside, which the delta always carries in full). */
export function diffParts(before: RenderedPart[], next: RenderedPart[]): PartsDelta {
  const n = next.length
  const m = before.length
  let head = 0
  while (head < n && head < m && same(next[head]!, before[head]!)) head++
  let tail = 0
  while (tail < n - head && tail < m - head && same(next[n - 1 - tail]!, before[m - 1 - tail]!))
    tail++
  return {
    head,
    tail,
    middle: next.slice(head, n - tail),
    lines: next.map((part) => part.line),
  }
}

/** The parts `delta` describes, given the parts it was computed against. */
export function applyPartsDelta(before: RenderedPart[], delta: PartsDelta): RenderedPart[] {
  const { head, tail, middle, lines } = delta
  const n = head + middle.length + tail
  if (lines.length !== n || head + tail > before.length)
    throw new Error('the preview worker sent a delta for other parts than the page has')
  const parts = new Array<RenderedPart>(n)
  for (let i = 0; i < n; i++) {
    const from =
      i < head ? before[i]! : i >= n - tail ? before[before.length - (n - i)]! : middle[i - head]!
    parts[i] = from.line === lines[i] ? from : { ...from, line: lines[i]! }
  }
  return parts
}

/**
 * One side's memory of the parts last sent: the worker diffs against it, the page applies
 * against it, and each message moves both on together (the worker answers in order).
 */
export class PartsBaseline {
  private parts: RenderedPart[] = []

  /** The worker's side: the delta from the last parts to `next`, which become the last. */
  diff(next: RenderedPart[]): PartsDelta {
    const delta = diffParts(this.parts, next)
    this.parts = next
    return delta
  }

  /** The page's side: the parts `delta` describes, which become the last. */
  apply(delta: PartsDelta): RenderedPart[] {
    this.parts = applyPartsDelta(this.parts, delta)
    return this.parts
  }
}
