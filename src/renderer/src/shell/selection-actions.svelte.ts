/**
 * Bulk actions on the list's selection: mark read or unread, star, archive, tag, move to the
 * Trash, restore, delete for good. Each goes through the contract's per-article methods, one
 * request per article at most (none for an article already as asked), one after another in
 * list order; rows change as answers arrive, a failure is counted and reported, and Stop ends
 * a long run before its next article. With one row selected the row actions of row-actions.ts
 * run instead, with their messages.
 */
import type { Article, ArticleSummary } from '../../../shared/model'
import { api } from '../api'
import { app, closeArticle, libraryChanged, notify } from './app-state.svelte'
import type { ListRow } from './list-source'
import { listState, patchRows, selectedRows } from './list-state.svelte'
import { purge, restore, toggleArchive, toggleRead, toggleStar, trash } from './row-actions'

/** The running bulk action, for the list header: what, how far, and the Stop button. */
export const bulkRun = $state({ active: false, label: '', done: 0, total: 0, stopping: false })

/** Bulk actions run one after another, each seeing the rows as the one before left them. */
let queue: Promise<void> = Promise.resolve()

/** One bulk action: what it asks of each article. */
interface Bulk {
  /** While running, e.g. "Starring"; the header adds "3 of 40". */
  running: string
  /** When done, e.g. "Starred"; the message adds "40 articles". */
  done: string
  /** What failed, e.g. "star" ("Could not star 2 of 40 articles"). */
  verb: string
  /** Whether the article is already as asked (no request then). */
  skip?: (row: ArticleSummary) => boolean
  /** The request; its answer (an article) updates the row. */
  request: (row: ArticleSummary) => Promise<Article | null>
  /** Whether the article has left this list afterwards (its row goes when the run ends). */
  removes?: boolean
}

