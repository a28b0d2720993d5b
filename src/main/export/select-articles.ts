/**
 * Which articles an export takes: ids named by the person, a tag, a search, or everything.
 * Each part adds to the selection (ids first, in the order given); an article is taken once.
 */
import { BroadsheetError } from '../../shared/errors'
import type { Article } from '../../shared/model'
import { getArticle } from '../library/articles'
import { listArticles } from '../library/list'
import type { Library } from '../library/open-library'
import { searchArticles } from '../library/search/search'

/** What to export; at least one field must choose something. */
export interface ExportScope {
  /** Article ids (or unambiguous prefixes), exported in this order. */
  ids?: string[]
  /** Every article with this tag, oldest published first (a collection reads like a book). */
  tag?: string
  /** Every match of a search, best first (the same query language as `broadsheet search`). */
  query?: string
  /** Every article not in the trash, oldest published first. */
  all?: boolean
}

/** True when the scope chooses something. */
export function hasScope(scope: ExportScope): boolean {
  return (scope.ids?.length ?? 0) > 0 || !!scope.tag || !!scope.query || scope.all === true
}

/** The articles of `scope`, whole (with their documents), in export order. */
export function selectArticles(lib: Library, scope: ExportScope): Article[] {
  if (!hasScope(scope)) {
    throw new BroadsheetError(
      'invalid_input',
      'Nothing to export; name article ids, or use --tag, --query or --all.',
    )
  }
  const ids: string[] = [...(scope.ids ?? [])]
  if (scope.tag) ids.push(...listed(lib, { tags: [scope.tag] }))
  if (scope.query) ids.push(...searched(lib, scope.query))
  if (scope.all) ids.push(...listed(lib, {}))
  const seen = new Set<string>()
  const out: Article[] = []
  for (const id of ids) {
    const article = getArticle(lib, id)
    if (seen.has(article.id)) continue
    seen.add(article.id)
    out.push(article)
  }
  if (out.length === 0) {
    const what = scope.tag
      ? `tagged "${scope.tag}"`
      : scope.query
        ? `matching "${scope.query}"`
        : 'in the library'
    throw new BroadsheetError(
      'not_found',
      `No article ${what} to export; check with \`broadsheet list\`.`,
    )
  }
  return out
}

/** Ids of a filtered list, oldest published first, every page. */
function listed(lib: Library, filter: { tags?: string[] }): string[] {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const page = listArticles(lib, { filter, sort: 'published', reverse: true, limit: 500, cursor })
    for (const a of page.items) ids.push(a.id)
    cursor = page.nextCursor
  } while (cursor !== null)
  return ids
}

/** Ids of every search hit, best first. */
function searched(lib: Library, query: string): string[] {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const page = searchArticles(lib, { query, limit: 200, cursor, prefixLastWord: false })
    for (const a of page.items) ids.push(a.id)
    cursor = page.nextCursor
  } while (cursor !== null)
  return ids
}
