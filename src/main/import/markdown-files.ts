/**
 * Importing Markdown files and folders into the library. Each document is stored as the file's
 * text, byte for byte, except that relative image links are pointed at the library's copy of
 * the image. Files that cannot be imported are reported with a reason; the rest go in.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { findByContent, insertDerivedArticle } from '../library/articles'
import { type DerivedArticle, deriveArticle } from '../library/derive-article'
import { readingSpeed } from '../library/settings'
import { addTermsToVocabulary } from '../library/search/vocabulary'
import { addAsset } from '../library/assets'
import type { Library } from '../library/open-library'
import { htmlFileDocument } from '../clip/import-html-file'
import { BroadsheetError } from '../../shared/errors'
import { collectFiles, type FoundFile, isHtmlName, isInside } from './collect-files'
import { decodeText } from './decode-text'
import { missingImageWarning, outsideImageWarning } from './image-warnings'
import { ReadAhead } from './read-ahead'
import { MAX_MARKDOWN_BYTES, readSmallFile, TooLarge } from './read-small-file'
import {
  destinationPaths,
  extensionOf,
  findImageLinks,
  IMAGE_TYPES,
  mayHaveImageLinks,
} from './image-links'

/** What an import did, file by file. */
export interface ImportReport {
  /** How many articles were created (`ids.length`). */
  imported: number
  /** Public ids of the new articles, in import order. */
  ids: string[]
  /** Paths not imported, with the reason (missing, not text, duplicate, …). */
  skipped: { path: string; reason: string }[]
  /** Problems in files that were imported anyway (broken front matter, missing images). */
  warnings: { path: string; message: string }[]
}

/** Options for `importPaths`. */
export interface ImportOptions {
  /**
   * Called with files done and total, at the start, about every 100 ms, and at the end.
   * It runs inside the batch's transaction, so it must not throw or touch the library.
   */
  onProgress?: (done: number, total: number) => void
  /**
   * Wait for the read-ahead worker (large imports) to start before the first file, so that it
   * derives every file. For tests: normally this thread does files while the worker starts.
   */
  waitForReadAhead?: boolean
}

/** Files stored per transaction: one commit (and one fsync) per batch, not per file. */
export const IMPORT_BATCH_SIZE = 500
/** Characters of text held in memory per batch at most (a batch of huge files is cut short). */
export const IMPORT_BATCH_CHARS = 64 * 1024 * 1024
export { MAX_MARKDOWN_BYTES } from './read-small-file'

const PROGRESS_INTERVAL_MS = 100

/** A file read, decoded and with its images stored, waiting to be inserted. */
interface Prepared {
  display: string
  text: string
  warnings: string[]
  /** The article derived from `text`, when the read-ahead worker already did it. */
  derived?: DerivedArticle
}

type Skipped = ImportReport['skipped'][number]

/** What one import remembers across files. */
interface ImportContext {
  lib: Library
  /** Image file → its asset link, or the warning it produced (each image is read once). */
  images: Map<string, { link: string } | { warning: string }>
  /** Real paths of the roots (resolved once per root, for the symlink-escape check). */
  realRoots: Map<string, string>
}

/**
 * Import Markdown files (`.md`, `.markdown`, `.txt`), saved web pages (`.html`, `.htm`) and
 * folders of them into `lib`.
 * Every file is either imported whole or listed in `skipped` with a reason; one bad file never
 * stops the others. Exact duplicates of documents already in the library are skipped.
 */
export function importPaths(
  lib: Library,
  paths: string[],
  options: ImportOptions = {},
): ImportReport {
  const { files, skipped } = collectFiles(paths)
  const report: ImportReport = { imported: 0, ids: [], skipped, warnings: [] }
  const ctx: ImportContext = { lib, images: new Map(), realRoots: new Map() }
  const total = files.length
  const progress = throttle(options.onProgress, total)
  progress(0)
  const speed = readingSpeed(lib)
  // A large import reads and derives on a second thread while this one writes.
  const ahead = ReadAhead.start(files, speed)
  if (options.waitForReadAhead) ahead?.waitUntilReady()
  try {
    importFiles(ctx, files, ahead, report, progress)
  } finally {
    ahead?.close()
  }
  report.imported = report.ids.length
  progress(total, true)
  return report
}

