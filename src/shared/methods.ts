/**
 * The contract's method names, in a module with no dependencies: the sandboxed Electron
 * preload can only bundle small plain code, and it needs nothing but these names.
 * contract.ts checks that its methods are exactly these.
 */
export const METHOD_NAMES = [
  'articles.create',
  'articles.get',
  'articles.summary',
  'articles.update',
  'articles.setMetadata',
  'articles.setState',
  'articles.delete',
  'articles.restore',
  'articles.purge',
  'articles.list',
  'search',
  'tags.list',
  'trash.empty',
  'revisions.list',
  'revisions.get',
  'revisions.restore',
  'assets.add',
  'clip.url',
  'settings.get',
  'settings.update',
  'feeds.list',
  'feeds.add',
  'feeds.update',
  'feeds.remove',
  'feeds.refresh',
  'feeds.markAllRead',
  'feeds.importOpml',
  'feeds.exportOpml',
  'export.formats',
  'export.file',
  'export.start',
  'export.progress',
  'export.cancel',
  'export.take',
] as const

/** A method name. */
export type MethodName = (typeof METHOD_NAMES)[number]
