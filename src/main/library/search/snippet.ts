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
 */
export function makeSnippet(text: string, matcher: TokenMatcher): string {
  const tokens: { start: number; end: number; folded: string; hit: boolean }[] = []
  // Past this, a long article's snippet comes from its start (or its summary): scanning all of
  // a 1 MB document for each hit would cost more than the search.
  const scanned = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text
  let firstHit = -1
  let complete = scanned === text
  for (const m of scanned.matchAll(TOKEN)) {
    const raw = m[0]
    // A lone CJK character has no case or accent to fold (and NFD would split Hangul).
    const folded = raw.length === 1 && raw.charCodeAt(0) > 0x2e7f ? raw : foldToken(raw)
    const hit = matcher.exact.has(folded) || matcher.prefixes.some((p) => folded.startsWith(p))
    tokens.push({ start: m.index, end: m.index + raw.length, folded, hit })
    if (markPhraseEndingHere(tokens, matcher.phrases) && firstHit < 0) {
      firstHit = tokens.findIndex((t) => t.hit)
    }
    // The first match and what follows it make the snippet: no need to read further.
    if (hit && firstHit < 0) firstHit = tokens.length - 1
    if (firstHit >= 0 && tokens.length - firstHit >= WINDOW) {
      complete = false
      break
    }
  }
  // The window of WINDOW tokens holding the most matches (the first such, ties to the start).
  let best = -1
  let bestHits = 0
  let hits = 0
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.hit) hits++
    if (i >= WINDOW && tokens[i - WINDOW]!.hit) hits--
    if (hits > bestHits) {
      bestHits = hits
      best = Math.max(0, i - WINDOW + 1)
    }
  }
  if (best < 0) return ''
  // Start a little before the window's first match so it has some context.
  const firstInWindow = tokens.findIndex((t, i) => i >= best && t.hit)
  // (A text shorter than the window is shown whole.)
  const from = Math.max(0, Math.min(firstInWindow - 4, tokens.length - WINDOW))
  const to = Math.min(tokens.length, from + WINDOW)
  let out = from > 0 ? '…' : ''
  let pos = tokens[from]!.start
  for (let i = from; i < to; i++) {
    const t = tokens[i]!
    out += escapeHtml(text.slice(pos, t.start))
    const word = escapeHtml(text.slice(t.start, t.end))
    out += t.hit ? `<mark>${word}</mark>` : word
    pos = t.end
  }
  // At the very end of the text, keep its closing punctuation; elsewhere show it was cut.
  if (to === tokens.length && complete) out += escapeHtml(text.slice(pos))
  else out += '…'
  // Adjacent matches (the characters of a CJK word) read as one mark.
  return out.replaceAll('</mark><mark>', '').replace(/\s+/g, ' ').trim()
}

/** If a phrase ends at the last token, mark its tokens as hits; true when one did. */
function markPhraseEndingHere(
  tokens: { folded: string; hit: boolean }[],
  phrases: string[][],
): boolean {
  let found = false
  for (const phrase of phrases) {
    const start = tokens.length - phrase.length
    if (start < 0 || !phrase.every((p, k) => tokens[start + k]!.folded === p)) continue
    for (let k = start; k < tokens.length; k++) tokens[k]!.hit = true
    found = true
  }
  return found
}

/** Escape text for HTML (snippets are shown as HTML with `<mark>`). */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
