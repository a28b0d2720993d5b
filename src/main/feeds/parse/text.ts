import { decodeHTML } from 'entities/decode'
import { Parser } from 'htmlparser2'

/**
 * Plain text from a title or name that may carry markup or escaped entities (RSS titles are
 * often HTML in practice: `AT&amp;amp;T`, `<b>Breaking</b>`): tags dropped, entities decoded,
 * whitespace collapsed.
 */
export function plainText(value: string | null | undefined): string | null {
  if (!value) return null
  let text = value
  if (/<[a-z!/]|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(value)) {
    text = ''
    let hidden = 0
    const parser = new Parser(
      {
        onopentag(name) {
          if (name === 'script' || name === 'style') hidden++
        },
        onclosetag(name) {
          if ((name === 'script' || name === 'style') && hidden > 0) hidden--
        },
        ontext(data) {
          if (hidden === 0) text += data
        },
      },
      { decodeEntities: false },
    )
    parser.end(value)
    text = decodeHTML(text)
  }
  const collapsed = text.replace(/\s+/g, ' ').trim()
  return collapsed || null
}

/** HTML for plain text (Atom `type="text"`, JSON Feed `content_text`): escaped, paragraphs kept. */
export function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return escaped
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n')
}

/** Longest tag kept: longer "categories" are sentences, not tags. */
const MAX_TAG = 100

/** Categories as tags: trimmed, `/`-paths kept whole, blanks and case-insensitive duplicates dropped. */
export function cleanTags(values: (string | null | undefined)[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const v of values) {
    const tag = plainText(v)?.replace(/^#/, '')
    if (!tag || tag.length > MAX_TAG) continue
    const key = tag.toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    out.push(tag)
  }
  return out
}

/**
 * A person's name from an RSS `<author>` (`jane@example.com (Jane Doe)` → `Jane Doe`), a
 * `dc:creator` or an Atom/JSON name; a bare e-mail address is kept as given.
 */
export function personName(value: string | null | undefined): string | null {
  const text = plainText(value)
  if (!text) return null
  const inParens = /^\S+@\S+\s*\((.+)\)$/.exec(text)
  return (inParens ? inParens[1]!.trim() : text) || null
}

/** Names without blanks or duplicates, in order. */
export function cleanNames(values: (string | null | undefined)[]): string[] {
  const out: string[] = []
  for (const v of values) {
    const name = personName(v)
    if (name && !out.includes(name)) out.push(name)
  }
  return out
}
