import { rewriteFrontMatter, type MetadataPatch } from '../../shared/document'
import { BroadsheetError } from '../../shared/errors'
import type { Article } from '../../shared/model'
import { toArticle } from './article-rows'
import { assertVersion, getArticleRow, resolveArticleId, writeDocument } from './articles'
import type { Library } from './open-library'
import { keepRevision } from './revisions'

/**
 * Set metadata (title, authors, date, tags…) by rewriting the document's front matter in
 * place: only the changed entries change, every other byte stays. The previous text is kept
 * as a revision. `baseVersion`, when given, refuses to apply over an edit made elsewhere.
 */
export function setArticleMetadata(
  lib: Library,
  id: string,
  patch: MetadataPatch,
  baseVersion?: number,
): Article {
  const rowId = lib.transaction(() => {
    const rowId = resolveArticleId(lib, id)
    const row = getArticleRow(lib, rowId)
    assertVersion(row, baseVersion, 'set the metadata again')
    let next: string
    try {
      next = rewriteFrontMatter(row.markdown, patch)
    } catch (err) {
      throw new BroadsheetError('invalid_input', (err as Error).message)
    }
    if (next === row.markdown) return rowId
    keepRevision(lib, row, 'metadata')
    writeDocument(lib, row, next)
    return rowId
  })
  return toArticle(getArticleRow(lib, rowId))
}
