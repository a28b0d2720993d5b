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

/** The text's tokens as the index makes them: each CJK character alone, other runs of letters and digits. */
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}\p{Co}\p{M}]+/gu

/** Characters of a text searched for the snippet. */
const MAX_SCAN = 50_000

/** Tokens a snippet shows. */
const WINDOW = 28

/**
 * The part of `text` around its first match (the window with the most matches there),
 * HTML-escaped, each match in `<mark>`, with "…"
 * where it was cut. Empty when nothing in `text` matches.
 *
 * It runs for every hit of every search (20 a page), so the scan keeps plain arrays of
 * numbers and strings rather than an object per token, and lower-cases the text once:
 * where that keeps every position (nearly always), an ASCII token's folded form is a slice.
 */
export function makeSnippet(text: string, matcher: TokenMatcher): string {
  // Past this, a long article's snippet comes from its start (or its summary): scanning all of
  // a 1 MB document for each hit would cost more than the search.
  const scanned = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text
  const lower = scanned.toLowerCase()
  const aligned = lower.length === scanned.length
  const { exact, prefixes, phrases } = matcher
  const starts: number[] = []
  const ends: number[] = []
  const folded: string[] = []
  const hits: boolean[] = []
  let firstHit = -1
  let complete = scanned === text
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(scanned); m !== null; m = TOKEN.exec(scanned)) {
    const start = m.index
    const end = start + m[0].length
    const word = foldedAt(scanned, lower, aligned, start, end)
    let hit = exact.has(word)
    if (!hit && prefixes.length > 0) hit = prefixes.some((p) => word.startsWith(p))
    starts.push(start)
    ends.push(end)
    folded.push(word)
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

/** The token at `start`–`end` folded as the index folds it (see `foldToken`). */
function foldedAt(
  text: string,
  lower: string,
  aligned: boolean,
  start: number,
  end: number,
): string {
  if (aligned) {
    let ascii = true
    for (let i = start; i < end; i++) {
      if (lower.charCodeAt(i) > 0x7f) {
        ascii = false
        break
      }
    }
    if (ascii) return lower.slice(start, end)
  }
  const raw = text.slice(start, end)
  // A lone CJK character has no case or accent to fold (and NFD would split Hangul).
  return raw.length === 1 && raw.charCodeAt(0) > 0x2e7f ? raw : foldToken(raw)
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
