/**
 * The part of two texts that differs, by lines: the common lines at the start and the end are
 * trimmed, and what is left in between is the change. Enough to show a conflict side by side
 * with the changed region marked.
 */

/** Two texts split into lines, with the changed region's bounds in each. */
export interface LineDiff {
  mine: string[]
  theirs: string[]
  /** Lines before the change (the same on both sides). */
  head: number
  /** Lines after the change (the same on both sides). */
  tail: number
}

/** Where `mine` and `theirs` differ. */
export function lineDiff(mine: string, theirs: string): LineDiff {
  const a = mine.split('\n')
  const b = theirs.split('\n')
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++
  }
  return { mine: a, theirs: b, head, tail }
}
