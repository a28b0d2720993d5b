import { z } from 'zod'
import {
  type Article,
  type ArticleSummary,
  type Feed,
  type FeedRefreshResult,
  IS_FILTERS,
  type Page,
  type Revision,
  type RevisionSummary,
  type SearchHit,
  type TagCount,
} from './model'
import { METHOD_NAMES, type MethodName } from './methods'
import { SETTINGS_PATCH_SCHEMA, type Settings } from './settings'

/**
 * The one contract between the UI (and the CLI) and the library: every method's name, the
 * schema its input must pass, and its output type. The RPC router, the Electron preload, the
 * HTTP transport and the renderer's client are all derived from this object, so they cannot
 * drift. Later features add methods here; nothing goes around it.
 */

/** A method: its input schema and (as a type only) its output. */
export interface MethodDef<I extends z.ZodType, O> {
  input: I
  /** Never set at run time; carries the output type. */
  output?: O
}

function method<O>() {
  return <I extends z.ZodType>(input: I): MethodDef<I, O> => ({ input })
}

const id = z
  .string()
  .min(1)
  .max(64)
  .describe('an article id, or an unambiguous prefix of at least 4 characters')
const version = z.number().int().positive()
/** Longest document, in UTF-16 code units (JavaScript string length): 20 Mi characters. */
export const MAX_MARKDOWN_CHARS = 20 * 1024 * 1024
/** Documents up to 20 Mi characters: far past any article, small enough to keep a typo'd paste from filling memory. */
const markdown = z.string().max(MAX_MARKDOWN_CHARS)
const status = z.enum(['draft', 'ready', 'published'])
const isFilter = z.enum(IS_FILTERS)
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')

const statePatch = z
  .object({
    status: status.optional(),
    read: z.boolean().optional(),
    starred: z.boolean().optional(),
    archived: z.boolean().optional(),
    progress: z.number().min(0).max(1).optional(),
  })
  .strict()

const metadataPatch = z
  .object({
    title: z.string().max(1000).nullable().optional(),
    authors: z.array(z.string().max(500)).max(100).nullable().optional(),
    publishedAt: z.string().max(40).nullable().optional(),
    tags: z.array(z.string().min(1).max(200)).max(500).nullable().optional(),
    summary: z.string().max(10_000).nullable().optional(),
    sourceName: z.string().max(500).nullable().optional(),
    sourceUrl: z
      .url({ protocol: /^https?$/ })
      .max(4000)
      .nullable()
      .optional(),
    featuredImage: z.string().max(4000).nullable().optional(),
    language: z.string().max(35).nullable().optional(),
  })
  .strict()

const filter = z
  .object({
    tags: z.array(z.string().max(200)).max(20).optional(),
    excludedTags: z.array(z.string().max(200)).max(20).optional(),
    feeds: z.array(z.string().max(500)).max(20).optional(),
    is: z.array(isFilter).max(8).optional(),
    isNot: z.array(isFilter).max(8).optional(),
    before: isoDay.nullable().optional(),
    after: isoDay.nullable().optional(),
  })
  .strict()

const cursor = z.string().max(2000).nullable().optional()

const feedId = z.string().min(1).max(4000).describe('a feed id, or the URL it is followed at')
const feedFolder = z.array(z.string().min(1).max(200)).max(10)

/** Formats Broadsheet writes itself (none needs Pandoc). */
export const EXPORT_FORMATS = ['md', 'html', 'pdf', 'epub', 'docx', 'json'] as const
/** Formats offered only where Pandoc is installed. */
export const PANDOC_FORMATS = ['odt', 'rtf', 'latex'] as const

