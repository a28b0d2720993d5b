/**
 * A fast reader for the plain subset of YAML that nearly all front matter uses:
 * top-level `key: value` lines with plain or quoted scalars, one-line flow lists and block
 * lists of such scalars, comments and blank lines.
 *
 * The full `yaml` parser costs ~80 µs for a ten-line front matter, most of the budget for
 * deriving an article's metadata; this costs a few. It answers `undefined` for anything it is
 * not certain about, and the caller then asks the full parser, so the result for a document
 * is always what `yaml` (core schema, duplicate keys allowed) would give.
 */

const KEY_LINE = /^([A-Za-z0-9_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+|$)/
const SEQ_ITEM = /^([ \t]*)-(?:[ \t]+|$)/
const INT = /^[-+]?[0-9]+$/
const NUMERIC_OTHER =
  /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/
const NULL = /^(?:~|[Nn]ull|NULL)?$/
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/
const JSON_ESCAPES = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/g

/** Sentinel for "not in the subset". */
const NO = Symbol('not simple')
type Result = unknown | typeof NO

/**
 * Parses `raw` if it is plain front matter YAML; `undefined` when the full parser must decide
 * (including every input the full parser would reject).
 */
export function parseSimpleYaml(raw: string): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {}
  const lines = raw.split('\n')
  let i = 0
  while (i < lines.length) {
    const line = stripCr(lines[i]!)
    i++
    const first = line.charCodeAt(0)
    if (line.length === 0 || first === 35 /* # */) continue
    if (first === 32 || first === 9) {
      if (isBlankOrComment(line)) continue
      return undefined
    }
    const m = KEY_LINE.exec(line)
    if (!m) return undefined
    const key = m[1]!
    if (key === '__proto__') return undefined
    const rest = line.slice(m[0].length)
    let value: Result
    if (rest.length === 0 || rest.charCodeAt(0) === 35) {
      // Nothing on the key line: a block list may follow, else the value is null.
      const items: unknown[] = []
      let indent: string | null = null
      while (i < lines.length) {
        const next = stripCr(lines[i]!)
        if (isBlankOrComment(next)) {
          i++
          continue
        }
        const item = SEQ_ITEM.exec(next)
        if (!item) break
        if (indent === null) indent = item[1]!
        else if (item[1] !== indent) return undefined
        if (indent.includes('\t')) return undefined
        const scalar = scalarWithComment(next.slice(item[0].length), false)
        if (scalar === NO) return undefined
        items.push(scalar)
        i++
      }
      // Anything indented that is not a list item (a nested map, a continuation) is not ours.
      if (i < lines.length && /^[ \t]/.test(stripCr(lines[i]!))) return undefined
      value = indent === null ? null : items
    } else {
      value = rest.charCodeAt(0) === 91 /* [ */ ? flowList(rest) : scalarWithComment(rest, false)
      if (value === NO) return undefined
      // A more-indented line after a value continues it (a multi-line scalar): not ours.
      if (i < lines.length) {
        const next = stripCr(lines[i]!)
        if (/^[ \t]/.test(next) && !isBlankOrComment(next)) return undefined
      }
    }
    data[key] = value
  }
  return data
}

function stripCr(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line
}

function isBlankOrComment(line: string): boolean {
  const t = line.trimStart()
  return t.length === 0 || t.charCodeAt(0) === 35
}

/** A scalar filling the rest of a line, optionally followed by ` # comment`. */
function scalarWithComment(text: string, inFlow: boolean): Result {
  const c = text.charCodeAt(0)
  if (c === 34 /* " */ || c === 39 /* ' */) {
    const end = quotedEnd(text)
    if (end < 0) return NO
    const after = text.slice(end)
    if (!/^(?:[ \t]*|[ \t]+#.*)$/.test(after)) return NO
    return unquote(text.slice(0, end))
  }
  let body = text
  const hash = body.search(/[ \t]#/)
  if (hash >= 0) body = body.slice(0, hash)
  return plain(body.trimEnd(), inFlow)
}

/** Index just past the closing quote of the quoted scalar at the start of `text`, or -1. */
function quotedEnd(text: string): number {
  const q = text[0]
  for (let j = 1; j < text.length; j++) {
    const ch = text[j]
    if (q === '"' && ch === '\\') j++
    else if (ch === q) {
      if (q === "'" && text[j + 1] === "'") j++
      else return j + 1
    }
  }
  return -1
}

function unquote(quoted: string): Result {
  const inner = quoted.slice(1, -1)
  if (quoted[0] === "'") return inner.replace(/''/g, "'")
  // Only the escapes YAML and JSON share; anything else (\x, \e, \N, …) goes to the full parser.
  if (/\\/.test(inner.replace(JSON_ESCAPES, ''))) return NO
  // Raw control characters: JSON refuses some that YAML takes, so the full parser decides.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(inner)) return NO
  try {
    return JSON.parse(quoted) as string
  } catch {
    return NO
  }
}

function plain(text: string, inFlow: boolean): Result {
  if (text.length === 0) return null
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) {
    // `-5` and `-x` are fine plain scalars; a lone or spaced indicator is structure.
    if (!/^-[^\s-]/.test(text)) return NO
  }
  if (/:(?:[ \t]|$)|\t/.test(text)) return NO
  if (inFlow && /[,[\]{}]|:/.test(text)) return NO
  if (NULL.test(text)) return null
  if (BOOL.test(text)) return text.charCodeAt(0) === 116 || text.charCodeAt(0) === 84
  if (INT.test(text)) return Number(text)
  if (NUMERIC_OTHER.test(text)) return NO
  return text
}

/** A one-line flow list of scalars: `[a, "b c", 'd']`, optionally followed by a comment. */
function flowList(text: string): Result {
  const items: unknown[] = []
  let j = 1
  const skipSpace = (): void => {
    while (text[j] === ' ' || text[j] === '\t') j++
  }
  skipSpace()
  if (text[j] === ']') {
    j++
  } else {
    for (;;) {
      skipSpace()
      let item: Result
      const c = text[j]
      if (c === '"' || c === "'") {
        const end = quotedEnd(text.slice(j))
        if (end < 0) return NO
        item = unquote(text.slice(j, j + end))
        j += end
      } else {
        const start = j
        while (j < text.length && text[j] !== ',' && text[j] !== ']') j++
        const raw = text.slice(start, j).trim()
        if (raw.length === 0 || /[ \t]#/.test(raw)) return NO
        item = plain(raw, true)
      }
      if (item === NO) return NO
      items.push(item)
      skipSpace()
      if (text[j] === ']') {
        j++
        break
      }
      if (text[j] !== ',') return NO
      j++
      skipSpace()
      // YAML allows one trailing comma before the bracket.
      if (text[j] === ']') {
        j++
        break
      }
    }
  }
  if (!/^(?:[ \t]*|[ \t]+#.*)$/.test(text.slice(j))) return NO
  return items
}