function importFiles(
  ctx: ImportContext,
  files: FoundFile[],
  ahead: ReadAhead | null,
  report: ImportReport,
  progress: (done: number) => void,
): void {
  const { lib } = ctx
  const total = files.length
  // Vocabulary words of the worker's answers in batches that failed to store (see storeBatch).
  const carried = new Set<string>()
  for (let at = 0; at < total;) {
    const start = at
    const ready: Prepared[] = []
    const failed: Skipped[] = []
    let chars = 0
    try {
      // Assets go to disk (and their rows commit) before the articles' transaction, so an
      // image never depends on an article that failed; an unreferenced one is collected later.
      lib.db.transaction(() => {
        while (at < total && at - start < IMPORT_BATCH_SIZE && chars < IMPORT_BATCH_CHARS) {
          const p = prepareNext(ctx, files, at++, ahead)
          if ('reason' in p) failed.push(p)
          else {
            ready.push(p)
            chars += p.text.length
          }
        }
      })()
    } catch (err) {
      // Only the commit of the asset rows can fail here (disk full, locked): the articles
      // would still find their images on disk, but their storing would fail the same way.
      const reason = `could not be imported (${errorMessage(err)})`
      for (const p of ready) failed.push({ path: p.display, reason })
      ready.length = 0
    }
    report.skipped.push(...failed)
    const done = at - ready.length
    storeBatch(lib, ready, report, carried, (n) => progress(done + n))
  }
}

/** The next file, from the read-ahead worker when it could do it alone, else read here. */
function prepareNext(
  ctx: ImportContext,
  files: FoundFile[],
  index: number,
  ahead: ReadAhead | null,
): Prepared | Skipped {
  const f = files[index]!
  // Exactly one take per file, in order: the worker answers for the files in the same order.
  const r = ahead?.take(index) ?? null
  if (r?.kind === 'skip') return { path: f.display, reason: r.reason }
  if (r?.kind === 'derived') {
    return {
      display: f.display,
      text: r.article.markdown,
      warnings: r.warnings,
      derived: r.article,
    }
  }
  return prepareSafely(ctx, f)
}

function prepareSafely(ctx: ImportContext, f: FoundFile): Prepared | Skipped {
  try {
    return prepare(ctx, f)
  } catch (err) {
    // Unexpected (the expected failures are reasons already): still only this file is lost.
    return { path: f.display, reason: `could not be imported (${errorMessage(err)})` }
  }
}

/** Read, check and decode one file, and store the images it links to. */
function prepare(ctx: ImportContext, f: FoundFile): Prepared | Skipped {
  let bytes: Buffer
  try {
    bytes = readSmallFile(f.file)
  } catch (err) {
    if (err instanceof TooLarge) {
      return { path: f.display, reason: `larger than ${MAX_MARKDOWN_BYTES / 1048576} MB` }
    }
    return { path: f.display, reason: `cannot be read (${errorCode(err)})` }
  }
  if (bytes.length === 0) return { path: f.display, reason: 'empty file' }
  if (isHtmlName(f.file)) return prepareHtml(ctx, f, bytes)
  const decoded = decodeText(bytes)
  if (decoded.reason !== undefined) return { path: f.display, reason: decoded.reason }
  const warnings: string[] = []
  const text = mayHaveImageLinks(decoded.text)
    ? rewriteImages(ctx, f, decoded.text, warnings)
    : decoded.text
  return { display: f.display, text, warnings }
}

/** A saved web page: its article extracted as Markdown (see src/main/clip/import-html-file.ts). */
function prepareHtml(ctx: ImportContext, f: FoundFile, bytes: Buffer): Prepared | Skipped {
  try {
    const doc = htmlFileDocument(ctx.lib, f.file, bytes, f.root)
    return { display: f.display, text: doc.markdown, warnings: doc.warnings }
  } catch (err) {
    // "does not look like an article" and the like: that page is skipped, with the reason.
    if (err instanceof BroadsheetError) return { path: f.display, reason: err.message }
    throw err
  }
}

/** What storing one batch produced; it reaches the report only once the batch commits. */
interface BatchResult {
  ids: string[]
  skipped: Skipped[]
  warnings: ImportReport['warnings']
}

/** Thrown out of a batch's transaction to roll it back when one file fails to store. */
class FileFailed extends Error {}

