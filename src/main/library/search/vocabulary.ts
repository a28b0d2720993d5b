import type { Library } from '../open-library'
import { stmt } from '../statements'
import { VOCAB_MIN_LENGTH, vocabularyTerms } from './fts-text'

/**
 * The substring vocabulary: every distinct word of the library, with a trigram index over the
 * words (not over whole bodies). `kamera` is looked up here, finds "videokamera", and the main
 * index is then asked for that word. A trigram index of every body would cost three times the
 * import time and disk (see docs/architecture.md); the vocabulary is a few MB.
 *
 * Words are only ever added: a word no article uses any more just expands to nothing.
 */

/** Add the words of indexed (segmented) text to the vocabulary. Call inside the write's transaction. */
export function addToVocabulary(lib: Library, segmentedText: string): void {
  addTermsToVocabulary(lib, vocabularyTerms(segmentedText))
}

/**
 * Add terms (as `vocabularyTerms` gives them) to the vocabulary. Call inside the write's
 * transaction. An import gathers a whole batch's terms and adds them once: sorted, the
 * inserts into the term index land next to each other, and the trigram index is fed in one
 * statement.
 *
 * Terms are looked up in and added to `lib.knownTerms`, the words this connection knows are
 * stored, unless `remember` is false: an import's read-ahead worker already gives each word
 * once per import, and remembering a million words would only cost memory.
 */
export function addTermsToVocabulary(lib: Library, terms: Iterable<string>, remember = true): void {
  const fresh: string[] = []
  if (remember) {
    for (const term of terms) {
      if (!lib.knownTerms.has(term)) fresh.push(term)
    }
  } else {
    fresh.push(...terms)
  }
  if (fresh.length === 0) return
  fresh.sort()
  // Words are never deleted, so every row added now has an id above the current largest.
  const before = stmt<[], { id: number | null }>(
    lib.db,
    'SELECT max(id) AS id FROM vocabulary',
  ).get()!
  const insertTerm = stmt(lib.db, 'INSERT OR IGNORE INTO vocabulary (term) VALUES (?)')
  for (const term of fresh) {
    insertTerm.run(term)
    if (remember) lib.knownTerms.add(term)
  }
  stmt(
    lib.db,
    `INSERT INTO vocabulary_trigrams (rowid, term) SELECT id, term FROM vocabulary WHERE id > ?`,
  ).run(before.id ?? 0)
}

/**
 * Words of the library that start with `foldedTerm` (at least 3 characters), then words that
 * contain it, each group shortest first: the closest relatives of what was typed.
 * fts-expression.ts caps how many are used.
 */
export function expandWord(lib: Library, foldedTerm: string): string[] {
  if (foldedTerm.length < 3) return []
  // Words starting with the term, from the vocabulary's own index (a range scan).
  const prefixed = stmt<[string, string], { term: string }>(
    lib.db,
    'SELECT term FROM vocabulary WHERE term > ? AND term < ? LIMIT 2000',
  )
    .all(foldedTerm, `${foldedTerm}\u{10FFFF}`)
    .map((r) => r.term)
  // Words containing it elsewhere, from the trigram index.
  const containing = stmt<[string], { term: string }>(
    lib.db,
    `SELECT v.term FROM vocabulary_trigrams t JOIN vocabulary v ON v.id = t.rowid
     WHERE vocabulary_trigrams MATCH ? LIMIT 400`,
  )
    .all(`"${foldedTerm.replaceAll('"', '""')}"`)
    .map((r) => r.term)
    .filter((t) => t.length >= VOCAB_MIN_LENGTH && !t.startsWith(foldedTerm))
  return [...shortestFirst(prefixed), ...shortestFirst(containing)]
}

function shortestFirst(terms: string[]): string[] {
  return terms.sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
}
