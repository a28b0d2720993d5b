/**
 * Editing an article's metadata by editing its front matter in place: only the entries of the
 * fields being changed are touched, every other byte of the document stays identical.
 */
import { splitFrontMatter, isRecord, type FrontMatter } from './front-matter'
import {
  lineEndingOf,
  type EditorEntry,
  type FrontMatterEditor,
  type WriteValue,
} from './front-matter-editor'
import {
  FIELD_KEYS,
  lowerKeys,
  pickField,
  pickTags,
  readField,
  readTags,
  uniqueIgnoringCase,
  type FieldName,
  type FieldValue,
} from './metadata-fields'
import { tomlEditor } from './toml-edit'
import { inlineValue, yamlEditor } from './yaml-edit'

/**
 * Metadata to write into a document. `undefined` leaves a field alone; `null`, an empty
 * string or an empty list removes it.
 */
export interface MetadataPatch {
  title?: string | null
  authors?: string[] | null
  publishedAt?: string | null
  tags?: string[] | null
  summary?: string | null
  sourceName?: string | null
  sourceUrl?: string | null
  featuredImage?: string | null
  language?: string | null
}

/** Fields in the order new entries are written. */
const ORDER: readonly FieldName[] = [
  'title',
  'authors',
  'publishedAt',
  'tags',
  'summary',
  'sourceName',
  'sourceUrl',
  'featuredImage',
  'language',
]

interface Change {
  field: FieldName
  /** `null`: remove the field. */
  value: WriteValue | null
  /** What deriving the field must give afterwards. */
  expected: FieldValue | string[]
}

/**
 * Writes `patch` into the document's front matter in place and returns the new document.
 * An existing key for a field is rewritten where it is (`date:` for the published date,
 * `keywords:` for tags, …); a missing one is added at the end of the front matter under its
 * usual name (`title`, `author`, `date`, `tags`, `summary`, `source`, `source_url`, `image`,
 * `lang`). A document without front matter gets a YAML block. Throws, leaving the caller's
 * text untouched, when the front matter is broken (it must be fixed first), when a value does
 * not fit its field, or when an entry is too unusual to edit safely.
 */
export function rewriteFrontMatter(markdown: string, patch: MetadataPatch): string {
  const changes = changesOf(patch)
  if (changes.length === 0) return markdown
  const fm = splitFrontMatter(markdown)
  if (fm.error !== null) {
    throw new Error(`The front matter must be fixed before its fields can be edited. ${fm.error}`)
  }
  let out: string
  if (fm.kind === null) {
    if (changes.every((c) => c.value === null)) return markdown
    out = withNewFrontMatter(markdown, fm, changes)
  } else {
    const editor = fm.kind === 'yaml' ? yamlEditor(fm.raw) : tomlEditor(fm.raw, fm.data)
    for (const change of changes) applyChange(editor, change)
    out = markdown.slice(0, fm.rawStart) + editor.result() + markdown.slice(fm.rawEnd)
  }
  verify(out, changes)
  return out
}

function changesOf(patch: MetadataPatch): Change[] {
  const changes: Change[] = []
  for (const field of ORDER) {
    const v: unknown = patch[field]
    if (v === undefined) continue
    if (field === 'authors' || field === 'tags') {
      if (v !== null && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
        throw new TypeError(`${field} must be a list of strings`)
      }
      let items = ((v as string[] | null) ?? []).map((x) => x.trim()).filter((x) => x.length > 0)
      items = field === 'tags' ? uniqueIgnoringCase(items) : [...new Set(items)]
      changes.push(
        items.length === 0
          ? { field, value: null, expected: field === 'tags' ? [] : null }
          : {
              field,
              value: { kind: 'list', items, scalarIfOne: field === 'authors' },
              expected:
                field === 'tags'
                  ? uniqueIgnoringCase(readTags(items) ?? [])
                  : readField(field, 'author', items),
            },
      )
      continue
    }
    if (v !== null && typeof v !== 'string') throw new TypeError(`${field} must be a string`)
    const text = (v ?? '').trim()
    if (text.length === 0) {
      changes.push({ field, value: null, expected: null })
      continue
    }
    const expected = readField(field, FIELD_KEYS[field][0]!, text)
    if (expected === null) throw new Error(invalidMessage(field, text))
    changes.push({ field, value: { kind: 'text', text, date: field === 'publishedAt' }, expected })
  }
  return changes
}