/**
 * Insert prepared documents in one transaction. A savepoint per file would let a failing file
 * roll back alone, but it copies every page each file touches (about 15% of the import's
 * time), and failures are rare: so the batch runs without, and when a file fails the whole
 * batch is rolled back and stored again with a savepoint per file.
 *
 * The read-ahead worker gives each vocabulary word once per import (see `AheadResult`), so a
 * later article may count on a word given with an earlier one: the words of every file the
 * worker derived go to the vocabulary, stored or not (an unused word only expands to nothing),
 * and those of a batch that fails altogether are `carried` into the next.
 */
function storeBatch(
  lib: Library,
  ready: Prepared[],
  report: ImportReport,
  carried: Set<string>,
  progress: (n: number) => void,
): void {
  let result: BatchResult
  try {
    try {
      result = runBatch(lib, ready, carried, progress, false)
    } catch (err) {
      if (!(err instanceof FileFailed)) throw err
      // The vocabulary cache may name words whose rows were just rolled back.
      lib.knownTerms.clear()
      result = runBatch(lib, ready, carried, progress, true)
    }
  } catch (err) {
    lib.knownTerms.clear()
    for (const p of ready) if (p.derived) for (const t of p.derived.terms) carried.add(t)
    const reason = `could not be stored (${errorMessage(err)})`
    for (const p of ready) report.skipped.push({ path: p.display, reason })
    return
  }
  carried.clear()
  report.ids.push(...result.ids)
  report.skipped.push(...result.skipped)
  report.warnings.push(...result.warnings)
}

/** One transaction over the batch; with `careful`, each file in a savepoint of its own. */
function runBatch(
  lib: Library,
  ready: Prepared[],
  carried: Set<string>,
  progress: (n: number) => void,
  careful: boolean,
): BatchResult {
  const result: BatchResult = { ids: [], skipped: [], warnings: [] }
  const speed = readingSpeed(lib)
  // The batch's words go to the vocabulary together, at the end (see addTermsToVocabulary);
  // when storing carefully, each file's with the file, so a failure there is that file's alone.
  // Words of files derived here are checked against the words known; the worker's are new.
  const terms = new Set<string>()
  const given = new Set<string>(carried)
  const insert = (p: Prepared): [uid: string, frontMatterError: string | null] => {
    const d = p.derived ?? deriveArticle(p.text, speed)
    const { uid } = insertDerivedArticle(lib, d)
    const remember = p.derived === undefined
    if (careful) addTermsToVocabulary(lib, d.terms, remember)
    else for (const t of d.terms) (remember ? terms : given).add(t)
    return [uid, d.columns.front_matter_error]
  }
  // better-sqlite3 turns a transaction function called inside a transaction into a savepoint.
  const insertInSavepoint = lib.db.transaction(insert)
  /** The worker's words of a file not stored, which later files may count on. */
  const keepWords = (p: Prepared): void => {
    if (!p.derived) return
    if (careful) addWordsCarefully(lib, p.derived.terms)
    else for (const t of p.derived.terms) given.add(t)
  }
  lib.db.transaction(() => {
    if (careful) addWordsCarefully(lib, carried)
    ready.forEach((p, i) => {
      progress(i)
      // Earlier files of this import are visible here too, so repeats within it are caught.
      const existing = findByContent(lib, p.text, p.derived?.columns.content_hash)
      if (existing !== null) {
        result.skipped.push({ path: p.display, reason: `already in the library as ${existing}` })
        keepWords(p)
        return
      }
      let uid: string
      let frontMatterError: string | null
      try {
        ;[uid, frontMatterError] = careful ? insertInSavepoint(p) : insert(p)
      } catch (err) {
        if (!careful) throw new FileFailed(errorMessage(err))
        // SQLite rolls the whole transaction back on some errors (disk full, I/O): then
        // nothing of this batch is stored, and carrying on would write outside it.
        if (!lib.db.inTransaction) throw err
        lib.knownTerms.clear()
        result.skipped.push({
          path: p.display,
          reason: `could not be stored (${errorMessage(err)})`,
        })
        keepWords(p)
        return
      }
      result.ids.push(uid)
      for (const message of p.warnings) result.warnings.push({ path: p.display, message })
      // The message already says that the text was kept and what to fix.
      if (frontMatterError !== null) {
        result.warnings.push({ path: p.display, message: frontMatterError })
      }
    })
    if (careful) return
    try {
      addTermsToVocabulary(lib, terms)
      addTermsToVocabulary(lib, given, false)
    } catch (err) {
      // Which file's word failed is not known here: store the batch again, file by file.
      throw new FileFailed(errorMessage(err))
    }
  })()
  progress(ready.length)
  return result
}

