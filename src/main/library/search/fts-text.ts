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

// Below U+0300 (the first combining mark) no character composes or decomposes in NFC, and no
// CJK character lives there: such text is already what the index is given.
const BEFORE_COMBINING = /^[^\u0300-\uffff]*$/

/** Prepare text for the FTS index: NFC, and every CJK character made a token of its own. */
export function segmentForIndex(text: string): string {
  // Most bodies are Latin text; the check costs a tenth of `normalize` and the CJK scan.
  if (BEFORE_COMBINING.test(text)) return text
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
 *
 * The tokens are those of `TOKEN`, found by a scan of character codes rather than a Unicode
 * regular expression (five times faster; an import runs this on every article): ASCII letters
 * and digits are tested directly, other characters through `isTokenCode`.
 */
export function vocabularyTerms(text: string, into: Set<string> = new Set()): Set<string> {
  // A body repeats its words; fold each distinct non-ASCII spelling once.
  const seen = new Set<string>()
  const n = text.length
  let i = 0
  while (i < n) {
    // Skip to the next token.
    let c = text.charCodeAt(i)
    let w = tokenWidth(text, i, c)
    if (w === 0) {
      i++
      continue
    }
    const start = i
    let ascii = true
    do {
      if (c > 0x7f) ascii = false
      i += w
      if (i >= n) break
      c = text.charCodeAt(i)
      w = tokenWidth(text, i, c)
    } while (w !== 0)
    const length = i - start
    if (ascii) {
      // ASCII folding is lower-casing, which keeps the length.
      if (length >= VOCAB_MIN_LENGTH && length <= VOCAB_MAX_LENGTH) {
        into.add(text.slice(start, i).toLowerCase())
      }
      continue
    }
    if (length < VOCAB_MIN_LENGTH || length > VOCAB_MAX_LENGTH * 2) continue
    const raw = text.slice(start, i)
    if (seen.has(raw)) continue
    seen.add(raw)
    const term = foldTerm(raw)
    if (term.length >= VOCAB_MIN_LENGTH && term.length <= VOCAB_MAX_LENGTH) into.add(term)
  }
  return into
}

const TOKEN_CHAR = /^[\p{L}\p{N}\p{Co}]$/u
/** Whether each BMP code unit is a `TOKEN` character: 1 yes, 2 no, 0 not yet asked. */
const BMP_TOKEN = new Uint8Array(0x10000)

/** How many code units the token character at `i` (code unit `c`) takes: 0 when it is none. */
function tokenWidth(text: string, i: number, c: number): number {
  if (c < 0x80) {
    // 0-9, A-Z, a-z
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 1 : 0
  }
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = text.charCodeAt(i + 1)
    if (!(low >= 0xdc00 && low <= 0xdfff)) return 0
    return TOKEN_CHAR.test(text.slice(i, i + 2)) ? 2 : 0
  }
  let known = BMP_TOKEN[c]!
  if (known === 0) BMP_TOKEN[c] = known = TOKEN_CHAR.test(String.fromCharCode(c)) ? 1 : 2
  return known === 1 ? 1 : 0
}

// Tokens hold no control characters, so printable ASCII is all of ASCII that matters here.
const ASCII = /^[ -~]*$/

/** `foldTerm` with a fast path: most words are ASCII, where folding is just lower-casing. */
export function foldToken(raw: string): string {
  return ASCII.test(raw) ? raw.toLowerCase() : foldTerm(raw)
}