const plural = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'article' : 'articles'}`

/** Run `make(latest rows)` on the selection: decided when its turn comes, not at the key. */
function runBulk(rows: ListRow[], make: (latest: ArticleSummary[]) => Bulk): Promise<void> {
  const ids = rows.map((r) => r.id)
  const run = queue.then(async () => {
    // The rows as they are now: an earlier bulk action may have changed them since the key.
    const byId = new Map(listState.rows.map((r) => [r.id, r] as const))
    const latest = ids.map((id) => byId.get(id) ?? rows.find((r) => r.id === id)!)
    const bulk = make(latest)
    const todo = bulk.skip ? latest.filter((r) => !bulk.skip!(r)) : latest
    Object.assign(bulkRun, {
      active: true,
      label: bulk.running,
      done: 0,
      total: todo.length,
      stopping: false,
    })
    const failures: { title: string; message: string }[] = []
    let changed = 0
    // Answers are shown a frame at a time: one pass over the list per frame, not per answer.
    let pending: Article[] = []
    let frame = 0
    const flush = () => {
      frame = 0
      if (pending.length > 0) patchRows(pending)
      pending = []
    }
    for (const row of todo) {
      if (bulkRun.stopping) break
      try {
        const article = await bulk.request(row)
        changed++
        if (article) {
          pending.push(article)
          frame ||= requestAnimationFrame(flush)
        }
        if (bulk.removes && app.openId === row.id) closeArticle()
      } catch (err) {
        failures.push({ title: row.title || 'Untitled', message: (err as Error).message })
      }
      bulkRun.done += 1
    }
    if (frame) cancelAnimationFrame(frame)
    flush()
    bulkRun.active = false
    libraryChanged()
    notify(summary(bulk, changed, todo.length, latest.length, failures, bulkRun.stopping))
  })
  queue = run.catch(() => {})
  return run
}

/** The message at the end: what was done, what was skipped, and every failure's reason. */
function summary(
  bulk: Bulk,
  changed: number,
  asked: number,
  selected: number,
  failures: { title: string; message: string }[],
  stopped: boolean,
): string {
  const parts: string[] = []
  if (failures.length > 0) {
    const first = failures[0]!
    parts.push(
      `Could not ${bulk.verb} ${failures.length} of ${plural(asked)}: “${first.title}”: ${first.message.replace(/\.$/, '')}` +
        (failures.length > 1 ? ` (and ${failures.length - 1} more)` : '') +
        '.',
    )
  }
  parts.push(`${bulk.done} ${plural(changed)}.`)
  if (stopped) parts.push(`Stopped after ${changed + failures.length} of ${asked}.`)
  const already = selected - asked
  if (already > 0) parts.push(`${plural(already)} already were.`)
  return parts.join(' ')
}

const setState = (
  row: ArticleSummary,
  state: Partial<Record<'read' | 'starred' | 'archived', boolean>>,
) => api()['articles.setState']({ id: row.id, state })

/** Star the selection, or unstar it when every one is starred already (as a mail client). */
export function starSelection(): Promise<void> {
  const rows = selectedRows()
  if (rows.length === 1) return toggleStar(rows[0]!)
  return runBulk(rows, (latest) => {
    const on = latest.some((r) => !r.starred)
    return {
      running: on ? 'Starring' : 'Unstarring',
      done: on ? 'Starred' : 'Unstarred',
      verb: on ? 'star' : 'unstar',
      skip: (r) => r.starred === on,
      request: (r) => setState(r, { starred: on }),
    }
  })
}

/** Mark the selection read, or unread when every one is read already. */
export function toggleReadSelection(): Promise<void> {
  const rows = selectedRows()
  if (rows.length === 1) return toggleRead(rows[0]!)
  return runBulk(rows, (latest) => markBulk(latest.some((r) => !r.read)))
}

/** Mark the selection read (`true`) or unread. */
export function markSelection(read: boolean): Promise<void> {
  return runBulk(selectedRows(), () => markBulk(read))
}

function markBulk(read: boolean): Bulk {
  return {
    running: read ? 'Marking read' : 'Marking unread',
    done: read ? 'Marked read:' : 'Marked unread:',
    verb: read ? 'mark read' : 'mark unread',
    skip: (r) => r.read === read,
    request: (r) => setState(r, { read }),
  }
}

/** Archive the selection, or take it out of the archive when every one is archived. */
export function archiveSelection(): Promise<void> {
  const rows = selectedRows()
  if (rows.length === 1) return toggleArchive(rows[0]!)
  return runBulk(rows, (latest) => {
    const on = latest.some((r) => !r.archived)
    return {
      running: on ? 'Archiving' : 'Unarchiving',
      done: on ? 'Archived' : 'Back from the archive:',
      verb: on ? 'archive' : 'unarchive',
      skip: (r) => r.archived === on,
      request: (r) => setState(r, { archived: on }),
    }
  })
}

/** Add `tag` to every selected article that lacks it (the front matter's `tags`). */
export function tagSelection(tag: string): Promise<void> {
  const name = tag.trim().replace(/^#/, '')
  if (!name) return Promise.resolve()
  return runBulk(selectedRows(), () => ({
    running: `Tagging #${name}`,
    done: `Tagged #${name}:`,
    verb: `tag #${name}`,
    skip: (r) => r.tags.includes(name),
    request: (r) => api()['articles.setMetadata']({ id: r.id, patch: { tags: [...r.tags, name] } }),
  }))
}

/** Move the selection to the Trash (restorable for 30 days). */
export function trashSelection(): Promise<void> {
  const rows = selectedRows()
  if (rows.length === 1) return trash(rows[0]!)
  return runBulk(rows, () => ({
    running: 'Moving to the Trash',
    done: 'Moved to the Trash:',
    verb: 'move to the Trash',
    skip: (r) => r.trashedAt !== null,
    request: (r) => api()['articles.delete']({ id: r.id }),
    removes: true,
  }))
}

/** Take the selection out of the Trash. */
export function restoreSelection(): Promise<void> {
  const rows = selectedRows()
  if (rows.length === 1) return restore(rows[0]!)
  return runBulk(rows, () => ({
    running: 'Restoring',
    done: 'Restored',
    verb: 'restore',
    skip: (r) => r.trashedAt === null,
    request: (r) => api()['articles.restore']({ id: r.id }),
  }))
}

/** Delete the selection (in the Trash) for good, after asking. */
export function purgeSelection(): Promise<void> {
  const rows = selectedRows()
  if (rows.length === 1) return purge(rows[0]!)
  if (!window.confirm(`Delete ${plural(rows.length)} for good? This cannot be undone.`)) {
    return Promise.resolve()
  }
  return runBulk(rows, () => ({
    running: 'Deleting',
    done: 'Deleted for good:',
    verb: 'delete',
    request: async (r) => {
      await api()['articles.purge']({ id: r.id })
      return null
    },
    removes: true,
  }))
}

/** Ask a running bulk action to stop before its next article. */
export function stopBulk(): void {
  if (bulkRun.active) bulkRun.stopping = true
}
