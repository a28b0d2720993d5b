import type { Database, Statement } from 'better-sqlite3'

const cache = new WeakMap<Database, Map<string, Statement>>()

/**
 * A prepared statement for `sql` on `db`, prepared once per connection. Preparing costs more
 * than running a simple statement, and the import path runs thousands per second.
 */
export function stmt<P extends unknown[] | object = unknown[], R = unknown>(
  db: Database,
  sql: string,
): Statement<P, R> {
  let byText = cache.get(db)
  if (!byText) cache.set(db, (byText = new Map()))
  let s = byText.get(sql)
  if (!s) byText.set(sql, (s = db.prepare(sql)))
  return s as Statement<P, R>
}
