import type { TagCount } from '../../shared/model'
import type { Library } from './open-library'
import { stmt } from './statements'

/** Every tag in use by articles not in the trash, with how many use it, most used first. */
export function listTags(lib: Library): TagCount[] {
  return stmt<[], TagCount>(
    lib.db,
    `SELECT min(t.tag) AS tag, count(*) AS count
     FROM article_tags t JOIN articles a ON a.id = t.article_id
     WHERE a.trashed_at IS NULL
     GROUP BY t.tag ORDER BY count DESC, tag COLLATE NOCASE`,
  ).all()
}
