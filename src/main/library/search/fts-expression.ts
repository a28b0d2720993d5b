/**
 * A parsed query (see `parseQuery`) written as an FTS5 MATCH expression for the table
 * `fts(title, body, author, tags, source)`.
 *
 * User text never reaches FTS5 raw: every term is re-tokenized with `tokenize` (the same rules
 * as the index, see fts-text.ts) and written as double-quoted strings, so whatever was typed
 * the expression parses, and FTS5 operators typed as words (`AND`, `NEAR`, `^`) stay words.
 *
 * How each term is written:
 * - a plain word of 3+ characters (`kamera`): `("kamera"* OR "videokamera" ...)`, whole word,
 *   words starting with it, and vocabulary words containing it (the substring expander);
 * - a shorter plain word (`ai`): `"ai"`, since a 1–2 letter prefix matches a large share of
 *   the vocabulary and is rarely what was meant;
 * - punctuation or CJK (`node.js`, `e-mail`, `人工智能`): the phrase of its tokens, `"node js"`;
 *   a word that had punctuation is searched as exactly its tokens (`c++` → `"c"`);
 * - a phrase: `"a b"` exactly; a prefix: `"a b"*` (FTS5 makes the last token the prefix).
 */

import { CJK_CHAR, tokenize } from './fts-text'
import type { ParsedQuery, QueryClause, QueryTerm } from './query-parser'

/**
 * Returns the vocabulary words that start with or contain a folded term (other than the term
 * itself), most relevant first; may be empty.
 */
export type SubstringExpander = (foldedTerm: string) => string[]

/** Most expansions used for one word; more would cost more than they find. */
export const MAX_EXPANSIONS = 32

/** Shortest token that gets prefix and substring matching (trigram lookups need 3). */
const MIN_EXPANDED_LENGTH = 3

/** Only letters, digits and marks: a word typed without punctuation. */
const PLAIN_WORD = /^[\p{L}\p{N}\p{M}\p{Co}]+$/u

/** An FTS5 string literal: the only form user text is ever written in. */
function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

/** A piece of expression, and whether it is already one parenthesised group. */
interface Part {
  text: string
  grouped: boolean
}

/**
 * Vocabulary words starting with or containing `token`, at most `MAX_EXPANSIONS`, in the
 * expander's order: the words the expression searches for besides `token`. Each must be one
 * index token (the expander reads a table that could hold anything; a stray quote or space
 * must not reach the expression).
 */
export function expansions(token: string, expand: SubstringExpander | undefined): string[] {
  if (!expand) return []
  const out: string[] = []
  for (const candidate of expand(token)) {
    if (out.length >= MAX_EXPANSIONS) break
    if (typeof candidate !== 'string' || candidate === token) continue
    const tokens = tokenize(candidate)
    if (tokens.length !== 1 || tokens[0] !== candidate || out.includes(candidate)) continue
    out.push(candidate)
  }
  return out
}

/** One term as an expression, or null when it has no token (nothing FTS5 could match). */
function termPart(term: QueryTerm, expand: SubstringExpander | undefined): Part | null {
  const tokens = tokenize(term.text)
  const [first] = tokens
  if (first === undefined) return null
  let part: Part
  const single = tokens.length === 1 && !CJK_CHAR.test(first)
  const plain = PLAIN_WORD.test(term.text.normalize('NFC'))
  if (
    single &&
    plain &&
    term.kind !== 'phrase' &&
    Array.from(first).length >= MIN_EXPANDED_LENGTH
  ) {
    // The word, and the words of the library that start with it or contain it, as exact
    // terms: an FTS5 prefix query ("said"*) merges every term with that prefix in every
    // segment and cost ~40 ms at 100,000 articles, the exact terms a few. A word being typed
    // (kind 'prefix') keeps its substring matches too: otherwise results would lose
    // "Videokamera" while `kamera` is typed and get it back after the space.
    const alternatives = [quote(first), ...expansions(first, expand).map(quote)]
    part =
      alternatives.length === 1
        ? { text: alternatives[0] ?? '', grouped: false }
        : { text: `(${alternatives.join(' OR ')})`, grouped: true }
  } else {
    const star = term.kind === 'prefix' ? '*' : ''
    part = { text: `${quote(tokens.join(' '))}${star}`, grouped: false }
  }
  if (term.field === null) return part
  return { text: `{${term.field}} : ${part.text}`, grouped: false }
}

/** One clause as a parenthesised group, or null when none of its terms has a token. */
function clausePart(clause: QueryClause, expand: SubstringExpander | undefined): string | null {
  const parts: Part[] = []
  for (const term of clause.anyOf) {
    const part = termPart(term, expand)
    if (part) parts.push(part)
  }
  const [only] = parts
  if (only === undefined) return null
  if (parts.length === 1 && only.grouped) return only.text
  return `(${parts.map((p) => p.text).join(' OR ')})`
}

function clauseParts(
  q: ParsedQuery,
  negated: boolean,
  expand: SubstringExpander | undefined,
): string[] {
  const out: string[] = []
  for (const clause of q.clauses) {
    if (clause.negated !== negated) continue
    const part = clausePart(clause, expand)
    if (part !== null) out.push(part)
  }
  return out
}

/** True when the query has text clauses and all of them are negated (`-draft -spoiler`). */
export function hasOnlyNegatives(q: ParsedQuery): boolean {
  return q.clauses.length > 0 && q.clauses.every((c) => c.negated)
}

/**
 * The FTS5 MATCH expression for `q`: clauses joined with AND, negated clauses after one
 * `NOT`. Null when there is nothing positive to match: FTS5 cannot express "everything
 * except", so a query of only negatives is listed by its filters and excluded with
 * `negativesExpression`. `expand` adds substring matches (none when omitted).
 */
export function toFtsExpression(q: ParsedQuery, expand?: SubstringExpander): string | null {
  const positives = clauseParts(q, false, expand)
  if (positives.length === 0) return null
  const expression = positives.join(' AND ')
  const negatives = clauseParts(q, true, expand)
  // One NOT over an OR group, never a chain `A NOT b NOT c`: FTS5 nests a NOT chain one level
  // per operand and rejects trees deeper than 256, while an OR group stays flat.
  if (negatives.length === 0) return expression
  if (negatives.length === 1) return `${expression} NOT ${negatives[0]}`
  return `${expression} NOT (${negatives.join(' OR ')})`
}

/**
 * The negated clauses of `q` as one positive expression (their OR), for excluding rows with
 * `rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)` when the query has no positive
 * clause. Null when nothing is negated.
 */
export function negativesExpression(q: ParsedQuery, expand?: SubstringExpander): string | null {
  const negatives = clauseParts(q, true, expand)
  return negatives.length === 0 ? null : negatives.join(' OR ')
}