/** What an export takes and how (see src/main/export): ids, a tag, a search, or everything. */
export const EXPORT_REQUEST = z
  .object({
    scope: z
      .object({
        ids: z.array(id).max(100_000).optional(),
        tag: z.string().min(1).max(200).optional(),
        query: z.string().min(1).max(10_000).optional(),
        all: z.boolean().optional(),
      })
      .strict(),
    format: z.enum([...EXPORT_FORMATS, ...PANDOC_FORMATS]),
    options: z
      .object({
        combine: z.boolean().optional(),
        pageSize: z.enum(['A4', 'Letter']).optional(),
        frontMatter: z.boolean().optional(),
        title: z.string().min(1).max(500).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()

/** Names a running or finished export (`export.start` gives it). */
export const EXPORT_JOB = z
  .object({ job: z.string().regex(/^[0-9a-f]{32}$/, 'an export job id') })
  .strict()

/** Where an export started with `export.start` is (`export.progress`). */
export interface ExportJobStatus {
  state: 'running' | 'done' | 'failed' | 'cancelled'
  /** Steps done of `total`: articles, or printed PDFs for PDF export. */
  done: number
  total: number
  /** What is under way: an article's title, or a step such as "Printing the PDF". */
  current: string | null
  /** Once done: the file's name (a `.zip` when the export made several files). */
  name: string | null
  /** Once failed: why, in one sentence. */
  error: string | null
  /** Problems that did not stop the export (an image missing from the library). */
  warnings: string[]
}

/** Everything the UI and the CLI can ask of the library. */
export const contract = {
  'articles.create': method<Article>()(
    z.object({ markdown, state: statePatch.optional() }).strict(),
  ),
  'articles.get': method<Article>()(z.object({ id }).strict()),
  /**
   * An article without its document: its version, state and metadata. For a window checking
   * whether a change it heard of is its own save: a 1 MB document took the page 50 ms to
   * receive, in the middle of typing.
   */
  'articles.summary': method<ArticleSummary>()(z.object({ id }).strict()),
  /**
   * Replace the document. `reason: 'restore'` marks text chosen over another version (a
   * conflict resolved as "keep mine"): the text it replaces is then always kept as a revision,
   * never coalesced with recent typing.
   */
  'articles.update': method<Article>()(
    z
      .object({
        id,
        markdown,
        baseVersion: version,
        reason: z.enum(['edit', 'restore']).optional(),
      })
      .strict(),
  ),
  'articles.setMetadata': method<Article>()(
    z.object({ id, patch: metadataPatch, baseVersion: version.optional() }).strict(),
  ),
  'articles.setState': method<Article>()(z.object({ id, state: statePatch }).strict()),
  /** Move to the trash (restorable for 30 days). */
  'articles.delete': method<Article>()(z.object({ id }).strict()),
  /** Take out of the trash. */
  'articles.restore': method<Article>()(z.object({ id }).strict()),
  /** Delete for good an article that is in the trash. */
  'articles.purge': method<{ purged: number }>()(z.object({ id }).strict()),
  'articles.list': method<Page<ArticleSummary>>()(
    z
      .object({
        filter: filter.optional(),
        sort: z.enum(['updated', 'created', 'published', 'title', 'reading']).optional(),
        reverse: z.boolean().optional(),
        limit: z.number().int().min(1).max(500).optional(),
        cursor,
      })
      .strict(),
  ),
  search: method<Page<SearchHit> & { warnings: string[] }>()(
    z
      .object({
        query: z.string().max(10_000),
        filter: filter.optional(),
        limit: z.number().int().min(1).max(200).optional(),
        cursor,
        prefixLastWord: z.boolean().optional(),
      })
      .strict(),
  ),
  'tags.list': method<TagCount[]>()(z.object({}).strict()),
  /** Purge trashed articles older than `olderThanDays` (default 30; 0 empties the trash). */
  'trash.empty': method<{ purged: number }>()(
    z.object({ olderThanDays: z.number().min(0).max(36500).optional() }).strict(),
  ),
  'revisions.list': method<RevisionSummary[]>()(z.object({ id }).strict()),
  'revisions.get': method<Revision>()(
    z.object({ id, revisionId: z.number().int().positive() }).strict(),
  ),
  /** Make a revision current again; the replaced text is kept as a revision (undoable). */
  'revisions.restore': method<Article>()(
    z
      .object({ id, revisionId: z.number().int().positive(), baseVersion: version.optional() })
      .strict(),
  ),
  /** Store an image (base64) once by content hash; returns the relative link `assets/<sha256>.<ext>`. */
  'assets.add': method<{ path: string }>()(
    z
      .object({
        dataBase64: z.string().min(1).max(140_000_000),
        mime: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'use a media type such as image/png'),
      })
      .strict(),
  ),
  /** Save the web page at `url` as an unread article (images downloaded unless false). */
  'clip.url': method<Article>()(
    z
      .object({
        url: z.string().min(1).max(4000),
        downloadImages: z.boolean().optional(),
        force: z.boolean().optional(),
      })
      .strict(),
  ),
  'settings.get': method<Settings>()(z.object({}).strict()),
  'settings.update': method<Settings>()(z.object({ patch: SETTINGS_PATCH_SCHEMA }).strict()),
  /** Every followed feed with unread counts and error state. */
  'feeds.list': method<Feed[]>()(z.object({}).strict()),
  /** Follow a feed by its URL or a site's (its announced feed); imports the items at once. */
  'feeds.add': method<{ feed: Feed; refresh: FeedRefreshResult }>()(
    z
      .object({
        url: z.string().min(1).max(4000),
        folder: feedFolder.optional(),
        title: z.string().max(500).nullable().optional(),
        fullText: z.boolean().optional(),
      })
      .strict(),
  ),
  /**
   * Rename (`title: null` restores the feed's own), move to a folder, change the interval, or
   * fetch each item's page for its full text.
   */
  'feeds.update': method<Feed>()(
    z
      .object({
        id: feedId,
        title: z.string().max(500).nullable().optional(),
        folder: feedFolder.optional(),
        intervalMinutes: z.number().int().min(5).max(10_080).optional(),
        fullText: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Unfollow; its articles are kept (default) or moved to the trash. */
  'feeds.remove': method<{ removed: number; trashed: number }>()(
    z.object({ id: feedId, articles: z.enum(['keep', 'trash']).optional() }).strict(),
  ),
  /** Fetch one feed now, or every feed (a few at a time) when no id is given. */
  'feeds.refresh': method<FeedRefreshResult[]>()(z.object({ id: feedId.optional() }).strict()),
  /** Mark every article of a feed (or of all feeds) read. */
  'feeds.markAllRead': method<{ marked: number }>()(z.object({ id: feedId.optional() }).strict()),
  /** Follow every feed in an OPML document (folders kept); they are fetched on the next refresh. */
  'feeds.importOpml': method<{ added: Feed[]; skipped: { url: string; reason: string }[] }>()(
    z.object({ text: z.string().max(10 * 1024 * 1024) }).strict(),
  ),
  /** Every feed as an OPML 2.0 document. */
  'feeds.exportOpml': method<{ text: string }>()(z.object({}).strict()),
  /** Export formats available here (Pandoc's only where installed; PDF where Chromium is). */
  'export.formats': method<{ formats: string[]; pdf: boolean }>()(z.object({}).strict()),
  /**
   * Export to one file returned in the answer (several files come as a .zip). Browser mode
   * downloads through `GET /export` instead, which streams the file.
   */
  'export.file': method<{ name: string; mime: string; dataBase64: string }>()(EXPORT_REQUEST),
  /**
   * Start an export that runs while the caller polls `export.progress`, may `export.cancel`
   * it, and collects the file with `export.take` (browser mode: `GET /export?job=ID`). The
   * articles are chosen at once, so a wrong id or an empty choice fails here.
   */
  'export.start': method<{ job: string; total: number }>()(EXPORT_REQUEST),
  /** How far an export has got. */
  'export.progress': method<ExportJobStatus>()(EXPORT_JOB),
  /** Stop an export between two articles; false when it had already ended. */
  'export.cancel': method<{ cancelled: boolean }>()(EXPORT_JOB),
  /** A finished export's file (then forgotten), as `export.file` returns it. */
  'export.take': method<{ name: string; mime: string; dataBase64: string; warnings: string[] }>()(
    EXPORT_JOB,
  ),
} as const satisfies Record<MethodName, MethodDef<z.ZodType, unknown>>

/** The contract's type. */
export type Contract = typeof contract
/** What a method accepts (before defaults are applied). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
/** What a method accepts after validation. */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
/** What a method returns. */
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['output']>

export { METHOD_NAMES, type MethodName }

/** The typed client every door exposes: one async function per method. */
export type Api = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> }

/** The outcome of one call as it crosses a transport. */
export type RpcResult<T = unknown> =
  { ok: true; value: T } | { ok: false; error: import('./errors').ErrorPayload }
