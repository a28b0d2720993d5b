import { CJK_CHAR, foldToken, tokenize } from './fts-text'
import type { ParsedQuery } from './query-parser'

/**
 * Search snippets made in JavaScript from the article's plain text. FTS5's snippet() costs
 * about 1 ms per hit here (it re-reads the row through the content view, reduces the Markdown
 * again and tokenizes every column), which alone would use the search budget on one page.
 */

/** Which tokens of a text count as matches of the query. */
export interface TokenMatcher {
  /** Single tokens that match on their own. */
  exact: Set<string>
  /** Token beginnings that match (the last word of a phrase typed with `*`). */
  prefixes: string[]
  /** Runs of tokens that match only together: phrases, punctuated words, CJK words. */
  phrases: string[][]
}

/** Shortest word matched as a prefix and by substring (as in fts-expression.ts). */
const MIN_EXPANDED_LENGTH = 3

/**
 * The matcher for a query's positive terms. `expansions` are the vocabulary words each typed
 * word was expanded to when the FTS expression was built.
 */
export function queryMatcher(q: ParsedQuery, expansions: Map<string, string[]>): TokenMatcher {
  const exact = new Set<string>()
  const prefixes: string[] = []
  const phrases: string[][] = []
  for (const clause of q.clauses) {
    if (clause.negated) continue
    for (const term of clause.anyOf) {
      const tokens = tokenize(term.text)
      const last = tokens[tokens.length - 1]
      if (last === undefined) continue
      const single = tokens.length === 1 && !CJK_CHAR.test(last)
      if (single && term.kind !== 'phrase' && Array.from(last).length >= MIN_EXPANDED_LENGTH) {
        // The word and the vocabulary words it was expanded to: exactly what the index matched.
        exact.add(last)
        for (const word of expansions.get(last) ?? []) exact.add(word)
      } else if (tokens.length === 1) {
        if (term.kind === 'prefix') prefixes.push(last)
        else exact.add(last)
      } else {
        phrases.push(tokens)
      }
    }
  }
  return { exact, prefixes, phrases }
}

/** Characters that are tokens on their own (the index puts a separator around each, see fts-text.ts). */
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u
/** Characters that make up the other tokens. */
const WORD = /^[\p{L}\p{N}\p{Co}\p{M}]$/u

const SEPARATOR = 0
const WORD_CHAR = 1
const CJK_TOKEN = 2
/** Each BMP code unit's kind, found once (by `kindOf`) and kept: 0 means not yet asked. */
const BMP_KIND = new Uint8Array(0x10000)

/** SEPARATOR, WORD_CHAR or CJK_TOKEN for one character (a code unit or a surrogate pair). */
function kindOf(char: string): number {
  return CJK.test(char) ? CJK_TOKEN : WORD.test(char) ? WORD_CHAR : SEPARATOR
}

/** The kind of the character at `i` (SEPARATOR for a lone surrogate), as `kind * 2 + width - 1`. */
function charAt(text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c < 0x80) {
    // 0-9, A-Z, a-z
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
      ? WORD_CHAR * 2
      : SEPARATOR * 2
  }
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = text.charCodeAt(i + 1)
    if (!(low >= 0xdc00 && low <= 0xdfff)) return SEPARATOR * 2
    return kindOf(text.slice(i, i + 2)) * 2 + 1
  }
  let kind = BMP_KIND[c]!
  if (kind === 0) BMP_KIND[c] = kind = kindOf(String.fromCharCode(c)) + 1
  return (kind - 1) * 2
}

/** Characters of a text searched for the snippet. */
const MAX_SCAN = 50_000

/** Tokens a snippet shows. */
const WINDOW = 28

/**
 * The part of `text` around its first match (the window with the most matches there),
 * HTML-escaped, each match in `<mark>`, with "…"
 * where it was cut. Empty when nothing in `text` matches.
 *
 * It runs for every hit of every search (up to 200 a page), so the scan reads character codes,
 * keeps plain arrays rather than an object per token, and folds only tokens that could match.
 */
