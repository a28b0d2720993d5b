/**
 * In-place edits of TOML front matter (`+++` … `+++`, as Hugo writes it). Top-level
 * `key = value` entries are found line by line; a value's extent is the shortest run of
 * lines that parses on its own, which covers multi-line arrays and strings without a TOML
 * tokenizer. Only the entries being changed are rewritten.
 */
import { parse as parseToml } from 'smol-toml'
import {
  applySplices,
  lineEndingOf,
  type EditorEntry,
  type FrontMatterEditor,
  type Splice,
  type WriteValue,
} from './front-matter-editor'
import { isRecord } from './front-matter'

/** A `key = value` line (or lines) of the front matter. */
interface KeyValue {
  /** Table path plus key path, as written. */
  path: string[]
  /** The key as written on the line (`source.name`, `"odd key"`). */
  keyText: string
  /** In a `[table]` section rather than at the top. */
  inSection: boolean
  lineStart: number
  /** Offset where the value starts (after `=` and blanks). */
  valueStart: number
  /** End of the value's last line, before its line break. */
  end: number
  /** Just past the last line's break. */
  endAfterBreak: number
  multiline: boolean
}

interface TomlEntry extends EditorEntry {
  record: KeyValue | undefined
}

/** An editor for the TOML front matter text `raw` (which must parse), whose data is `data`. */
export function tomlEditor(raw: string, data: Record<string, unknown>): FrontMatterEditor {
  const eol = lineEndingOf(raw)
  const { records, firstHeader, headers } = scan(raw)
  const entries: TomlEntry[] = Object.keys(data).map((key) => ({
    key,
    lower: key.toLowerCase(),
    value: data[key],
    record: records.find((r) => !r.inSection && r.path.length === 1 && r.path[0] === key),
  }))
  const splices: Splice[] = []
  const appended: string[] = []
  const inlineEdits = new Map<KeyValue, Record<string, unknown>>()
  const needRecord = (entry: EditorEntry): KeyValue => {
    const record = (entry as TomlEntry).record
    if (!record) {
      throw new Error(`"${entry.key}" is a TOML table in the front matter; edit it in the text.`)
    }
    return record
  }

  return {
    entries,
    set(entry, value) {
      splices.push(setValue(raw, needRecord(entry), tomlValue(value, Array.isArray(entry.value))))
    },
    remove(entry) {
      const r = needRecord(entry)
      splices.push({ start: r.lineStart, end: r.endAfterBreak, text: '' })
    },
    setSub(entry, sub, value) {
      const own = (entry as TomlEntry).record
      if (own) {
        // An inline table is written once, with every change, in result().
        const table = inlineEdits.get(own) ?? { ...(entry.value as Record<string, unknown>) }
        inlineEdits.set(own, withSub(table, sub, value))
        return
      }
      const inside = records.filter((r) => r.path.length === 2 && r.path[0] === entry.key)
      const matches = inside.filter((r) => r.path[1]!.toLowerCase() === sub)
      if (value === null) {
        for (const r of matches)
          splices.push({ start: r.lineStart, end: r.endAfterBreak, text: '' })
      } else if (matches.length > 0) {
        splices.push(setValue(raw, matches[matches.length - 1]!, tomlString(value)))
      } else {
        const last = inside[inside.length - 1]
        const header = headers.find((h) => h.path.length === 1 && h.path[0] === entry.key)
        const at = last ? last.endAfterBreak : header?.endAfterBreak
        if (at === undefined)
          throw new Error(`"${entry.key}" cannot be edited here; edit it in the text.`)
        const key = last && !last.inSection ? `${quoteKey(entry.key)}.${sub}` : sub
        const sep = at === raw.length && raw.length > 0 && !raw.endsWith('\n') ? eol : ''
        splices.push({ start: at, end: at, text: `${sep}${key} = ${tomlString(value)}${eol}` })
      }
    },
    append(key, value) {
      appended.push(`${key} = ${tomlValue(value, false)}${eol}`)
    },
    result() {
      for (const [record, table] of inlineEdits) {
        splices.push(setValue(raw, record, inlineTable(table)))
      }
      if (appended.length > 0) {
        const lastTop = records.filter((r) => !r.inSection).pop()
        const at = lastTop ? lastTop.endAfterBreak : (firstHeader ?? raw.length)
        const sep = at === raw.length && raw.length > 0 && !raw.endsWith('\n') ? eol : ''
        splices.push({ start: at, end: at, text: sep + appended.join('') })
      }
      return applySplices(raw, splices)
    },
  }
}

interface Header {
  path: string[]
  endAfterBreak: number
}

