import { describe, expect, it } from 'vitest'
import { BroadsheetError } from '../../../src/shared/errors'
import {
  createArticle,
  getArticle,
  setArticleState,
  trashArticle,
  updateArticle,
} from '../../../src/main/library/articles'
import { setArticleMetadata } from '../../../src/main/library/metadata'
import {
  EDIT_COALESCE_MS,
  getRevision,
  listRevisions,
  restoreRevision,
} from '../../../src/main/library/revisions'
import type { Library } from '../../../src/main/library/open-library'
import { MINUTE, TestClock, tempLibrary, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

function setup(): { lib: Library; clock: TestClock } {
  const clock = new TestClock()
  const lib = tempLibrary({ now: clock.now })
  return { lib, clock }
}

/** Save `text` over the current version, as the editor's autosave does. */
function save(lib: Library, id: string, text: string) {
  return updateArticle(lib, id, text, getArticle(lib, id).version)
}

const reasons = (lib: Library, id: string) => listRevisions(lib, id).map((r) => r.reason)

describe('revisions while typing', () => {
  it('keeps the text before the first edit, then coalesces edits for five minutes', () => {
    const { lib, clock } = setup()
    expect(EDIT_COALESCE_MS).toBe(5 * MINUTE)
    const a = createArticle(lib, '# Draft\n\nOne.\n')
    expect(listRevisions(lib, a.id)).toEqual([])

    save(lib, a.id, '# Draft\n\nOne. Two.\n')
    expect(reasons(lib, a.id)).toEqual(['edit'])
    for (let i = 0; i < 8; i++) {
      clock.advance(30_000)
      save(lib, a.id, `# Draft\n\nOne. Two. ${'x'.repeat(i)}\n`)
    }
    // Four minutes of autosaves: still one revision, holding the text from before typing began.
    expect(reasons(lib, a.id)).toEqual(['edit'])
    const [first] = listRevisions(lib, a.id)
    expect(getRevision(lib, a.id, first!.id).markdown).toBe('# Draft\n\nOne.\n')

    clock.advance(61_000)
    const before = getArticle(lib, a.id).markdown
    save(lib, a.id, '# Draft\n\nA later session.\n')
    const list = listRevisions(lib, a.id)
    expect(list.map((r) => r.reason)).toEqual(['edit', 'edit'])
    expect(getRevision(lib, a.id, list[0]!.id).markdown).toBe(before)
    expect(getArticle(lib, a.id).markdown).toBe('# Draft\n\nA later session.\n')
  })

  it('does not keep a revision for a save that changes nothing, or for a state change', () => {
    const { lib } = setup()
    const a = createArticle(lib, 'Plain text\n')
    updateArticle(lib, a.id, 'Plain text\n', a.version)
    setArticleState(lib, a.id, { read: true, starred: true, progress: 0.5 })
    expect(listRevisions(lib, a.id)).toEqual([])
  })

  it('lists revisions newest first, with their title and size in bytes', () => {
    const { lib, clock } = setup()
    const a = createArticle(lib, '# First title\n\nBody é\n')
    for (const title of ['Second', 'Third', 'Fourth']) {
      clock.advance(6 * MINUTE)
      save(lib, a.id, `# ${title} title\n\nBody\n`)
    }
    const list = listRevisions(lib, a.id)
    expect(list.map((r) => r.title)).toEqual(['Third title', 'Second title', 'First title'])
    const ids = list.map((r) => r.id)
    expect([...ids].sort((x, y) => y - x)).toEqual(ids)
    const times = list.map((r) => r.createdAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(list[2]!.bytes).toBe(Buffer.byteLength('# First title\n\nBody é\n'))
    expect(list.every((r) => r.articleId === a.id)).toBe(true)
  })
})

describe('revisions before destructive changes', () => {
  it('always keeps one before setting metadata, even right after an edit', () => {
    const { lib, clock } = setup()
    const a = createArticle(lib, '---\ntitle: Old\n# keep this comment\nx-custom: 1\n---\n\nBody\n')
    save(lib, a.id, '---\ntitle: Old\n# keep this comment\nx-custom: 1\n---\n\nBody!\n')
    clock.advance(MINUTE)
    const before = getArticle(lib, a.id).markdown
    const updated = setArticleMetadata(lib, a.id, { title: 'New' })
    expect(updated.title).toBe('New')
    expect(updated.markdown).toContain('# keep this comment')
    expect(updated.markdown).toContain('x-custom: 1')
    const list = listRevisions(lib, a.id)
    expect(list.map((r) => r.reason)).toEqual(['metadata', 'edit'])
    expect(getRevision(lib, a.id, list[0]!.id).markdown).toBe(before)
  })

  it('always keeps one before moving to the trash', () => {
    const { lib } = setup()
    const a = createArticle(lib, 'Goodbye\n')
    save(lib, a.id, 'Goodbye, world\n')
    trashArticle(lib, a.id)
    const list = listRevisions(lib, a.id)
    expect(list.map((r) => r.reason)).toEqual(['delete', 'edit'])
    expect(getRevision(lib, a.id, list[0]!.id).markdown).toBe('Goodbye, world\n')
  })

  it('restores a revision, keeping the replaced text so the restore can be undone', () => {
    const { lib, clock } = setup()
    const original = '# Report\r\n\r\nThe original wording.\r\n'
    const a = createArticle(lib, original)
    const edited = save(lib, a.id, '# Report\n\nA bad rewrite.\n')
    clock.advance(MINUTE)
    const [editRevision] = listRevisions(lib, a.id)

    const restored = restoreRevision(lib, a.id, editRevision!.id, edited.version)
    expect(restored.markdown).toBe(original)
    expect(restored.version).toBe(edited.version + 1)
    const list = listRevisions(lib, a.id)
    expect(list.map((r) => r.reason)).toEqual(['restore', 'edit'])
    expect(getRevision(lib, a.id, list[0]!.id).markdown).toBe('# Report\n\nA bad rewrite.\n')

    // Undo the restore: restore the revision the restore kept.
    const undone = restoreRevision(lib, a.id, list[0]!.id, restored.version)
    expect(undone.markdown).toBe('# Report\n\nA bad rewrite.\n')
    expect(reasons(lib, a.id)).toEqual(['restore', 'restore', 'edit'])
  })

  it('refuses to restore over a version it was not based on, changing nothing', () => {
    const { lib, clock } = setup()
    const a = createArticle(lib, 'v1\n')
    save(lib, a.id, 'v2\n')
    clock.advance(6 * MINUTE)
    const current = save(lib, a.id, 'v3 from another window\n')
    const [, oldest] = listRevisions(lib, a.id)
    const revisionsBefore = listRevisions(lib, a.id)

    let error: unknown
    try {
      restoreRevision(lib, a.id, oldest!.id, current.version - 1)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(BroadsheetError)
    expect((error as BroadsheetError).code).toBe('conflict')
    expect((error as BroadsheetError).current).toMatchObject({
      id: a.id,
      version: current.version,
      markdown: 'v3 from another window\n',
    })
    expect(getArticle(lib, a.id).markdown).toBe('v3 from another window\n')
    expect(listRevisions(lib, a.id)).toEqual(revisionsBefore)
  })

  it('refuses to set metadata over a version it was not based on', () => {
    const { lib } = setup()
    const a = createArticle(lib, '---\ntitle: Mine\n---\nText\n')
    save(lib, a.id, '---\ntitle: Theirs\n---\nText\n')
    expect(() => setArticleMetadata(lib, a.id, { title: 'Stale' }, a.version)).toThrow(
      expect.objectContaining({
        code: 'conflict',
        current: expect.objectContaining({ version: 2 }),
      }),
    )
    expect(getArticle(lib, a.id).title).toBe('Theirs')
    expect(reasons(lib, a.id)).toEqual(['edit'])
  })

  it('reports a revision of another article as not found', () => {
    const { lib } = setup()
    const a = createArticle(lib, 'a\n')
    const b = createArticle(lib, 'b\n')
    save(lib, a.id, 'a2\n')
    const [rev] = listRevisions(lib, a.id)
    expect(() => restoreRevision(lib, b.id, rev!.id)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
    expect(getArticle(lib, b.id).markdown).toBe('b\n')
  })
})
