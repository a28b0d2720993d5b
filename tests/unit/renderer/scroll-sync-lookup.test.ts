import { describe, expect, it } from 'vitest'
import { type Anchors, lineForTop, topForLine } from '../../../src/renderer/src/preview/scroll-sync'

// Scroll sync maps a source line to a height in the preview and back by interpolating
// between the blocks around it. A long document's blocks are measured only as a lookup asks
// for them: a lookup must find the same blocks a walk through all of them would, and read
// only a few.

/** `count` blocks of uneven sizes; counts the tops read. */
function blocks(count: number): Anchors & { reads: number } {
  const lines: number[] = []
  const tops: number[] = []
  let line = 0
  let top = 40
  for (let i = 0; i < count; i++) {
    lines.push(line)
    tops.push(top)
    line += 1 + ((i * 7) % 5)
    top += 20 + ((i * 13) % 90)
  }
  const anchors = {
    reads: 0,
    count,
    line: (i: number) => lines[i]!,
    top(i: number) {
      anchors.reads++
      return tops[i]!
    },
  }
  return anchors
}

/** The same lookups by walking every block, as the preview did before. */
function walk(a: Anchors, from: 'line' | 'top', value: number, height: number): number {
  const to = from === 'line' ? 'top' : 'line'
  const next = (axis: 'line' | 'top', i: number) =>
    i + 1 < a.count ? a[axis](i + 1) : axis === 'line' ? a.line(i) + 1 : height
  let i = 0
  while (i + 1 < a.count && a[from](i + 1) <= value) i++
  if (value < a[from](i)) return (a[to](i) * value) / Math.max(1, a[from](i))
  const fraction = Math.min(1, (value - a[from](i)) / Math.max(1, next(from, i) - a[from](i)))
  return a[to](i) + fraction * (next(to, i) - a[to](i))
}

describe('scroll sync lookups', () => {
  it('find the blocks around a line or a height as a walk through all of them does', () => {
    const a = blocks(5700)
    const height = a.top(a.count - 1) + 300
    for (const line of [0, 0.5, 1, 2.25, 100, 4321.5, a.line(a.count - 1), a.line(a.count - 1) + 3])
      expect(topForLine(a, line, height)).toBeCloseTo(walk(a, 'line', line, height), 6)
    for (const top of [0, 10, 40, 41, 5000, 123456.5, height - 1, height + 50])
      expect(lineForTop(a, top, height)).toBeCloseTo(walk(a, 'top', top, height), 6)
  })

  it('read a few blocks’ positions, not all of them', () => {
    const a = blocks(5700)
    a.reads = 0
    topForLine(a, 12_000, 1_000_000)
    expect(a.reads).toBeLessThanOrEqual(2)
    a.reads = 0
    lineForTop(a, 200_000, 1_000_000)
    expect(a.reads).toBeLessThanOrEqual(16)
  })

  it('give the top for an empty preview', () => {
    const none: Anchors = { count: 0, line: () => 0, top: () => 0 }
    expect(topForLine(none, 10, 500)).toBe(0)
    expect(lineForTop(none, 10, 500)).toBe(0)
  })
})
