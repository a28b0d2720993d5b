/**
 * Word counts and reading time. Scripts written without spaces between words (Chinese,
 * Japanese, Korean) are counted by characters, because splitting them into words needs a
 * dictionary and readers' speed is usually quoted per character anyway.
 */

/** Default reading speed for text written with spaces between words. */
export const DEFAULT_WORDS_PER_MINUTE = 230

/** Reading speed for CJK text, in characters per minute. */
export const CJK_CHARS_PER_MINUTE = 500

/**
 * Han, Hiragana, Katakana and Hangul: the characters counted one by one. Letters shared by
 * these scripts count too (the long-vowel mark in コーヒー, the iteration mark 々), but not
 * their punctuation (、。).
 */
export const CJK_CHAR =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]|(?=\p{L})[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u
const HAN_CHAR = /\p{sc=Han}|(?=\p{L})\p{scx=Han}/u
const KANA_CHAR = /[\p{sc=Hiragana}\p{sc=Katakana}]|(?=\p{L})[\p{scx=Hiragana}\p{scx=Katakana}]/u
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u
const DIGIT = /\p{N}/u

// Character classes. Words are runs of letters, digits and marks; apostrophes and hyphens
// join two runs into one word ("don't", "state-of-the-art"), and `.`, `,` and `:` join two
// runs of digits ("3.14", "10:30").
const UNKNOWN = 0
const SEPARATOR = 1
const LETTER = 2
const DIGIT_CLASS = 3
const JOINER = 5
const DIGIT_JOINER = 6
/** A high surrogate: the class is that of the whole code point. */
const SURROGATE = 7
// CJK classes are the highest, so `>= HAN` means CJK.
const HAN = 8
const KANA = 9
const HANGUL = 10

/**
 * Classes of the Basic Multilingual Plane, filled in on first sight: a Unicode property
 * lookup per character would cost more than the rest of deriving an article together.
 */
const classes = new Uint8Array(0x10000)
for (const ch of "'’‐‑-") classes[ch.charCodeAt(0)] = JOINER
for (const ch of '.,:') classes[ch.charCodeAt(0)] = DIGIT_JOINER
classes.fill(SURROGATE, 0xd800, 0xdc00)

function classify(ch: string): number {
  if (CJK_CHAR.test(ch)) return HAN_CHAR.test(ch) ? HAN : KANA_CHAR.test(ch) ? KANA : HANGUL
  if (DIGIT.test(ch)) return DIGIT_CLASS
  return WORD_CHAR.test(ch) ? LETTER : SEPARATOR
}

/** The class of the character at `i` (of the whole code point for a surrogate pair). */
function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i)
  let cls = classes[code]!
  if (cls === UNKNOWN) cls = classes[code] = classify(text[i]!)
  else if (cls === SURROGATE) cls = classify(String.fromCodePoint(text.codePointAt(i)!))
  return cls
}

/**
 * Counts the words of a plain text, and separately its CJK characters (which are not counted
 * as words).
 */
export function countWords(text: string): { words: number; cjkChars: number } {
  let words = 0
  let cjkChars = 0
  let inWord = false
  let prevDigit = false
  const n = text.length
  for (let i = 0; i < n; i++) {
    let cls = classes[text.charCodeAt(i)]!
    // The two common cases first, without calls: this loop is most of deriving an article.
    if (cls === LETTER) {
      if (!inWord) words++
      inWord = true
      prevDigit = false
      continue
    }
    if (cls === SEPARATOR) {
      inWord = false
      continue
    }
    if (cls === UNKNOWN || cls === SURROGATE) {
      cls = classAt(text, i)
      if (text.codePointAt(i)! > 0xffff) i++
    }
    if (cls === LETTER || cls === DIGIT_CLASS) {
      if (!inWord) words++
      inWord = true
      prevDigit = cls === DIGIT_CLASS
    } else if (cls >= HAN) {
      cjkChars++
      inWord = false
    } else if (inWord && (cls === JOINER || (cls === DIGIT_JOINER && prevDigit)) && i + 1 < n) {
      // A joiner keeps the word going only when the word continues right after it.
      const next = classAt(text, i + 1)
      inWord = cls === JOINER ? next === LETTER || next === DIGIT_CLASS : next === DIGIT_CLASS
    } else {
      inWord = false
    }
  }
  return { words, cjkChars }
}

/** Letters in a text, and how many of them are Han, kana (Japanese) and Hangul (Korean). */
export function countScripts(text: string): {
  letters: number
  han: number
  kana: number
  hangul: number
} {
  const counts = { letters: 0, han: 0, kana: 0, hangul: 0 }
  for (let i = 0; i < text.length; i++) {
    let cls = classes[text.charCodeAt(i)]!
    if (cls === SEPARATOR || cls === DIGIT_CLASS) continue
    if (cls === UNKNOWN || cls === SURROGATE) {
      cls = classAt(text, i)
      if (text.codePointAt(i)! > 0xffff) i++
    }
    if (cls === LETTER || cls >= HAN) counts.letters++
    if (cls === HAN) counts.han++
    else if (cls === KANA) counts.kana++
    else if (cls === HANGUL) counts.hangul++
  }
  return counts
}

/**
 * Minutes to read a text: words at `wordsPerMinute` (default 230) plus CJK characters at 500
 * a minute, rounded up; at least 1 for any text, 0 for none.
 */
export function readingMinutes(
  words: number,
  cjkChars: number,
  wordsPerMinute = DEFAULT_WORDS_PER_MINUTE,
): number {
  const w = Number.isFinite(words) && words > 0 ? words : 0
  const c = Number.isFinite(cjkChars) && cjkChars > 0 ? cjkChars : 0
  if (w === 0 && c === 0) return 0
  const wpm =
    Number.isFinite(wordsPerMinute) && wordsPerMinute > 0
      ? wordsPerMinute
      : DEFAULT_WORDS_PER_MINUTE
  // The epsilon keeps float noise (2.0000000000000004) from adding a minute.
  return Math.max(1, Math.ceil(w / wpm + c / CJK_CHARS_PER_MINUTE - 1e-9))
}

/** Reading time as shown to people: "4 min read". */
export function formatReadingTime(minutes: number): string {
  const m = Number.isFinite(minutes) && minutes > 0 ? Math.ceil(minutes) : 0
  return `${m} min read`
}