export function makeSnippet(text: string, matcher: TokenMatcher): string {
  // Past this, a long article's snippet comes from its start (or its summary): scanning all of
  // a 1 MB document for each hit would cost more than the search.
  const scanned = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text
  const { exact, prefixes, phrases } = matcher
  // Without phrases or prefixes, a token starting with an ASCII letter or digit can only match
  // a word starting with it (folding keeps it, lower-cased): most tokens are passed over on
  // that, without being cut out of the text and folded.
  const firstLetters =
    phrases.length === 0 && prefixes.length === 0 ? firstLettersOf(matcher) : null
  const starts: number[] = []
  const ends: number[] = []
  const folded: string[] = []
  const hits: boolean[] = []
  let firstHit = -1
  let complete = scanned === text
  const n = scanned.length
  let i = 0
  while (i < n) {
    // The next token: one CJK character, or a run of letters, digits and marks. A scan of
    // character codes: a Unicode regular expression cost several times more.
    let c = charAt(scanned, i)
    if (c >> 1 === SEPARATOR) {
      i += (c & 1) + 1
      continue
    }
    const start = i
    let ascii = scanned.charCodeAt(i) < 0x80
    i += (c & 1) + 1
    if (c >> 1 === WORD_CHAR) {
      while (i < n && (c = charAt(scanned, i)) >> 1 === WORD_CHAR) {
        if (scanned.charCodeAt(i) >= 0x80) ascii = false
        i += (c & 1) + 1
      }
    }
    const end = i
    let hit = false
    const first = scanned.charCodeAt(start)
    // (`| 0x20` lower-cases an ASCII letter and keeps a digit.)
    if (firstLetters === null || first >= 0x80 || firstLetters[first | 0x20] === 1) {
      const word = foldedAt(scanned.slice(start, end), ascii)
      hit = exact.has(word)
      if (!hit && prefixes.length > 0) hit = prefixes.some((p) => word.startsWith(p))
      if (phrases.length > 0) folded.push(word)
    }
    starts.push(start)
    ends.push(end)
    hits.push(hit)
    if (phrases.length > 0 && markPhraseEndingHere(folded, hits, phrases) && firstHit < 0) {
      firstHit = hits.indexOf(true)
    }
    // The first match and what follows it make the snippet: no need to read further.
    if (hit && firstHit < 0) firstHit = hits.length - 1
    if (firstHit >= 0 && hits.length - firstHit >= WINDOW) {
      complete = false
      break
    }
  }
  const count = hits.length
  // The window of WINDOW tokens holding the most matches (the first such, ties to the start).
  let best = -1
  let bestHits = 0
  let inWindow = 0
  for (let i = 0; i < count; i++) {
    if (hits[i]) inWindow++
    if (i >= WINDOW && hits[i - WINDOW]) inWindow--
    if (inWindow > bestHits) {
      bestHits = inWindow
      best = Math.max(0, i - WINDOW + 1)
    }
  }
  if (best < 0) return ''
  // Start a little before the window's first match so it has some context.
  const firstInWindow = hits.indexOf(true, best)
  // (A text shorter than the window is shown whole.)
  const from = Math.max(0, Math.min(firstInWindow - 4, count - WINDOW))
  const to = Math.min(count, from + WINDOW)
  let out = from > 0 ? '…' : ''
  let pos = starts[from]!
  for (let i = from; i < to; i++) {
    out += escapeHtml(text.slice(pos, starts[i]))
    const word = escapeHtml(text.slice(starts[i], ends[i]))
    out += hits[i] ? `<mark>${word}</mark>` : word
    pos = ends[i]!
  }
  // At the very end of the text, keep its closing punctuation; elsewhere show it was cut.
  if (to === count && complete) out += escapeHtml(text.slice(pos))
  else out += '…'
  // Adjacent matches (the characters of a CJK word) read as one mark.
  return out.replaceAll('</mark><mark>', '').replace(/\s+/g, ' ').trim()
}

/** A token folded as the index folds it (see `foldToken`). */
function foldedAt(raw: string, ascii: boolean): string {
  if (ascii) return raw.toLowerCase()
  // A lone CJK character has no case or accent to fold (and NFD would split Hangul).
  return raw.length === 1 && raw.charCodeAt(0) > 0x2e7f ? raw : foldToken(raw)
}

const firstLetterFlags = new WeakMap<TokenMatcher, Uint8Array>()

/** The ASCII first letters of the matcher's exact words, as flags by character code. */
function firstLettersOf(matcher: TokenMatcher): Uint8Array {
  let flags = firstLetterFlags.get(matcher)
  if (flags) return flags
  flags = new Uint8Array(128)
  for (const word of matcher.exact) {
    const c = word.charCodeAt(0)
    if (c < 0x80) flags[c] = 1
  }
  firstLetterFlags.set(matcher, flags)
  return flags
}

/** If a phrase ends at the last token, mark its tokens as hits; true when one did. */
function markPhraseEndingHere(folded: string[], hits: boolean[], phrases: string[][]): boolean {
  let found = false
  for (const phrase of phrases) {
    const start = folded.length - phrase.length
    if (start < 0 || !phrase.every((p, k) => folded[start + k] === p)) continue
    for (let k = start; k < folded.length; k++) hits[k] = true
    found = true
  }
  return found
}

/** Characters that HTML needs escaped. */
const HTML_SPECIAL = /[&<>"']/

/** Escape text for HTML (snippets are shown as HTML with `<mark>`). */
export function escapeHtml(text: string): string {
  // Most pieces of a snippet are a word or a space: nothing to replace.
  if (!HTML_SPECIAL.test(text)) return text
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
