/**
 * What the list's keys do to the selected article: star, archive, mark read, trash, restore,
 * delete for good. Each one changes the library, then tells the window (the list refreshes).
 */
import type { ArticleSummary } from '../../../shared/model'
import { api } from '../api'
import { app, closeArticle, libraryChanged, notify } from './app-state.svelte'
import { listState, patchRow } from './list-state.svelte'

/**
 * Actions run one after another, each seeing the row as the one before left it: a key
 * pressed twice before the first answer arrives toggles twice rather than setting the same
 * value again.
 */
let queue: Promise<void> = Promise.resolve()

function act(what: string, fn: () => Promise<unknown>): Promise<void> {
  const run = queue.then(async () => {
    try {
      const result = await fn()
      if (result && typeof result === 'object' && 'id' in result) {
        patchRow(result as ArticleSummary)
      }
      libraryChanged()
    } catch (err) {
      notify(`Could not ${what}: ${(err as Error).message}`)
    }
  })
  queue = run
  return run
}

/** The row as the list shows it now (a queued action may have changed it since the key). */
const latest = (row: ArticleSummary): ArticleSummary =>
  listState.rows.find((r) => r.id === row.id) ?? row

/** Star or unstar. */
export function toggleStar(row: ArticleSummary): Promise<void> {
  return act('star the article', () =>
    api()['articles.setState']({ id: row.id, state: { starred: !latest(row).starred } }),
  )
}

/** Archive or take out of the archive. */
export function toggleArchive(row: ArticleSummary): Promise<void> {
  return act('archive the article', async () => {
    const was = latest(row).archived
    const article = await api()['articles.setState']({ id: row.id, state: { archived: !was } })
    notify(was ? `“${row.title}” is back in the library.` : `“${row.title}” archived.`)
    return article
  })
}

/** Mark read or unread. */
export function toggleRead(row: ArticleSummary): Promise<void> {
  return act('mark the article', () =>
    api()['articles.setState']({ id: row.id, state: { read: !latest(row).read } }),
  )
}

/** Move to the trash (restorable for 30 days). */
export function trash(row: ArticleSummary): Promise<void> {
  return act('move the article to the trash', async () => {
    await api()['articles.delete']({ id: row.id })
    if (app.openId === row.id) closeArticle()
    notify(`“${row.title}” moved to the Trash.`)
  })
}

/** Take out of the trash. */
export function restore(row: ArticleSummary): Promise<void> {
  return act('restore the article', async () => {
    await api()['articles.restore']({ id: row.id })
    notify(`“${row.title}” restored.`)
  })
}

/** Delete for good an article in the trash, after asking. */
export function purge(row: ArticleSummary): Promise<void> {
  if (!window.confirm(`Delete “${row.title}” for good? This cannot be undone.`)) {
    return Promise.resolve()
  }
  return act('delete the article', async () => {
    await api()['articles.purge']({ id: row.id })
    if (app.openId === row.id) closeArticle()
    notify(`“${row.title}” deleted for good.`)
  })
}

/** Empty the trash, after asking. */
export function emptyTrash(): Promise<void> {
  if (!window.confirm('Delete everything in the Trash for good? This cannot be undone.')) {
    return Promise.resolve()
  }
  return act('empty the trash', async () => {
    const { purged } = await api()['trash.empty']({ olderThanDays: 0 })
    notify(`${purged} ${purged === 1 ? 'article' : 'articles'} deleted for good.`)
  })
}
