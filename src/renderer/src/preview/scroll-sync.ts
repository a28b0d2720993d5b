/**
 * The preview's side of scroll sync: every rendered block carries `data-line` (its first
 * source line, 0-based), so a source line maps to a height in the preview and back, by
 * interpolating between the blocks around it.
 */

/** A block's source line and its top within the scrolling element, in px. */
interface Anchor {
  line: number
  top: number
}

/** The blocks of `content` in document order, measured against `scroller`. */
export function measureAnchors(scroller: HTMLElement, content: HTMLElement): Anchor[] {
  const base = scroller.getBoundingClientRect().top - scroller.scrollTop
  const anchors: Anchor[] = []
  for (const element of content.querySelectorAll<HTMLElement>('[data-line]')) {
    const line = Number(element.dataset.line)
    if (!Number.isFinite(line)) continue
    const top = element.getBoundingClientRect().top - base
    // Nested blocks (a list item's paragraph) can repeat or go back: keep lines increasing.
    const last = anchors[anchors.length - 1]
    if (last && (line <= last.line || top < last.top)) continue
    anchors.push({ line, top })
  }
  return anchors
}

/** The scrollTop that puts source line `line` (fractional) at the top of the preview. */
export function topForLine(anchors: Anchor[], line: number, scrollHeight: number): number {
  if (anchors.length === 0) return 0
  let i = 0
  while (i + 1 < anchors.length && anchors[i + 1]!.line <= line) i++
  const a = anchors[i]!
  if (line < a.line) return (a.top * line) / Math.max(1, a.line)
  const next = anchors[i + 1]
  const nextLine = next?.line ?? a.line + 1
  const nextTop = next?.top ?? scrollHeight
  const fraction = Math.min(1, (line - a.line) / Math.max(1, nextLine - a.line))
  return a.top + fraction * (nextTop - a.top)
}

/** The source line (fractional) shown at preview height `top`. */
export function lineForTop(anchors: Anchor[], top: number, scrollHeight: number): number {
  if (anchors.length === 0) return 0
  let i = 0
  while (i + 1 < anchors.length && anchors[i + 1]!.top <= top) i++
  const a = anchors[i]!
  if (top < a.top) return (a.line * top) / Math.max(1, a.top)
  const next = anchors[i + 1]
  const nextLine = next?.line ?? a.line + 1
  const nextTop = next?.top ?? scrollHeight
  const fraction = Math.min(1, (top - a.top) / Math.max(1, nextTop - a.top))
  return a.line + fraction * (nextLine - a.line)
}
