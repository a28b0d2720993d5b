/**
 * How text is prepared for the FTS5 index, and the same preparation for query words, so that
 * what is indexed and what is searched always agree.
 *
 * The index uses FTS5's `unicode61` tokenizer with `remove_diacritics 2` (so `cafe` finds
 * "café"). That tokenizer treats a run of Chinese or Japanese characters as one giant token,
 * which is why Joplin cannot find `人工智能` inside a sentence. We therefore put a zero-width
 * space (a separator to unicode61) around every CJK character before indexing: each character
 * becomes a token, and a CJK query word becomes a phrase of consecutive characters. Zero-width
 * spaces are invisible; snippets are made from the unsegmented text.
 */

/** Han, kana and Hangul: scripts written without spaces between words. */
export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const CJK_CHARS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu

/** Separator inserted around CJK characters in indexed text. */
export const ZWSP = '\u200B'

/** Prepare text for the FTS index: NFC, and every CJK character made a token of its own. */
export function segmentForIndex(text: string): string {
  const nfc = text.normalize('NFC')
  return CJK_CHAR.test(nfc) ? nfc.replace(CJK_CHARS, `${ZWSP}$&${ZWSP}`) : nfc
}

/**
 * Fold a term the way `unicode61 remove_diacritics 2` does (close enough for lookups in the
 * vocabulary): decompose, drop combining marks, lower-case.
 */
export function foldTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
}

const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu

/**
 * The tokens unicode61 would produce for `text`, folded. CJK characters come out one per token.
 */
export function tokenize(text: string): string[] {
  const out: string[] = []
  for (const m of segmentForIndex(text).matchAll(TOKEN)) {
    // A token can still hold combining marks split off by NFD folding; fold then re-check.
    const folded = foldTerm(m[0])
    if (folded) out.push(folded)
  }
  return out
}

/** Shortest term worth keeping in the substring vocabulary (a 3-letter query can be inside it). */
export const VOCAB_MIN_LENGTH = 4
/** Longest term kept in the substring vocabulary (longer ones are hashes, base64, URLs). */
export const VOCAB_MAX_LENGTH = 40

/**
 * Distinct terms of already segmented `text` (see `segmentForIndex`) worth adding to the
 * substring vocabulary. CJK needs no vocabulary: each character is already a token, too short
 * to be kept here.
 */
export function vocabularyTerms(text: string, into: Set<string> = new Set()): Set<string> {
  // A body repeats its words; fold each distinct spelling once.
  const seen = new Set<string>()
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0]
    if (raw.length < VOCAB_MIN_LENGTH || raw.length > VOCAB_MAX_LENGTH * 2 || seen.has(raw))
      continue
    seen.add(raw)
    const term = foldToken(raw)
    if (term.length >= VOCAB_MIN_LENGTH && term.length <= VOCAB_MAX_LENGTH) into.add(term)
  }
  return into
}

// Tokens hold no control characters, so printable ASCII is all of ASCII that matters here.
const ASCII = /^[ -~]*$/

/** `foldTerm` with a fast path: most words are ASCII, where folding is just lower-casing. */
export function foldToken(raw: string): string {
  return ASCII.test(raw) ? raw.toLowerCase() : foldTerm(raw)
}
