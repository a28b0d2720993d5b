/**
 * The import's second thread: reads, decodes and derives Markdown files (front matter,
 * metadata, the index's text, the vocabulary's words) ahead of the thread that writes them,
 * so the two cores split the work. Started by `ReadAhead` (read-ahead.ts) through
 * derive-worker-boot.mjs; files it cannot finish alone (web pages, documents with image links,
 * anything unexpected) are handed back to the writing thread, which imports them as before.
 */
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { MessagePort } from 'node:worker_threads'
import { type DerivedArticle, deriveArticle } from '../library/derive-article'
import { isHtmlName, isInside } from './collect-files'
import { missingImageWarning, outsideImageWarning } from './image-warnings'
import { decodeText } from './decode-text'
import {
  destinationPaths,
  extensionOf,
  findImageLinks,
  IMAGE_TYPES,
  mayHaveImageLinks,
} from './image-links'
import { MAX_MARKDOWN_BYTES, readSmallFile, TooLarge } from './read-small-file'

/** A file to import and the folder its image links may reach into (see `FoundFile`). */
export interface AheadFile {
  file: string
  root: string
}

/** What the writing thread gives the worker. */
export interface AheadInput {
  files: AheadFile[]
  wordsPerMinute: number
  shared: SharedArrayBuffer
  port: MessagePort
}

/** The worker's answer for one file, in the files' order. */
export type AheadResult =
  | { kind: 'skip'; reason: string }
  /** The writing thread must do this one itself (images to store, a web page, an error). */
  | { kind: 'main' }
  /**
   * The article derived, except that `article.terms` holds only the words no earlier answer
   * of this import gave (most of an article's 500 words are in an earlier one): the writer
   * must add the terms of every derived answer to the vocabulary, stored or not.
   */
  | { kind: 'derived'; article: DerivedArticle; warnings: string[] }

/** Slots of the shared counters. */
export const SLOT = { produced: 0, consumed: 1, stop: 2, failed: 3, ready: 4, from: 5 } as const
/** Results the worker may be ahead of the writer by (bounds the memory held in between). */
export const MAX_AHEAD = 2000
const CHUNK = 16

/** Read and derive one file, as `prepare` in markdown-files.ts would for a plain document. */
export function readAhead(f: AheadFile, wordsPerMinute: number): AheadResult {
  const { file } = f
  if (isHtmlName(file)) return { kind: 'main' }
  let bytes: Buffer
  try {
    bytes = readSmallFile(file)
  } catch (err) {
    if (err instanceof TooLarge) {
      return { kind: 'skip', reason: `larger than ${MAX_MARKDOWN_BYTES / 1048576} MB` }
    }
    // The writing thread reads it again and words the reason itself.
    return { kind: 'main' }
  }
  if (bytes.length === 0) return { kind: 'skip', reason: 'empty file' }
  const decoded = decodeText(bytes)
  if (decoded.reason !== undefined) return { kind: 'skip', reason: decoded.reason }
  const warnings = imageWarnings(f, decoded.text)
  if (warnings === null) return { kind: 'main' }
  return { kind: 'derived', article: deriveArticle(decoded.text, wordsPerMinute), warnings }
}

/**
 * The warnings the import gives for a document's image links when none of them has a file to
 * store (the links are then left as they are), or null when one might: the writing thread then
 * stores it. The same decisions as `storeImage` in markdown-files.ts, without storing anything.
 */
export function imageWarnings(f: AheadFile, text: string): string[] | null {
  if (!mayHaveImageLinks(text)) return []
  const warnings: string[] = []
  for (const link of findImageLinks(text)) {
    const candidates = destinationPaths(link)
    const mime = candidates.length > 0 ? IMAGE_TYPES[extensionOf(candidates[0]!)] : undefined
    if (mime === undefined) continue
    let outside = false
    for (const candidate of candidates) {
      const abs = resolve(dirname(f.file), candidate)
      if (!isInside(f.root, abs)) outside = true
      else if (existsSync(abs)) return null
    }
    warnings.push(outside ? outsideImageWarning(link.raw) : missingImageWarning(link.raw))
  }
  return warnings
}

/**
 * The worker's whole job (derive-worker-boot.mjs calls it with its `workerData`). It says it is
 * ready, is told the first file to do (the writer has done the ones before while this thread
 * was starting), and answers for every file from there on, in order.
 */
export function runAhead({ files, wordsPerMinute, shared, port }: AheadInput): void {
  const counters = new Int32Array(shared)
  Atomics.store(counters, SLOT.ready, 1)
  // `from` holds the first index plus one, so 0 means "not told yet".
  while (Atomics.load(counters, SLOT.from) === 0 && Atomics.load(counters, SLOT.stop) === 0) {
    Atomics.wait(counters, SLOT.from, 0, 100)
  }
  const from = Atomics.load(counters, SLOT.from) - 1
  // Every vocabulary word already given to the writer: it is sent once per import, which saves
  // the cloning of 500 words per article and the writer's looking them up.
  const given = new Set<string>()
  let chunk: AheadResult[] = []
  const flush = () => {
    port.postMessage(chunk)
    Atomics.add(counters, SLOT.produced, chunk.length)
    Atomics.notify(counters, SLOT.produced)
    chunk = []
  }
  for (let i = Math.max(from, 0); i < files.length; i++) {
    if (Atomics.load(counters, SLOT.stop) !== 0) return
    // Wait while the writer is far behind, rather than hold thousands of documents.
    for (;;) {
      const consumed = Atomics.load(counters, SLOT.consumed)
      if (i - from - consumed < MAX_AHEAD || Atomics.load(counters, SLOT.stop) !== 0) break
      Atomics.wait(counters, SLOT.consumed, consumed, 100)
    }
    let result: AheadResult
    try {
      result = readAhead(files[i]!, wordsPerMinute)
    } catch {
      result = { kind: 'main' }
    }
    if (result.kind === 'derived') result.article.terms = newTerms(result.article.terms, given)
    chunk.push(result)
    // Small chunks at first, so the writer has its first answer soon.
    if (chunk.length >= CHUNK || i - from < CHUNK) flush()
  }
  if (chunk.length > 0) flush()
}

/** The terms not in `given`, which are added to it. */
export function newTerms(terms: readonly string[], given: Set<string>): string[] {
  const out: string[] = []
  for (const term of terms) {
    if (given.has(term)) continue
    given.add(term)
    out.push(term)
  }
  return out
}
