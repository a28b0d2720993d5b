/**
 * The surgical edits `rewriteFrontMatter` makes, independent of the front matter language.
 * The YAML and TOML editors implement them by splicing text at the source positions of the
 * entries they touch, so every other byte of the document stays as it was.
 */

/** One top-level front matter entry as the planner sees it. */
export interface EditorEntry {
  /** The key as written. */
  key: string
  /** The key lower-cased, for matching field keys. */
  lower: string
  /** The entry's value read as data (dates as ISO strings). */
  value: unknown
}

/** A value to write: a string (`date` marks a date, written unquoted) or a list of strings. */
export type WriteValue =
  | { kind: 'text'; text: string; date?: boolean }
  | {
      kind: 'list'
      items: string[]
      /** Write a one-item list as a plain string, unless the entry already holds a list. */
      scalarIfOne?: boolean
    }

/** Edits on one front matter text; `result` applies them all at once. */
export interface FrontMatterEditor {
  readonly entries: readonly EditorEntry[]
  /** Replaces the value of `entry`, keeping its key, position and surroundings. */
  set(entry: EditorEntry, value: WriteValue): void
  /** Removes `entry` with its whole value. */
  remove(entry: EditorEntry): void
  /** Sets (or with `null` removes) `name` or `url` inside a mapping value such as `source`. */
  setSub(entry: EditorEntry, sub: 'name' | 'url', value: string | null): void
  /** Adds a new top-level entry at the end of the front matter. */
  append(key: string, value: WriteValue): void
  /** The edited front matter text. */
  result(): string
}

/** A text splice: replace `[start, end)` with `text`. */
export interface Splice {
  start: number
  end: number
  text: string
}

/** Applies non-overlapping splices; overlapping ones are a bug and throw rather than corrupt. */
export function applySplices(text: string, splices: Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end)
  let out = ''
  let pos = 0
  for (const s of sorted) {
    if (s.start < pos) throw new Error('Internal error: overlapping front matter edits')
    out += text.slice(pos, s.start) + s.text
    pos = s.end
  }
  return out + text.slice(pos)
}

/** Offset of the start of the line holding `pos`. */
export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1
}

/** Offset just past the line break ending the line holding `pos` (or the end of text). */
export function lineEndAfterBreak(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos)
  return nl < 0 ? text.length : nl + 1
}

/** `end` moved back over whitespace, not before `min`. */
export function trimEndBefore(text: string, min: number, end: number): number {
  let e = end
  while (e > min && /\s/.test(text[e - 1]!)) e--
  return e
}

/** The line ending a text uses: CRLF when its first line break is one. */
export function lineEndingOf(text: string): '\n' | '\r\n' {
  const nl = text.indexOf('\n')
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n'
}
