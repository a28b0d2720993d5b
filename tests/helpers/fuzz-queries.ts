/**
 * Random search-box input for fuzz tests of the query parser and the FTS expression: a
 * seeded generator (the same queries every run) over the pieces that matter to the parser and
 * to FTS5's own syntax, mixed with arbitrary code points.
 */

/** A seeded PRNG (mulberry32): numbers in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Characters and words that matter to the parser or to FTS5, and words that are indexed. */
export const PIECES = [
  '"',
  '"',
  '(',
  ')',
  ':',
  '*',
  '-',
  ' ',
  ' ',
  '\t',
  '\n',
  '\0',
  '\u0007',
  '\u200b',
  'OR',
  'or',
  'AND',
  'NOT',
  'NEAR',
  'NEAR(',
  '^',
  '+',
  '{',
  '}',
  '{title}',
  'tag:',
  'is:',
  'before:',
  'after:',
  'title:',
  'author:',
  'source:',
  'feed:',
  'body:',
  '2024',
  '-05',
  'cat',
  'kamera',
  'é',
  'e\u0301',
  '\u0300',
  '人工智能',
  '東京',
  'ß',
  'İ',
  '😀',
  '\ud800',
  '\udc00',
  "'",
  '.',
  ',',
  '—',
  '\\',
  '""',
]

/**
 * A random query of up to `maxPieces` pieces, 80% from `pieces` (default PIECES; tests add
 * the words their library holds), the rest any code point.
 */
export function randomQuery(next: () => number, maxPieces = 24, pieces = PIECES): string {
  let s = ''
  const n = Math.floor(next() * maxPieces)
  for (let i = 0; i < n; i++) {
    s +=
      next() < 0.8
        ? (pieces[Math.floor(next() * pieces.length)] ?? '')
        : String.fromCharCode(Math.floor(next() * 0x10000))
  }
  return s
}