/** Finds every key/value and table header of a TOML text. */
function scan(raw: string): { records: KeyValue[]; headers: Header[]; firstHeader: number | null } {
  const lines: { start: number; text: string }[] = []
  let pos = 0
  while (pos < raw.length) {
    const nl = raw.indexOf('\n', pos)
    const end = nl < 0 ? raw.length : nl
    lines.push({ start: pos, text: raw.slice(pos, end).replace(/\r$/, '') })
    pos = end + 1
  }
  const lineAfterBreak = (i: number): number => {
    const next = lines[i + 1]
    return next ? next.start : raw.length
  }
  const records: KeyValue[] = []
  const headers: Header[] = []
  let firstHeader: number | null = null
  let section: string[] = []
  let i = 0
  while (i < lines.length) {
    const { start, text } = lines[i]!
    const t = text.trim()
    if (t === '' || t.startsWith('#')) {
      i++
      continue
    }
    if (t.startsWith('[')) {
      const inner = t.replace(/^\[\[?/, '').replace(/\]\]?\s*(#.*)?$/, '')
      section = parseKeyPath(inner)?.path ?? []
      headers.push({ path: section, endAfterBreak: lineAfterBreak(i) })
      firstHeader ??= start
      i++
      continue
    }
    const key = parseKeyPath(text)
    const eq = key ? text.indexOf('=', key.end) : -1
    if (!key || eq < 0)
      throw new Error('The TOML front matter could not be read; edit it in the text.')
    // The value runs over as few lines as make a valid TOML document on their own.
    let j = i
    let chunk = text
    while (!parsesAlone(chunk)) {
      j++
      if (j >= lines.length)
        throw new Error('The TOML front matter could not be read; edit it in the text.')
      chunk += '\n' + lines[j]!.text
    }
    let valueStart = start + eq + 1
    while (raw[valueStart] === ' ' || raw[valueStart] === '\t') valueStart++
    records.push({
      path: [...section, ...key.path],
      keyText: text.slice(0, key.end).trim(),
      inSection: section.length > 0,
      lineStart: start,
      valueStart,
      end: lines[j]!.start + lines[j]!.text.length,
      endAfterBreak: lineAfterBreak(j),
      multiline: j > i,
    })
    i = j + 1
  }
  return { records, headers, firstHeader }
}

function parsesAlone(text: string): boolean {
  try {
    parseToml(text)
    return true
  } catch {
    return false
  }
}

/** A dotted key path at the start of `text`, and where it ends. */
function parseKeyPath(text: string): { path: string[]; end: number } | null {
  const path: string[] = []
  let i = 0
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++
    const c = text[i]
    if (c === '"' || c === "'") {
      let j = i + 1
      while (j < text.length && text[j] !== c) j += c === '"' && text[j] === '\\' ? 2 : 1
      if (j >= text.length) return null
      const quoted = text.slice(i, j + 1)
      try {
        path.push(String((parseToml(`k = ${quoted}`) as { k: unknown }).k))
      } catch {
        return null
      }
      i = j + 1
    } else {
      const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i))
      if (!m) return null
      path.push(m[0])
      i += m[0].length
    }
    while (text[i] === ' ' || text[i] === '\t') i++
    if (text[i] !== '.') return { path, end: i }
    i++
  }
}

/** Replaces a key's value, keeping a trailing comment on a one-line value. */
function setValue(raw: string, r: KeyValue, value: string): Splice {
  if (r.multiline) return { start: r.valueStart, end: r.end, text: value }
  const line = raw.slice(r.lineStart, r.end)
  let end = r.end
  // The comment starts at the first `#` before which the line still parses on its own.
  for (
    let p = line.indexOf('#', r.valueStart - r.lineStart);
    p >= 0;
    p = line.indexOf('#', p + 1)
  ) {
    if (parsesAlone(line.slice(0, p))) {
      end = r.lineStart + p
      break
    }
  }
  while (end > r.valueStart && (raw[end - 1] === ' ' || raw[end - 1] === '\t')) end--
  return { start: r.valueStart, end, text: value }
}

/** A TOML basic string; DEL is escaped, which JSON leaves as is and TOML forbids. */
export function tomlString(s: string): string {
  return JSON.stringify(s).replace(/\u007f/g, '\\u007f')
}

const TOML_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?$/

function tomlValue(value: WriteValue, entryIsList: boolean): string {
  if (value.kind === 'text') {
    // TOML has dates of its own; Hugo and friends expect them unquoted.
    return value.date && TOML_DATE.test(value.text) ? value.text : tomlString(value.text)
  }
  if (value.items.length === 1 && value.scalarIfOne && !entryIsList) {
    return tomlString(value.items[0]!)
  }
  return `[${value.items.map(tomlString).join(', ')}]`
}

/** The table with `sub` set or removed; keys keep their order and a new key goes last. */
function withSub(
  table: Record<string, unknown>,
  sub: string,
  value: string | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  let found = false
  for (const [k, v] of Object.entries(table)) {
    const match = k.toLowerCase() === sub
    if (!match) out[k] = v
    else if (!found && value !== null) out[k] = value
    found ||= match
  }
  if (!found && value !== null) out[sub] = value
  return out
}

function quoteKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key)
}

function inlineTable(table: Record<string, unknown>): string {
  const parts = Object.entries(table).map(([k, v]) => `${quoteKey(k)} = ${plainTomlValue(v)}`)
  return parts.length > 0 ? `{ ${parts.join(', ')} }` : '{}'
}

function plainTomlValue(v: unknown): string {
  if (typeof v === 'string') return tomlString(v)
  if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return String(v)
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
    return `[${v.map((x) => tomlString(x as string)).join(', ')}]`
  }
  if (isRecord(v)) return inlineTable(v)
  throw new Error(
    'This TOML table holds values that cannot be rewritten here; edit it in the text.',
  )
}
