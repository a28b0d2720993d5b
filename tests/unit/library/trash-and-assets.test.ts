import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { addAsset, assetFile, collectUnusedAssets } from '../../../src/main/library/assets'
import {
  createArticle,
  getArticle,
  purgeArticle,
  purgeTrash,
  trashArticle,
  untrashArticle,
  updateArticle,
} from '../../../src/main/library/articles'
import { listArticles } from '../../../src/main/library/list'
import type { Library } from '../../../src/main/library/open-library'
import { listRevisions } from '../../../src/main/library/revisions'
import { searchArticles } from '../../../src/main/library/search/search'
import { listTags } from '../../../src/main/library/tags'
import {
  DAY,
  MINUTE,
  openTracked,
  TestClock,
  tempDir,
  tempLibrary,
  useTempLibraries,
} from '../../helpers/temp-library'

useTempLibraries()

function setup(): { lib: Library; clock: TestClock } {
  const clock = new TestClock()
  return { lib: tempLibrary({ now: clock.now }), clock }
}

const listed = (lib: Library, filter = {}) =>
  listArticles(lib, { filter, limit: 500 }).items.map((a) => a.id)
const found = (lib: Library, query: string) =>
  searchArticles(lib, { query, limit: 200 }).items.map((a) => a.id)

/** A tiny valid PNG-like payload: what matters here is the bytes, not the image. */
const bytes = (text: string) => new Uint8Array(Buffer.from(`\x89PNG\r\n\x1a\n${text}`, 'binary'))

describe('the trash', () => {
  it('hides a trashed article from lists, tags and search, unless is:trashed asks', () => {
    const { lib } = setup()
    const keep = createArticle(lib, '---\ntags: [keep]\n---\n# Lighthouse keepers\n')
    const gone = createArticle(lib, '---\ntags: [gone]\n---\n# Lighthouse demolished\n')
    trashArticle(lib, gone.id)

    expect(listed(lib)).toEqual([keep.id])
    expect(listed(lib, { is: ['trashed'] })).toEqual([gone.id])
    expect(listTags(lib).map((t) => t.tag)).toEqual(['keep'])
    expect(found(lib, 'lighthouse')).toEqual([keep.id])
    expect(found(lib, 'lighthouse is:trashed')).toEqual([gone.id])
    expect(found(lib, 'demolished')).toEqual([])
    expect(getArticle(lib, gone.id).trashedAt).not.toBeNull()

    const back = untrashArticle(lib, gone.id)
    expect(back.trashedAt).toBeNull()
    expect(found(lib, 'demolished')).toEqual([gone.id])
    expect(listed(lib).sort()).toEqual([keep.id, gone.id].sort())
  })

  it('purges only what is already in the trash', () => {
    const { lib } = setup()
    const a = createArticle(lib, '# Precious\n')
    expect(() => purgeArticle(lib, a.id)).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/trash/) }),
    )
    expect(getArticle(lib, a.id).markdown).toBe('# Precious\n')
  })

  it('takes the revisions with a purged article', () => {
    const { lib } = setup()
    const a = createArticle(lib, 'one\n')
    updateArticle(lib, a.id, 'two\n', a.version)
    trashArticle(lib, a.id)
    expect(listRevisions(lib, a.id)).toHaveLength(2)
    purgeArticle(lib, a.id)
    expect(() => getArticle(lib, a.id)).toThrow(expect.objectContaining({ code: 'not_found' }))
    const left = lib.db.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }
    expect(left.n).toBe(0)
    const tags = lib.db.prepare('SELECT count(*) AS n FROM article_tags').get() as { n: number }
    expect(tags.n).toBe(0)
  })

  it('empties itself of articles trashed more than 30 days ago, and only those', () => {
    const { lib, clock } = setup()
    const old = createArticle(lib, '# Old news\n')
    const recent = createArticle(lib, '# Recent news\n')
    const live = createArticle(lib, '# Live news\n')
    trashArticle(lib, old.id)
    clock.advance(10 * DAY)
    trashArticle(lib, recent.id)

    clock.advance(19 * DAY)
    expect(purgeTrash(lib)).toBe(0)
    clock.advance(1 * DAY + MINUTE)
    expect(purgeTrash(lib)).toBe(1)
    expect(() => getArticle(lib, old.id)).toThrow(expect.objectContaining({ code: 'not_found' }))
    expect(getArticle(lib, recent.id).trashedAt).not.toBeNull()
    expect(getArticle(lib, live.id).trashedAt).toBeNull()

    expect(purgeTrash(lib, 0)).toBe(1)
    expect(listed(lib, { is: ['trashed'] })).toEqual([])
    expect(listed(lib)).toEqual([live.id])
  })

  it('is emptied of expired articles when the library is opened, by any door', () => {
    const dir = join(tempDir(), 'library')
    const clock = new TestClock()
    const first = openTracked(dir, { now: clock.now })
    const expired = createArticle(first, '# Trashed long ago\n')
    const kept = createArticle(first, '# Trashed today\n')
    clock.set(new Date(Date.now() - 31 * DAY).toISOString())
    trashArticle(first, expired.id)
    clock.set(new Date().toISOString())
    trashArticle(first, kept.id)
    first.close()

    const reopened = openTracked(dir)
    expect(listed(reopened, { is: ['trashed'] })).toEqual([kept.id])
    expect(() => getArticle(reopened, expired.id)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })
})

