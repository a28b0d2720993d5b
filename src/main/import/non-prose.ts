/**
 * The parts of a Markdown document that are not prose, found with a light line scan rather than
 * a full parse (the import runs it on thousands of files). Indented code blocks and fences
 * inside lists or quotes are not recognised: a link there is treated as a link.
 */

/** A span of text: start offset and the offset just after it. */
export type Range = [start: number, end: number]

/**
 * Sorted, non-overlapping ranges, asked about in increasing order of position. Asking about an
 * earlier position starts over, so several scans in turn may share one.
 */
export class Exclusions {
  private i = 0
  private last = -1

  constructor(private readonly ranges: Range[]) {}

  covers(pos: number): boolean {
    // Each finder walks forward; a new finder starts again from the first range.
    if (pos < this.last) this.i = 0
    this.last = pos
    while (this.i < this.ranges.length && this.ranges[this.i]![1] <= pos) this.i++
    const r = this.ranges[this.i]
    return r !== undefined && r[0] <= pos
  }
}

/**
 * Where a Markdown document is not prose, in order: front matter, fenced code blocks, code
 * spans and HTML comments. Link syntax inside them is an example, not a link.
 */
export function nonProseRanges(text: string): Range[] {
  const blocks: Range[] = []
  let pos = frontMatterEnd(text)
  if (pos > 0) blocks.push([0, pos])
  // Fenced code blocks, line by line (an unclosed fence runs to the end, as in CommonMark).
  let fence: { char: string; length: number; start: number } | null = null
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos)
    const lineEnd = nl === -1 ? text.length : nl + 1
    const line = text.slice(pos, nl === -1 ? text.length : nl)
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line.endsWith('\r') ? line.slice(0, -1) : line)
    if (fence) {
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.length && m[2]!.trim() === '') {
        blocks.push([fence.start, lineEnd])
        fence = null
      }
    } else if (m && !(m[1]![0] === '`' && m[2]!.includes('`'))) {
      fence = { char: m[1]![0]!, length: m[1]!.length, start: pos }
    }
    pos = lineEnd
  }
  if (fence) blocks.push([fence.start, text.length])
  return mergeRanges([...blocks, ...inlineRanges(text, blocks)])
}

/** Code spans and HTML comments outside the given blocks. */
function inlineRanges(text: string, blocks: Range[]): Range[] {
  const out: Range[] = []
  const inBlock = new Exclusions(blocks)
  for (let i = text.indexOf('<!--'); i !== -1; i = text.indexOf('<!--', i + 4)) {
    if (inBlock.covers(i)) continue
    const end = text.indexOf('-->', i + 4)
    if (end === -1) break
    out.push([i, end + 3])
    i = end
  }
  const inBlockOrComment = new Exclusions(mergeRanges([...blocks, ...out]))
  for (let i = text.indexOf('`'); i !== -1;) {
    const run = runLength(text, i, '`')
    // An escaped backtick is literal, but the rest of its run may still open a span.
    const escaped = isEscaped(text, i)
    if (escaped || inBlockOrComment.covers(i)) {
      i = text.indexOf('`', i + (escaped ? 1 : run))
      continue
    }
    const close = closingRun(text, i + run, run)
    if (close === -1) {
      i = text.indexOf('`', i + run)
    } else {
      out.push([i, close + run])
      i = text.indexOf('`', close + run)
    }
  }
  return out
}

/** The start of a run of exactly `n` backticks after `p`, before a blank line, or -1. */
function closingRun(text: string, p: number, n: number): number {
  const blank = /\n[ \t]*\r?\n/g
  blank.lastIndex = p
  const stop = blank.exec(text)?.index ?? text.length
  for (let j = text.indexOf('`', p); j !== -1 && j < stop;) {
    const m = runLength(text, j, '`')
    if (m === n) return j
    j = text.indexOf('`', j + m)
  }
  return -1
}

/** Where YAML (`---`) or TOML (`+++`) front matter ends, or 0 when there is none. */
function frontMatterEnd(text: string): number {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const open = /^(---|\+\+\+)[ \t]*\r?\n/.exec(text.slice(start, start + 8))
  if (!open) return 0
  const closer =
    open[1] === '---' ? /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm : /^\+\+\+[ \t]*(?:\r?\n|$)/gm
  closer.lastIndex = start + open[0].length
  const close = closer.exec(text)
  return close ? close.index + close[0].length : 0
}

function mergeRanges(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a[0] - b[0])
  const out: Range[] = []
  for (const r of ranges) {
    const last = out[out.length - 1]
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else out.push([r[0], r[1]])
  }
  return out
}

function runLength(text: string, p: number, char: string): number {
  let q = p
  while (text[q] === char) q++
  return q - p
}

/** Whether the character at `p` is escaped by an odd number of backslashes. */
export function isEscaped(text: string, p: number): boolean {
  let n = 0
  while (p - n - 1 >= 0 && text.charCodeAt(p - n - 1) === 0x5c) n++
  return n % 2 === 1
}
