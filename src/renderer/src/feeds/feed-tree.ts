/**
 * The Feeds section's tree: folders (nested by path) holding feeds, each folder with the
 * unread count of everything inside it. Pure, so it is tested under Node.
 */
import type { Feed } from '../../../shared/model'

/** A folder in the sidebar. */
export interface FeedFolder {
  name: string
  /** The folder's path from the top, e.g. `['News', 'Tech']`. */
  path: string[]
  folders: FeedFolder[]
  feeds: Feed[]
  /** Unread articles of every feed inside, however deep. */
  unread: number
}

/** Feeds arranged by folder: folders first (A→Z), then feeds (A→Z), at every level. */
export function feedTree(feeds: Feed[]): FeedFolder {
  const root: FeedFolder = { name: '', path: [], folders: [], feeds: [], unread: 0 }
  for (const feed of feeds) {
    let node = root
    node.unread += feed.unreadCount
    for (const name of feed.folder) {
      let next = node.folders.find((f) => f.name === name)
      if (!next) {
        next = { name, path: [...node.path, name], folders: [], feeds: [], unread: 0 }
        node.folders.push(next)
      }
      next.unread += feed.unreadCount
      node = next
    }
    node.feeds.push(feed)
  }
  sortTree(root)
  return root
}

const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' })

function sortTree(node: FeedFolder): void {
  node.folders.sort((a, b) => byName(a.name, b.name))
  node.feeds.sort((a, b) => byName(a.title, b.title))
  for (const f of node.folders) sortTree(f)
}

/** A folder path as typed in a field (`News / Tech`) → `['News', 'Tech']`. */
export function parseFolderPath(text: string): string[] {
  return text
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** A folder path as shown in a field. */
export function formatFolderPath(path: string[]): string {
  return path.join(' / ')
}

/** One line about a refresh of many feeds, for the status line. */
export function refreshSummary(
  results: { outcome: 'ok' | 'unchanged' | 'failed'; added: number; title: string }[],
): string {
  const added = results.reduce((n, r) => n + r.added, 0)
  const failed = results.filter((r) => r.outcome === 'failed')
  const feeds = results.length === 1 ? `"${results[0]!.title}"` : `${results.length} feeds`
  const news = `${added} new article${added === 1 ? '' : 's'}`
  if (failed.length === 0) return `Refreshed ${feeds}: ${news}.`
  const which = failed.length === 1 ? `"${failed[0]!.title}" failed` : `${failed.length} failed`
  return `Refreshed ${feeds}: ${news}; ${which} (see the feed for why).`
}