/**
 * Add words from the worker to the vocabulary inside the batch's transaction, skipping any
 * the vocabulary refuses (one such word may be why a file failed) rather than losing the rest.
 */
function addWordsCarefully(lib: Library, terms: Iterable<string>): void {
  const words = [...terms]
  if (attempt(lib, () => addTermsToVocabulary(lib, words, false))) return
  for (const word of words) attempt(lib, () => addTermsToVocabulary(lib, [word], false))
}

/**
 * Run `fn` in a savepoint of the current transaction; if it fails, carry on without what it
 * did (unless SQLite rolled the whole transaction back, which fails the batch). True if it ran.
 */
function attempt(lib: Library, fn: () => void): boolean {
  try {
    lib.db.transaction(fn)()
    return true
  } catch (err) {
    if (!lib.db.inTransaction) throw err
    return false
  }
}

// ---------------------------------------------------------------------------------------------
// Images

/** Replace the destinations of relative image links with the links of stored assets. */
function rewriteImages(ctx: ImportContext, f: FoundFile, text: string, warnings: string[]): string {
  const links = findImageLinks(text)
  let out = ''
  let last = 0
  for (const link of links) {
    const stored = storeImage(ctx, f, destinationPaths(link), link.raw)
    if (stored === null) continue
    if ('warning' in stored) {
      warnings.push(stored.warning)
      continue
    }
    out += text.slice(last, link.start) + stored.link
    last = link.end
  }
  return last === 0 ? text : out + text.slice(last)
}

/**
 * The asset link for an image a document links to, a warning when it cannot be stored, or
 * null when the link is not a local image at all (URLs, non-image files: left silently).
 */
function storeImage(
  ctx: ImportContext,
  f: FoundFile,
  candidates: string[],
  raw: string,
): { link: string } | { warning: string } | null {
  const mime = candidates.length > 0 ? IMAGE_TYPES[extensionOf(candidates[0]!)] : undefined
  if (mime === undefined) return null
  let outside = false
  for (const candidate of candidates) {
    const abs = resolve(dirname(f.file), candidate)
    if (!isInside(f.root, abs)) {
      outside = true
      continue
    }
    const known = ctx.images.get(abs)
    if (known) return known
    const result = readImage(ctx, f.root, abs, mime, raw)
    if (result === null) continue
    ctx.images.set(abs, result)
    return result
  }
  return { warning: outside ? outsideImageWarning(raw) : missingImageWarning(raw) }
}

/** Store one image file as an asset; null when there is no such file. */
function readImage(
  ctx: ImportContext,
  root: string,
  abs: string,
  mime: string,
  raw: string,
): { link: string } | { warning: string } | null {
  let real: string
  try {
    real = realpathSync(abs)
    if (!statSync(real).isFile()) return null
  } catch {
    return null
  }
  let realRoot = ctx.realRoots.get(root)
  if (realRoot === undefined) {
    realRoot = realpathSync(root)
    ctx.realRoots.set(root, realRoot)
  }
  // A symlink inside the folder must not smuggle in a file from elsewhere.
  if (!isInside(realRoot, real)) {
    return {
      warning: `image "${raw}" is a symbolic link to outside the imported folder; its link was left as it is`,
    }
  }
  try {
    return { link: addAsset(ctx.lib, readFileSync(real), mime) }
  } catch (err) {
    return {
      warning: `image "${raw}" was not stored (${errorMessage(err)}); its link was left as it is`,
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Progress reporting at most every `PROGRESS_INTERVAL_MS`, never backwards, always at the end. */
function throttle(
  onProgress: ImportOptions['onProgress'],
  total: number,
): (done: number, force?: boolean) => void {
  if (!onProgress) return () => {}
  let lastAt = -Infinity
  let lastDone = -1
  return (done, force = false) => {
    const now = performance.now()
    // A batch stored a second time (see storeBatch) must not move the bar backwards.
    if (done <= lastDone || (!force && done !== 0 && now - lastAt < PROGRESS_INTERVAL_MS)) return
    lastAt = now
    lastDone = done
    onProgress(done, total)
  }
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? errorMessage(err)
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
