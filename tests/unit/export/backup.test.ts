import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportToPath } from '../../../src/main/export/export-articles'
import {
  getArticle,
  setArticleState,
  trashArticle,
  updateArticle,
} from '../../../src/main/library/articles'
import { restoreBackupFile } from '../../../src/main/library/backup'
import { getRevision, listRevisions } from '../../../src/main/library/revisions'
import { TestClock, tempDir, tempLibrary, useTempLibraries } from '../../helpers/temp-library'
import { seedLibrary } from './fixtures'

useTempLibraries()

function history(lib: ReturnType<typeof tempLibrary>, id: string) {
  return listRevisions(lib, id).map((r) => {
    const { id: _revisionId, ...rest } = getRevision(lib, id, r.id)
    return rest
  })
}

describe('JSON backup', () => {
  it('restores documents, state, times, revisions and images exactly, under the same ids', async () => {
    const clock = new TestClock()
    const lib = tempLibrary({ now: clock.now })
    const { ids, images } = seedLibrary(lib)
    clock.advance(3_600_000)
    const edited = getArticle(lib, ids[0]!)
    updateArticle(lib, ids[0]!, edited.markdown + '\nA later line.\n', edited.version)
    setArticleState(lib, ids[0]!, { starred: true, read: true, status: 'ready', progress: 0.4 })
    setArticleState(lib, ids[1]!, { archived: true })
    clock.advance(60_000)
    trashArticle(lib, ids[2]!)

    const file = join(tempDir(), 'backup.json')
    await exportToPath(lib, { ids }, 'json', file)

    const other = tempLibrary()
    const report = restoreBackupFile(other, file)
    expect(report.ids).toEqual(ids)
    expect(report.skipped).toEqual([])
    expect(report.warnings).toEqual([])
    for (const id of ids) {
      const { feedId: _a, ...before } = getArticle(lib, id)
      const { feedId: _b, ...after } = getArticle(other, id)
      expect(after).toEqual(before)
      expect(history(other, id)).toEqual(history(lib, id))
    }
    expect(history(other, ids[0]!).length).toBeGreaterThan(0)
    for (const image of images) {
      expect(readFileSync(join(other.dir, image))).toEqual(readFileSync(join(lib.dir, image)))
    }

    // A second restore changes nothing and says why.
    const again = restoreBackupFile(other, file)
    expect(again.ids).toEqual([])
    expect(again.skipped.map((s) => s.reason)).toEqual(ids.map(() => 'already in the library'))
  })

  it('refuses a file that is not a backup, and restores nothing from it', () => {
    const lib = tempLibrary()
    const file = join(tempDir(), 'bad.json')
    writeFileSync(file, JSON.stringify({ format: 'broadsheet-backup', version: 1 }))
    expect(() => restoreBackupFile(lib, file)).toThrow(
      /not a valid Broadsheet backup.*nothing was restored/,
    )
  })
})
