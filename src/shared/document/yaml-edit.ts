/**
 * In-place edits of YAML front matter. The text is parsed once for the source ranges of its
 * top-level pairs; each edit replaces only the bytes of the pair it changes. Nothing is ever
 * re-serialised as a whole, so comments, quoting, order and blank lines all survive.
 */
import {
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  parse,
  stringify,
  type Node,
  type Pair,
} from 'yaml'
import { parseYamlFrontMatter } from './front-matter'
import {
  applySplices,
  lineEndAfterBreak,
  lineEndingOf,
  lineStart,
  trimEndBefore,
  type EditorEntry,
  type FrontMatterEditor,
  type Splice,
  type WriteValue,
} from './front-matter-editor'

interface YamlEntry extends EditorEntry {
  pair: Pair
}

/** An editor for the YAML front matter text `raw` (which must parse without errors). */
export function yamlEditor(raw: string): FrontMatterEditor {
  const doc = parseYamlFrontMatter(raw)
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message)
  const root = doc.contents
  if (root !== null && !(isMap(root) && !root.flow)) {
    throw new Error(
      'This front matter is not written as "key: value" lines, so its fields cannot be edited here; edit it in the text.',
    )
  }
  const eol = lineEndingOf(raw)
  const entries: YamlEntry[] = (root?.items ?? []).map((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    const value = isNode(pair.value) ? pair.value.toJS(doc, { maxAliasCount: 100 }) : pair.value
    return { key, lower: key.toLowerCase(), value: toStrings(value), pair }
  })
  const indent = root && root.items[0] ? columnOf(raw, keyRange(root.items[0])[0]) : ''
  const splices: Splice[] = []
  const appended: string[] = []
  const subEdits = new Map<YamlEntry, Map<'name' | 'url', string | null>>()

  const setPair = (pair: Pair, value: WriteValue): void => {
    splices.push(setPairSplice(raw, pair, value, eol))
  }
  const removePair = (pair: Pair): void => {
    splices.push(removePairSplice(raw, pair))
  }

  return {
    entries,
    set: (entry, value) => setPair((entry as YamlEntry).pair, value),
    remove: (entry) => removePair((entry as YamlEntry).pair),
    setSub(entry, sub, value) {
      const edits = subEdits.get(entry as YamlEntry) ?? new Map<'name' | 'url', string | null>()
      edits.set(sub, value)
      subEdits.set(entry as YamlEntry, edits)
    },
    append(key, value) {
      appended.push(`${indent}${key}: ${inlineValue(value, false)}${eol}`)
    },
    result() {
      for (const [entry, edits] of subEdits) {
        applySubEdits(raw, entry, edits, eol, splices)
      }
      if (appended.length > 0) {
        const sep = raw.length > 0 && !raw.endsWith('\n') ? eol : ''
        splices.push({ start: raw.length, end: raw.length, text: sep + appended.join('') })
      }
      return applySplices(raw, splices)
    },
  }
}

function toStrings(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  return value
}

function keyRange(pair: Pair): [number, number] {
  const key = pair.key as Node | null
  if (!isNode(key) || !key.range) {
    throw new Error('A front matter key could not be located; edit it in the text.')
  }
  return [key.range[0], key.range[1]]
}

function columnOf(raw: string, pos: number): string {
  return raw.slice(lineStart(raw, pos), pos)
}

/** Offset of the `:` after a pair's key; the key must start its line. */
function colonOf(raw: string, pair: Pair): number {
  const [start, end] = keyRange(pair)
  if (raw.slice(lineStart(raw, start), start).trim() !== '') {
    throw new Error('A front matter key does not start its line; edit it in the text.')
  }
  const colon = raw.indexOf(':', end)
  if (colon < 0 || raw.slice(end, colon).trim() !== '') {
    throw new Error('A front matter entry could not be located; edit it in the text.')
  }
  return colon
}

/** Where a pair's value really ends: its range without trailing blanks and breaks. */
function valueEnd(raw: string, pair: Pair, colon: number): number {
  const value = pair.value as Node | null
  if (!isNode(value) || !value.range) return colon + 1
  return Math.max(colon + 1, trimEndBefore(raw, value.range[0], value.range[1]))
}

function isEmptyScalar(node: unknown): boolean {
  return node === null || (isScalar(node) && node.range?.[0] === node.range?.[1])
}

function setPairSplice(raw: string, pair: Pair, value: WriteValue, eol: string): Splice {
  const colon = colonOf(raw, pair)
  const node = pair.value as Node | null
  const end = valueEnd(raw, pair, colon)
  const plain = !!node && !isAlias(node) && !node.anchor && !node.tag
  // A block list stays a block list, with the same indentation.
  if (value.kind === 'list' && plain && isSeq(node) && !node.flow && node.range) {
    const from = lineStart(raw, node.range[0])
    const dash = raw.slice(from, node.range[0])
    const items = value.items.map((item) => `${dash}- ${yamlString(item, false)}${eol}`).join('')
    return { start: from, end: lineEndAfterBreak(raw, end), text: items }
  }
  const list = isSeq(node)
  const text = inlineValue(value, list)
  if (isEmptyScalar(node)) return { start: colon + 1, end: colon + 1, text: ` ${text}` }
  if (plain && node!.range && !raw.slice(node!.range[0], end).includes('\n')) {
    // One line: replace the value alone, keeping the spacing and any trailing comment.
    return { start: node!.range[0], end, text }
  }
  return { start: colon + 1, end, text: ` ${text}` }
}