describe('assets', () => {
  it('stores the same bytes once, under assets/<sha256>.<ext>', () => {
    const { lib } = setup()
    const first = addAsset(lib, bytes('one'), 'image/png')
    const again = addAsset(lib, bytes('one'), 'image/png')
    const other = addAsset(lib, bytes('two'), 'image/jpeg')
    expect(first).toMatch(/^assets\/[0-9a-f]{64}\.png$/)
    expect(other).toMatch(/^assets\/[0-9a-f]{64}\.jpg$/)
    expect(again).toBe(first)
    expect(readdirSync(lib.assetsDir).sort()).toEqual(
      [first.slice('assets/'.length), other.slice('assets/'.length)].sort(),
    )
    const file = assetFile(lib, first)
    expect(file).toBe(join(lib.assetsDir, first.slice('assets/'.length)))
    expect(readFileSync(file!)).toEqual(Buffer.from(bytes('one')))
    expect(assetFile(lib, first.slice('assets/'.length))).toBe(file)
  })

  it('refuses empty files', () => {
    const { lib } = setup()
    expect(() => addAsset(lib, new Uint8Array(), 'image/png')).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    )
  })

  it('resolves only well-formed asset names inside the assets folder', () => {
    const { lib } = setup()
    const real = addAsset(lib, bytes('x'), 'image/png')
    const name = real.slice('assets/'.length)
    for (const link of [
      '../x',
      'assets/../../etc/passwd',
      '../library.db',
      'assets/../library.db',
      `assets/../assets/${name}`,
      `assets/${name.toUpperCase()}`,
      `assets/${name}/`,
      `/${name}`,
      `assets/${name.slice(1)}`,
      'assets/notahash.png',
      `assets/${name}\0.txt`,
      '',
      'assets/',
      `assets/${'0'.repeat(64)}.png`,
    ]) {
      expect(assetFile(lib, link), link).toBeNull()
    }
  })

  it('counts the grace period from the last time an image was stored', () => {
    const { lib, clock } = setup()
    // Pasted once long ago, never saved into an article...
    const link = addAsset(lib, bytes('pasted twice'), 'image/png')
    clock.advance(30 * DAY)
    // ...and pasted again just now, in an editor that has not saved yet.
    expect(addAsset(lib, bytes('pasted twice'), 'image/png')).toBe(link)
    clock.advance(MINUTE)
    expect(collectUnusedAssets(lib)).toEqual([])
    expect(assetFile(lib, link)).not.toBeNull()
    // Once the grace period has passed and nothing refers to it, it goes.
    clock.advance(2 * DAY)
    expect(collectUnusedAssets(lib)).toEqual([link.slice('assets/'.length)])
  })

  it('collects unreferenced assets, keeping those in use, in history, in the trash or young', () => {
    const { lib, clock } = setup()
    const inArticle = addAsset(lib, bytes('live'), 'image/png')
    const inTrash = addAsset(lib, bytes('trash'), 'image/png')
    const inRevision = addAsset(lib, bytes('revision'), 'image/webp')
    const unused = addAsset(lib, bytes('unused'), 'image/gif')
    const purged = addAsset(lib, bytes('purged'), 'image/png')

    createArticle(lib, `# Live\n\n![photo](${inArticle})\n`)
    const t = createArticle(lib, `# Trashed\n\n![photo](${inTrash})\n`)
    trashArticle(lib, t.id)
    const r = createArticle(lib, `# Edited\n\n![old photo](${inRevision})\n`)
    updateArticle(lib, r.id, '# Edited\n\nThe photo was removed.\n', r.version)
    const p = createArticle(lib, `# Purged\n\n<img src="${purged}">\n`)
    trashArticle(lib, p.id)
    purgeArticle(lib, p.id)

    clock.advance(2 * DAY)
    const young = addAsset(lib, bytes('young'), 'image/png')
    clock.advance(MINUTE)

    const removed = collectUnusedAssets(lib)
    const name = (link: string) => link.slice('assets/'.length)
    expect(removed.sort()).toEqual([name(unused), name(purged)].sort())
    for (const kept of [inArticle, inTrash, inRevision, young]) {
      expect(existsSync(join(lib.assetsDir, name(kept))), kept).toBe(true)
      expect(assetFile(lib, kept)).not.toBeNull()
    }
    for (const gone of [unused, purged]) {
      expect(existsSync(join(lib.assetsDir, name(gone))), gone).toBe(false)
      expect(assetFile(lib, gone)).toBeNull()
    }
    // A second pass finds nothing more; the asset rows match the files.
    expect(collectUnusedAssets(lib)).toEqual([])
    const rows = lib.db.prepare('SELECT count(*) AS n FROM assets').get() as { n: number }
    expect(rows.n).toBe(4)
    // Storing a collected image again brings it back.
    expect(addAsset(lib, bytes('unused'), 'image/gif')).toBe(unused)
    expect(assetFile(lib, unused)).not.toBeNull()
  })
})
