import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rebuildIndex } from '../../../src/main/library/fts-source'
import type { ArticleFilter } from '../../../src/main/library/filters'
import { listArticles, listQuery, type SortKey } from '../../../src/main/library/list'
import type { Library } from '../../../src/main/library/open-library'
import { searchQuery } from '../../../src/main/library/search/search'
import { sharedTempLibrary } from '../../helpers/temp-library'

const SORTS: SortKey[] = ['updated', 'created', 'published', 'title', 'reading']
const FILTERS: Record<string, ArticleFilter> = {
  none: {},
  unread: { is: ['unread'] },
  starred: { is: ['starred'] },
  tag: { tags: ['politics'] },
}
const ARTICLES = 3000

let lib: Library
let dispose: () => void

/** Fill the library through SQL (fast; the plans only need realistic row counts and stats). */
function populate(l: Library, n: number): void {
  const insert = l.db.prepare(
    `INSERT INTO articles (uid, content_hash, title, tags, published_at, reading_minutes,
       read, starred, archived, created_at, updated_at, trashed_at)
     VALUES (@uid, @hash, @title, @tags, @published, @minutes, @read, @starred,
       @archived, @created, @updated, @trashed)`,
  )
  const document = l.db.prepare('INSERT INTO documents (article_id, markdown) VALUES (?, ?)')
  const tag = l.db.prepare('INSERT INTO article_tags (tag, article_id) VALUES (?, ?)')
  const TAGS = ['politics', 'tech', 'culture', 'sport', 'science']
  l.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const tags = [TAGS[i % 5]!, TAGS[(i * 7) % 5]!].filter((t, k, all) => all.indexOf(t) === k)
      // Few distinct timestamps and titles, so paging must break ties by id.
      const day = String(1 + (i % 28)).padStart(2, '0')
      const title = ['apple', 'Apple', 'banana', 'Cherry', 'cherry', `Item ${i}`][i % 6]!
      const id = insert.run({
        uid: `plan${String(i).padStart(8, '0')}`,
        hash: `h${i}`,
        title,
        tags: JSON.stringify(tags),
        published: i % 3 === 0 ? null : `2024-01-${day}`,
        minutes: i % 13,
        read: i % 4 === 0 ? 1 : 0,
        starred: i % 17 === 0 ? 1 : 0,
        archived: i % 23 === 0 ? 1 : 0,
        created: `2024-02-${day}T10:00:00.000Z`,
        updated: `2024-03-${String(1 + (i % 9)).padStart(2, '0')}T10:00:00.000Z`,
        trashed: i % 50 === 0 ? '2024-04-01T00:00:00.000Z' : null,
      }).lastInsertRowid
      document.run(id, `# ${title}\n\nClimate summit ${i} machine learning ${tags.join(' ')}\n`)
      for (const t of tags) tag.run(t, id)
    }
    rebuildIndex(l.db)
  })()
}

function plan(sql: string, params: Record<string, unknown>): string[] {
  const rows = lib.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]
  return rows.map((r) => r.detail)
}

/** A scan of the articles table that reads every row rather than an index range or lookup. */
function fullScans(details: string[]): string[] {
  return details.filter((d) => /^SCAN (a|articles)\b/.test(d) && !/USING (COVERING )?INDEX/.test(d))
}

function checkPlans(label: string): void {
  describe(`query plans (${label})`, () => {
    for (const sort of SORTS) {
      for (const [name, filter] of Object.entries(FILTERS)) {
        it(`list by ${sort}, filter ${name}: no full scan of articles`, () => {
          const { sql, params } = listQuery({ sort, filter })
          const details = plan(sql, params)
          expect(fullScans(details), details.join('\n')).toEqual([])
          if (name === 'none') {
            expect(details.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY')
          }
        })
      }

      it(`list by ${sort}, reversed and from a cursor: an index range, no sort`, () => {
        const first = listArticles(lib, { sort, limit: 10 })
        expect(first.nextCursor).not.toBeNull()
        for (const reverse of [false, true]) {
          const { sql, params } = listQuery({ sort, reverse, cursor: first.nextCursor })
          const details = plan(sql, params)
          expect(fullScans(details), details.join('\n')).toEqual([])
          expect(details.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY')
        }
      })
    }

    for (const query of [
      'climate',
      'machine learning',
      '"climate summit"',
      'clim*',
      'climate is:unread',
      'climate tag:politics',
      'climate -sport',
      'climate OR banana',
      'is:starred',
      'is:unread',
      'tag:politics',
      '-sport',
      'before:2024-01-15 after:2024-01-02',
    ]) {
      it(`search "${query}": no full scan of articles`, () => {
        const { sql, params } = searchQuery(lib, { query })
        const details = plan(sql, params)
        expect(fullScans(details), details.join('\n')).toEqual([])
      })
    }

    it('search with only filters lists newest first from an index, without sorting', () => {
      for (const query of ['is:starred', 'is:unread', '-is:read']) {
        const { sql, params } = searchQuery(lib, { query })
        const details = plan(sql, params)
        expect(details.join('\n'), query).not.toContain('USE TEMP B-TREE FOR ORDER BY')
      }
    })
  })
}

describe('lists', () => {
  beforeAll(() => {
    ;({ lib, dispose } = sharedTempLibrary())
    populate(lib, ARTICLES)
  })
  afterAll(() => dispose())

  checkPlans('no statistics')

  describe('after ANALYZE', () => {
    beforeAll(() => lib.db.exec('ANALYZE'))
    checkPlans('with statistics')
  })

  it.each(SORTS)('pages by %s, both ways, with every article exactly once', (sort) => {
    for (const reverse of [false, true]) {
      for (const [name, filter] of Object.entries(FILTERS)) {
        const whole = listArticles(lib, { sort, reverse, filter, limit: 500 })
        const all: string[] = []
        for (let cursor: string | null = null; ;) {
          const page = listArticles(lib, { sort, reverse, filter, limit: 500, cursor })
          all.push(...page.items.map((a) => a.id))
          cursor = page.nextCursor
          if (!cursor) break
        }
        const paged: string[] = []
        for (let cursor: string | null = null; ;) {
          const page = listArticles(lib, { sort, reverse, filter, limit: 37, cursor })
          paged.push(...page.items.map((a) => a.id))
          cursor = page.nextCursor
          if (!cursor) break
        }
        const label = `${sort} ${reverse ? 'reversed' : ''} ${name}`
        expect(paged, label).toEqual(all)
        expect(new Set(paged).size, label).toBe(paged.length)
        expect(all.slice(0, whole.items.length), label).toEqual(whole.items.map((a) => a.id))
      }
    }
    const expected = lib.db
      .prepare('SELECT count(*) AS n FROM articles WHERE trashed_at IS NULL')
      .get() as { n: number }
    let count = 0
    for (let cursor: string | null = null; ;) {
      const page = listArticles(lib, { sort, limit: 500, cursor })
      count += page.items.length
      cursor = page.nextCursor
      if (!cursor) break
    }
    expect(count).toBe(expected.n)
  })

  it('orders by the sort key, breaking ties by id', () => {
    const titles = []
    for (let cursor: string | null = null; ;) {
      const page = listArticles(lib, { sort: 'title', limit: 200, cursor })
      titles.push(...page.items.map((a) => a.title.toLowerCase()))
      cursor = page.nextCursor
      if (!cursor) break
    }
    expect(titles).toEqual([...titles].sort())
    const updated = listArticles(lib, { sort: 'updated', limit: 500 }).items.map((a) => a.updatedAt)
    expect(updated).toEqual([...updated].sort().reverse())
  })
})
