import { describe, expect, it } from 'vitest'
import {
  CJK_CHARS_PER_MINUTE,
  DEFAULT_WORDS_PER_MINUTE,
  countWords,
  formatReadingTime,
  readingMinutes,
} from '../../../src/shared/document/reading-time'

describe('countWords', () => {
  it.each([
    ['', 0],
    ['one', 1],
    ['  two   words ', 2],
    ["don't stop", 2],
    ['state-of-the-art design', 2],
    ['rock’n’roll', 1],
    ['a - b — c', 3],
    ['3.14 and 1,000 at 10:30', 5],
    ['end.Start', 2],
    ['naïve café, Grüße, мир, Ελληνικά', 5],
    ['e\u0301tude', 1],
    ['emoji 😀 here', 2],
    ["'quoted' -dash- word-", 3],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toEqual({ words, cjkChars: 0 })
  })

  it('counts CJK characters apart from words', () => {
    expect(countWords('日本語のテキストです。Hello world')).toEqual({ words: 2, cjkChars: 10 })
    expect(countWords('한국어 텍스트')).toEqual({ words: 0, cjkChars: 6 })
    expect(countWords('中文abc中文')).toEqual({ words: 1, cjkChars: 4 })
    expect(countWords('𠀀')).toEqual({ words: 0, cjkChars: 1 })
    // Letters shared by the scripts count as CJK; their punctuation does not.
    expect(countWords('コーヒー、人々。')).toEqual({ words: 0, cjkChars: 6 })
  })
})

describe('countWords against its definition', () => {
  // The definition as regular expressions; countWords is a hand-written loop for speed.
  const CJK =
    /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]|(?=\p{L})[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/gu
  const WORD = /[\p{L}\p{N}\p{M}]+(?:(?:['’‐‑-]|(?<=\p{N})[.,:](?=\p{N}))[\p{L}\p{N}\p{M}]+)*/gu
  const reference = (t: string) => ({
    words: (t.replace(CJK, ' ').match(WORD) ?? []).length,
    cjkChars: (t.match(CJK) ?? []).length,
  })

  it('agrees on generated text', () => {
    const atoms = [
      'a',
      'Zz',
      '9',
      ' ',
      '-',
      "'",
      '’',
      '.',
      ',',
      ':',
      '中',
      'か',
      '한',
      'é',
      '\u0301',
      'ー',
      '々',
      '、',
      '😀',
      '𠀀',
      '\n',
      '‐',
      '_',
      'ß',
      'Ω',
      '٣',
      '\ud800',
    ]
    let seed = 11
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    for (let i = 0; i < 3000; i++) {
      let t = ''
      for (let j = rand(12); j >= 0; j--) t += atoms[rand(atoms.length)]
      expect(countWords(t), JSON.stringify(t)).toEqual(reference(t))
    }
  })
})

describe('readingMinutes', () => {
  it('uses 230 words and 500 CJK characters a minute', () => {
    expect(DEFAULT_WORDS_PER_MINUTE).toBe(230)
    expect(CJK_CHARS_PER_MINUTE).toBe(500)
    expect(readingMinutes(230, 0)).toBe(1)
    expect(readingMinutes(231, 0)).toBe(2)
    expect(readingMinutes(920, 0)).toBe(4)
    expect(readingMinutes(0, 1000)).toBe(2)
    expect(readingMinutes(230, 500)).toBe(2)
  })

  it('is at least 1 for any text and 0 for none', () => {
    expect(readingMinutes(1, 0)).toBe(1)
    expect(readingMinutes(0, 1)).toBe(1)
    expect(readingMinutes(0, 0)).toBe(0)
  })

  it('takes a reading speed and ignores a nonsense one', () => {
    expect(readingMinutes(600, 0, 300)).toBe(2)
    expect(readingMinutes(460, 0, 0)).toBe(2)
    expect(readingMinutes(460, 0, Number.NaN)).toBe(2)
  })

  it('is not pushed up a minute by float noise', () => {
    for (let m = 1; m < 50; m++) expect(readingMinutes(230 * m, 0)).toBe(m)
    expect(readingMinutes(115, 250)).toBe(1)
  })
})

describe('formatReadingTime', () => {
  it('says "N min read"', () => {
    expect(formatReadingTime(4)).toBe('4 min read')
    expect(formatReadingTime(1)).toBe('1 min read')
  })
})
