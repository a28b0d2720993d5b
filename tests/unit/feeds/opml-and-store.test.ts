import { describe, expect, it } from 'vitest'
import { createArticle, getArticle } from '../../../src/main/library/articles'
import { exportOpml, importOpml, readOpml } from '../../../src/main/feeds/opml'
import {
  getFeed,
  insertFeed,
  listFeeds,
  markFeedRead,
  removeFeed,
  updateFeed,
} from '../../../src/main/feeds/store'
import { createRouter } from '../../../src/main/rpc/router'
import { tempLibrary, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>From another reader</title></head>
  <body>
    <outline text="News">
      <outline text="World">
        <outline type="rss" text="Guardian &amp; friends" xmlUrl="https://www.theguardian.com/world/rss" htmlUrl="https://www.theguardian.com/"/>
      </outline>
      <outline type="rss" title="Heise" text="heise" xmlUrl="https://www.heise.de/rss/heise-atom.xml"/>
    </outline>
    <outline text="Top level" xmlUrl="https://top.example/feed"/>
    <outline text="Not a feed" type="link" url="https://example.com/page"/>
    <outline text="Bad scheme" xmlUrl="javascript:alert(1)"/>
    <outline text="Again" xmlUrl="https://top.example/feed"/>
  </body>
</opml>`

describe('OPML', () => {
  it('reads nested folders and skips what is not a feed', () => {
    expect(readOpml(OPML)).toEqual([
      {
        url: 'https://www.theguardian.com/world/rss',
        title: 'Guardian & friends',
        siteUrl: 'https://www.theguardian.com/',
        folder: ['News', 'World'],
      },
      {
        url: 'https://www.heise.de/rss/heise-atom.xml',
        title: 'Heise',
        siteUrl: null,
        folder: ['News'],
      },
      { url: 'https://top.example/feed', title: 'Top level', siteUrl: null, folder: [] },
      { url: 'https://top.example/feed', title: 'Again', siteUrl: null, folder: [] },
    ])
  })

  it('round-trips through the library with folders, titles and duplicates skipped', () => {
    const lib = tempLibrary()
    const first = importOpml(lib, OPML)
    expect(first.added.map((f) => f.title)).toEqual(['Guardian & friends', 'Heise', 'Top level'])
    expect(first.skipped).toEqual([{ url: 'https://top.example/feed', reason: 'already followed' }])
    const text = exportOpml(lib)
    expect(text).toContain('text="Guardian &amp; friends"')

    const other = tempLibrary()
    importOpml(other, text)
    const strip = (lib2: typeof lib) =>
      listFeeds(lib2).map((f) => ({
        url: f.url,
        title: f.title,
        folder: f.folder,
        siteUrl: f.siteUrl,
      }))
    expect(strip(other)).toEqual(strip(lib))
    expect(importOpml(other, text).added).toEqual([])
  })

  it('says when a file is not OPML', () => {
    const lib = tempLibrary()
    expect(() => importOpml(lib, '<html><body>hello</body></html>')).toThrow(/not OPML/)
  })
})

describe('feed store', () => {
  it('renames, moves, marks read and removes, keeping or trashing articles', () => {
    const lib = tempLibrary()
    const id = insertFeed(lib, { url: 'https://s.example/feed', title: 'Site' })
    const other = insertFeed(lib, { url: 'https://o.example/feed', title: 'Other' })
    const a = createArticle(lib, '# One\n', { feedId: id, feedItemId: 'guid:1' })
    createArticle(lib, '# Two\n', { feedId: id, feedItemId: 'guid:2' })
    createArticle(lib, '# Three\n', { feedId: other, feedItemId: 'guid:3' })

    expect(updateFeed(lib, id, { title: 'My name', folder: ['A', ' B '] })).toMatchObject({
      title: 'My name',
      feedTitle: 'Site',
      folder: ['A', 'B'],
    })
    expect(updateFeed(lib, id, { title: null }).title).toBe('Site')
    expect(getFeed(lib, id)).toMatchObject({ unreadCount: 2, articleCount: 2 })
    expect(markFeedRead(lib, id)).toBe(2)
    expect(getFeed(lib, id).unreadCount).toBe(0)
    expect(getFeed(lib, other).unreadCount).toBe(1)

    expect(removeFeed(lib, id)).toEqual({ removed: 1, trashed: 0 })
    expect(getArticle(lib, a.id)).toMatchObject({ feedId: null, trashedAt: null })
    expect(removeFeed(lib, other, { trashArticles: true })).toEqual({ removed: 1, trashed: 1 })
    expect(listFeeds(lib)).toEqual([])
    expect(() => updateFeed(lib, id, { title: 'x' })).toThrow(/Feed \d+ was not found/)
  })

  it('validates feeds.* input at the contract boundary', async () => {
    const lib = tempLibrary()
    const call = createRouter(lib)
    const bad = await call('feeds.update', { id: '1', intervalMinutes: 1 })
    expect(bad.ok).toBe(false)
    const imported = await call('feeds.importOpml', { text: OPML })
    expect(imported.ok).toBe(true)
    const list = await call('feeds.list', {})
    expect(list.ok && (list.value as unknown[]).length).toBe(3)
    const moved = await call('feeds.update', { id: 'https://top.example/feed', folder: ['Later'] })
    expect(moved).toMatchObject({ ok: true, value: { folder: ['Later'] } })
    const exported = await call('feeds.exportOpml', {})
    expect(exported.ok && (exported.value as { text: string }).text).toContain(
      '<outline text="Later"',
    )
  })
})
