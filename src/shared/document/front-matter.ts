/**
 * Finding and reading an article's front matter. The stored text is never changed here: the
 * result says where the front matter is and what it means.
 */
import { parseDocument, type Document } from 'yaml'
import { parse as parseToml } from 'smol-toml'
import { parseSimpleYaml } from './yaml-lite'

/** An article's front matter, located in the document and read. */
export interface FrontMatter {
  /** `null`: the document has no front matter. */
  kind: 'yaml' | 'toml' | null
  /** The text between the delimiter lines (`''` when none). */
  raw: string
  /** Offsets of `raw` in the document. */
  rawStart: number
  rawEnd: number
  /** The rest of the document after the closing delimiter line. */
  body: string
  /** Offset of `body` in the document. */
  bodyStart: number
  /** The parsed mapping (`{}` when there is none or it is broken). */
  data: Record<string, unknown>
  /** A one-sentence message for people when the front matter is broken, else `null`. */
  error: string | null
}

/** Options the YAML front matter is read with, shared with the rewriter so both agree. */
export const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: true } as const

const YAML_CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|\r?$)/gm
const TOML_CLOSE = /^\+\+\+[ \t]*(?:\r?\n|\r?$)/gm
const OPEN = /(?:---|\+\+\+)[ \t]*\r?\n/y

/**
 * Splits a document into front matter and body. YAML opens with a `---` line (after an
 * optional BOM) and closes with `---` or `...`; TOML uses `+++` for both. An opening line
 * without a closing one is not front matter: the whole text is the body. Never throws.
 */
export function splitFrontMatter(markdown: string): FrontMatter {
  const start = markdown.charCodeAt(0) === 0xfeff ? 1 : 0
  const none: FrontMatter = {
    kind: null,
    raw: '',
    rawStart: start,
    rawEnd: start,
    body: start === 0 ? markdown : markdown.slice(start),
    bodyStart: start,
    data: {},
    error: null,
  }
  const c = markdown.charCodeAt(start)
  if (c !== 45 /* - */ && c !== 43 /* + */) return none
  OPEN.lastIndex = start
  const open = OPEN.exec(markdown)
  if (!open) return none
  const kind = open[0].charCodeAt(0) === 43 ? 'toml' : 'yaml'
  const rawStart = start + open[0].length
  const close = kind === 'toml' ? TOML_CLOSE : YAML_CLOSE
  close.lastIndex = rawStart
  const end = close.exec(markdown)
  if (!end) return none
  const rawEnd = end.index
  const bodyStart = rawEnd + end[0].length
  const raw = markdown.slice(rawStart, rawEnd)
  const read = kind === 'toml' ? readToml(raw) : readYaml(raw)
  return {
    kind,
    raw,
    rawStart,
    rawEnd,
    body: markdown.slice(bodyStart),
    bodyStart,
    data: read.data,
    error: read.error,
  }
}

interface Read {
  data: Record<string, unknown>
  error: string | null
}

/** Parses YAML front matter text with the options the whole module uses. */
export function parseYamlFrontMatter(raw: string): Document.Parsed {
  return parseDocument(raw, YAML_OPTIONS)
}

function readYaml(raw: string): Read {
  const simple = parseSimpleYaml(raw)
  if (simple) return { data: simple, error: null }
  let doc: Document.Parsed
  try {
    doc = parseYamlFrontMatter(raw)
  } catch (e) {
    return broken('yaml', null, messageOf(e))
  }
  const first = doc.errors[0]
  if (first) {
    const line = first.linePos?.[0]?.line
    // Unclosed quotes and brackets are reported at the end of the text; the last line with
    // anything on it is a better pointer for people.
    const lastLine = raw.trimEnd().split('\n').length
    return broken('yaml', line === undefined ? null : Math.min(line, lastLine), first.message)
  }
  let value: unknown
  try {
    // toJS enforces the alias limit that stops "billion laughs" documents.
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (e) {
    return broken('yaml', null, messageOf(e))
  }
  if (value === null || value === undefined) return { data: {}, error: null }
  if (!isRecord(value)) {
    const what = Array.isArray(value) ? 'a list' : 'a single value'
    return broken('yaml', null, `it is ${what}, not a set of fields`)
  }
  return { data: datesToStrings(value) as Record<string, unknown>, error: null }
}

function readToml(raw: string): Read {
  try {
    return { data: datesToStrings(parseToml(raw)) as Record<string, unknown>, error: null }
  } catch (e) {
    const line = (e as { line?: unknown }).line
    const message = messageOf(e).replace(/^Invalid TOML document:\s*/, '')
    return broken('toml', typeof line === 'number' ? line : null, message)
  }
}

/**
 * Builds the message shown for broken front matter. `rawLine` is 1-based within the front
 * matter; the message gives the document line, which is what the editor shows.
 */
function broken(kind: 'yaml' | 'toml', rawLine: number | null, message: string): Read {
  const reason = message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?\s*$/, '')
    .replace(/[.:]\s*$/, '')
    .trim()
  const where = rawLine === null ? 'Front matter' : `Front matter line ${rawLine + 1}`
  const lang = kind === 'toml' ? 'TOML' : 'YAML'
  return {
    data: {},
    error: `${where}: ${reason} — the text was kept as is; fix the ${lang} to use its fields.`,
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** True for a plain mapping (not an array, Date or other object). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * TOML dates (and YAML 1.1 timestamps) arrive as Date objects; the rest of the module deals
 * in ISO strings. TOML's own `toISOString` keeps local dates and times local.
 */
function datesToStrings(value: unknown): unknown {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString()
  }
  if (Array.isArray(value)) return value.map(datesToStrings)
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, {
        value: datesToStrings(v),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    return out
  }
  return value
}