function removePairSplice(raw: string, pair: Pair): Splice {
  const colon = colonOf(raw, pair)
  const end = valueEnd(raw, pair, colon)
  return {
    start: lineStart(raw, keyRange(pair)[0]),
    end: lineEndAfterBreak(raw, end - 1),
    text: '',
  }
}

/** Edits inside a mapping value (`source: {name, url}`); an emptied mapping goes entirely. */
function applySubEdits(
  raw: string,
  entry: YamlEntry,
  edits: Map<'name' | 'url', string | null>,
  eol: string,
  splices: Splice[],
): void {
  const map = entry.pair.value
  if (!isMap(map) || !map.range) throw new Error(`"${entry.key}" is not a mapping`)
  const pairs = map.items.map((p) => ({
    pair: p,
    lower: isScalar(p.key) ? String(p.key.value).toLowerCase() : '',
  }))
  const remaining = new Set(pairs.map((p) => p.lower))
  for (const [sub, value] of edits) {
    if (value === null) remaining.delete(sub)
    else remaining.add(sub)
  }
  if (remaining.size === 0) {
    splices.push(removePairSplice(raw, entry.pair))
    return
  }
  if (map.flow) {
    splices.push({ start: map.range[0], end: map.range[1], text: flowMap(entry.value, edits) })
    return
  }
  const indent = columnOf(raw, keyRange(map.items[0]!)[0])
  const added: string[] = []
  for (const [sub, value] of edits) {
    const matches = pairs.filter((p) => p.lower === sub)
    if (value === null) {
      for (const m of matches) splices.push(removePairSplice(raw, m.pair))
    } else if (matches.length > 0) {
      splices.push(setPairSplice(raw, matches[matches.length - 1]!.pair, text(value), eol))
    } else {
      added.push(`${indent}${sub}: ${yamlString(value, false)}${eol}`)
    }
  }
  if (added.length > 0) {
    const last = map.items[map.items.length - 1]!
    const at = lineEndAfterBreak(raw, valueEnd(raw, last, colonOf(raw, last)) - 1)
    const sep = at === raw.length && !raw.endsWith('\n') ? eol : ''
    splices.push({ start: at, end: at, text: sep + added.join('') })
  }
}

function text(value: string): WriteValue {
  return { kind: 'text', text: value }
}

function flowMap(value: unknown, edits: Map<'name' | 'url', string | null>): string {
  // Keys keep their order; a new key goes last.
  const obj: Record<string, unknown> = {}
  const pending = new Map(edits)
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sub = k.toLowerCase()
    if (sub !== 'name' && sub !== 'url') obj[k] = v
    else if (!pending.has(sub)) obj[k] = v
    else if (pending.get(sub) !== null) obj[k] = pending.get(sub)
  }
  for (const k of Object.keys(obj)) pending.delete(k.toLowerCase() as 'name' | 'url')
  for (const [sub, v] of pending) if (v !== null) obj[sub] = v
  return stringify(obj, { collectionStyle: 'flow', lineWidth: 0 }).trim()
}

/** A value written on the key's line: a scalar or a flow list `[a, b]`. */
export function inlineValue(value: WriteValue, entryIsList: boolean): string {
  if (value.kind === 'text')
    return value.date && isIsoDate(value.text) ? value.text : yamlString(value.text, false)
  if (value.items.length === 1 && value.scalarIfOne && !entryIsList) {
    return yamlString(value.items[0]!, false)
  }
  return `[${value.items.map((item) => yamlString(item, true)).join(', ')}]`
}

function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/.test(s)
}

const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/
// Control characters are exactly what must not appear in a plain scalar.
// eslint-disable-next-line no-control-regex
const UNSAFE_INSIDE = /: |\s#|:$|\s$|[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/
const FLOW_UNSAFE = /[,[\]{}]/

/**
 * A string as a YAML scalar that reads back as exactly that string, under YAML 1.2 (this
 * module) and YAML 1.1 (older tools, where `yes`, `no` and `2024-01-05` are not strings):
 * plain when that is safe, else double-quoted.
 */
export function yamlString(s: string, inFlow: boolean): string {
  if (
    s.length > 0 &&
    !INDICATOR_START.test(s) &&
    !UNSAFE_INSIDE.test(s) &&
    !(inFlow && FLOW_UNSAFE.test(s)) &&
    readsAsString(s)
  ) {
    return s
  }
  return JSON.stringify(s).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

function readsAsString(s: string): boolean {
  try {
    return (
      parse(s, { logLevel: 'silent' }) === s &&
      parse(s, { version: '1.1', logLevel: 'silent' }) === s
    )
  } catch {
    return false
  }
}
