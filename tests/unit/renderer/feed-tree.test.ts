import { describe, expect, it } from 'vitest'
import type { Feed } from '../../../src/shared/model'
import {
  feedTree,
  formatFolderPath,
  parseFolderPath,
  refreshSummary,
} from '../../../src/renderer/src/feeds/feed-tree'

function feed(id: string, title: string, folder: string[], unread: number): Feed {
  return {
    id,
    title,
    feedTitle: title,
    url: `https://${id}.example/feed`,
    siteUrl: null,
    folder,
    intervalMinutes: 60,
    fullText: false,
    lastFetchedAt: null,
    nextFetchAt: null,
    error: null,
    errorCount: 0,
    unreadCount: unread,
    articleCount: unread,
    createdAt: '2025-01-01T00:00:00.000Z',
  }
}

describe('the sidebar feed tree', () => {
  it('nests folders, sorts them and sums unread counts upwards', () => {
    const tree = feedTree([
      feed('1', 'zeta', [], 1),
      feed('2', 'Beta', ['News', 'World'], 2),
      feed('3', 'alpha', ['News'], 3),
      feed('4', 'Gamma', ['Blogs'], 4),
      feed('5', 'Delta', ['News', 'Tech'], 5),
    ])
    expect(tree.unread).toBe(15)
    expect(tree.feeds.map((f) => f.title)).toEqual(['zeta'])
    expect(tree.folders.map((f) => [f.name, f.unread])).toEqual([
      ['Blogs', 4],
      ['News', 10],
    ])
    const news = tree.folders[1]!
    expect(news.feeds.map((f) => f.title)).toEqual(['alpha'])
    expect(news.folders.map((f) => [f.path, f.unread])).toEqual([
      [['News', 'Tech'], 5],
      [['News', 'World'], 2],
    ])
  })

  it('reads and writes folder paths as typed', () => {
    expect(parseFolderPath(' News / Tech //')).toEqual(['News', 'Tech'])
    expect(formatFolderPath(['News', 'Tech'])).toBe('News / Tech')
  })

  it('sums up a refresh in one line', () => {
    expect(refreshSummary([{ outcome: 'ok', added: 3, title: 'A' }])).toBe(
      'Refreshed "A": 3 new articles.',
    )
    expect(
      refreshSummary([
        { outcome: 'ok', added: 1, title: 'A' },
        { outcome: 'failed', added: 0, title: 'B' },
      ]),
    ).toBe('Refreshed 2 feeds: 1 new article; "B" failed (see the feed for why).')
  })
})