function invalidMessage(field: FieldName, text: string): string {
  const shown = JSON.stringify(text.length > 60 ? text.slice(0, 60) + '…' : text)
  switch (field) {
    case 'publishedAt':
      return `${shown} is not a date; use YYYY-MM-DD or an ISO 8601 date and time.`
    case 'sourceUrl':
      return `${shown} is not a web address; the source URL must start with http:// or https://.`
    case 'language':
      return `${shown} is not a language code such as "en" or "pt-BR".`
    default:
      return `${shown} cannot be used as the ${field}.`
  }
}

function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  )
}

/** Whether an entry holds (or could hold) this field: a usable value or an empty one. */
function holds(field: FieldName, entry: EditorEntry): boolean {
  // `source` is a URL only as `source: {url: …}`; a plain `source` string is the name.
  if (field === 'sourceUrl' && entry.lower === 'source') return isRecord(entry.value)
  return readField(field, entry.lower, entry.value) !== null || isEmpty(entry.value)
}

function applyChange(editor: FrontMatterEditor, change: Change): void {
  const { field, value } = change
  const keys = FIELD_KEYS[field]
  const entries = editor.entries.filter((e) => keys.includes(e.lower))
  // With a key written twice the last one counts, as when the front matter is read.
  const last = new Map(entries.map((e) => [e.lower, e]))
  const sub = field === 'sourceName' ? 'name' : field === 'sourceUrl' ? 'url' : null
  const inSource = (e: EditorEntry): boolean =>
    sub !== null && e.lower === 'source' && isRecord(e.value)

  if (value === null) {
    for (const e of entries) {
      if (inSource(e)) {
        if (readField(field, 'source', e.value) !== null) editor.setSub(e, sub!, null)
      } else if (holds(field, e)) {
        editor.remove(e)
      }
    }
    return
  }
  let target: EditorEntry | undefined
  for (const key of keys) {
    const e = last.get(key)
    if (e && holds(field, e)) {
      target = e
      break
    }
  }
  // An unusable entry under the usual name is replaced rather than duplicated.
  target ??= last.get(keys[0]!)
  if (field === 'tags') {
    // Tags are the union of every tag key, so the others go and the list is written once.
    for (const e of entries) if (e !== target && holds(field, e)) editor.remove(e)
  }
  if (!target) editor.append(keys[0]!, value)
  else if (inSource(target) && value.kind === 'text') editor.setSub(target, sub!, value.text)
  else editor.set(target, value)
}

function withNewFrontMatter(markdown: string, fm: FrontMatter, changes: Change[]): string {
  const eol = lineEndingOf(markdown)
  const lines = changes
    .filter((c) => c.value !== null)
    .map((c) => `${FIELD_KEYS[c.field][0]!}: ${inlineValue(c.value!, false)}${eol}`)
  const at = fm.rawStart
  return `${markdown.slice(0, at)}---${eol}${lines.join('')}---${eol}${markdown.slice(at)}`
}

/** The edited document must read back as the patch says; anything else is refused. */
function verify(out: string, changes: Change[]): void {
  const fm = splitFrontMatter(out)
  const keys = lowerKeys(fm.data)
  for (const { field, expected } of changes) {
    const got = field === 'tags' ? pickTags(keys) : pickField(keys, field)
    if (fm.error !== null || JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new Error(
        `The front matter could not be updated safely (${field}); edit it in the text instead.`,
      )
    }
  }
}
