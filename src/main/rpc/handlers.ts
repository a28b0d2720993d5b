import type { MethodName, MethodOutput, ParsedInput } from '../../shared/contract'
import { addAsset } from '../library/assets'
import {
  createArticle,
  getArticle,
  getArticleSummary,
  purgeArticle,
  purgeTrash,
  setArticleState,
  trashArticle,
  untrashArticle,
  updateArticle,
} from '../library/articles'
import { listArticles } from '../library/list'
import { setArticleMetadata } from '../library/metadata'
import type { Library } from '../library/open-library'
import { getRevision, listRevisions, restoreRevision } from '../library/revisions'
import { searchArticles } from '../library/search/search'
import { getSettings, updateSettings } from '../library/settings'
import { listTags } from '../library/tags'
import { listFeeds, markFeedRead, removeFeed, resolveFeedId, updateFeed } from '../feeds/store'

// Exporting, clipping and fetching feeds bring in the renderer, highlighting, Readability and
// more: loaded on first use, so the CLI and the app start without them.
const exporting = () => import('../export/export-methods')
const exportJobs = () => import('../export/export-jobs')
const clipping = () => import('../clip/clip-url')
const opml = () => import('../feeds/opml')
const feedService = () => import('../feeds/service')

/** A handler: the library and the validated input, returning the method's output. */
export type Handler<M extends MethodName> = (
  lib: Library,
  input: ParsedInput<M>,
) => MethodOutput<M> | Promise<MethodOutput<M>>

/** The library's implementation of every contract method. */
export type Handlers = { [M in MethodName]: Handler<M> }

/** Every contract method, bound to the library services. */
export const libraryHandlers: Handlers = {
  'articles.create': (lib, { markdown, state }) => createArticle(lib, markdown, { state }),
  'articles.get': (lib, { id }) => getArticle(lib, id),
  'articles.summary': (lib, { id }) => getArticleSummary(lib, id),
  'articles.update': (lib, { id, markdown, baseVersion, reason }) =>
    updateArticle(lib, id, markdown, baseVersion, { reason }),
  'articles.setMetadata': (lib, { id, patch, baseVersion }) =>
    setArticleMetadata(lib, id, patch, baseVersion),
  'articles.setState': (lib, { id, state }) => setArticleState(lib, id, state),
  'articles.delete': (lib, { id }) => trashArticle(lib, id),
  'articles.restore': (lib, { id }) => untrashArticle(lib, id),
  'articles.purge': (lib, { id }) => {
    purgeArticle(lib, id)
    return { purged: 1 }
  },
  'articles.list': (lib, input) => listArticles(lib, input),
  search: (lib, input) => searchArticles(lib, input),
  'tags.list': (lib) => listTags(lib),
  'trash.empty': (lib, { olderThanDays }) => ({ purged: purgeTrash(lib, olderThanDays) }),
  'revisions.list': (lib, { id }) => listRevisions(lib, id),
  'revisions.get': (lib, { id, revisionId }) => getRevision(lib, id, revisionId),
  'revisions.restore': (lib, { id, revisionId, baseVersion }) =>
    restoreRevision(lib, id, revisionId, baseVersion),
  'assets.add': (lib, { dataBase64, mime }) => ({
    path: addAsset(lib, Buffer.from(dataBase64, 'base64'), mime),
  }),
  'settings.get': (lib) => getSettings(lib),
  'settings.update': (lib, { patch }) => updateSettings(lib, patch),
  'clip.url': async (lib, { url, downloadImages, force }) =>
    (await (await clipping()).clipUrl(lib, url, { downloadImages, force })).article,
  'feeds.list': (lib) => listFeeds(lib),
  'feeds.add': async (lib, { url, folder, title, fullText }) =>
    (await feedService()).addFeed(lib, url, { folder, title, fullText }),
  'feeds.update': (lib, { id, ...patch }) => updateFeed(lib, resolveFeedId(lib, id), patch),
  'feeds.remove': (lib, { id, articles }) =>
    removeFeed(lib, resolveFeedId(lib, id), { trashArticles: articles === 'trash' }),
  'feeds.refresh': async (lib, { id }) => (await feedService()).refresh(lib, id ?? null),
  'feeds.markAllRead': (lib, { id }) => ({
    marked: markFeedRead(lib, id === undefined ? null : resolveFeedId(lib, id)),
  }),
  'feeds.importOpml': async (lib, { text }) => (await opml()).importOpml(lib, text),
  'feeds.exportOpml': async (lib) => ({ text: (await opml()).exportOpml(lib) }),
  'export.formats': async () => (await exporting()).exportFormats(),
  'export.file': async (lib, input) => (await exporting()).exportFileBase64(lib, input),
  'export.start': async (lib, input) => (await exportJobs()).startExportJob(lib, input),
  'export.progress': async (lib, { job }) => (await exportJobs()).exportJobStatus(lib, job),
  'export.cancel': async (lib, { job }) => (await exportJobs()).cancelExportJob(lib, job),
  'export.take': async (lib, { job }) => (await exportJobs()).takeExportJobBase64(lib, job),
}
