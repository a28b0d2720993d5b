import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createArticle } from '../../../src/main/library/articles'
import { watchLibraryChanges } from '../../../src/main/library/library-watch'
import { openTracked, tempDir, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

const ROOT = join(import.meta.dirname, '..', '..', '..')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await sleep(20)
}

describe('watchLibraryChanges', () => {
  it('hears an import made by the CLI in another process', async () => {
    const dir = join(tempDir(), 'library')
    const app = openTracked(dir)
    let heard = 0
    const stop = watchLibraryChanges(app, () => heard++, 50)
    try {
      await sleep(150)
      expect(heard).toBe(0)
      const file = join(tempDir(), 'note.md')
      writeFileSync(file, '# From the command line\n\nWritten while the app was open.\n')
      const cli = spawnSync(
        join(ROOT, 'bin', 'broadsheet'),
        ['--library', dir, 'import', '--json', file],
        { encoding: 'utf8' },
      )
      expect(cli.status, cli.stderr).toBe(0)
      await until(() => heard > 0)
      expect(heard).toBeGreaterThan(0)
      // The CLI commits more than once (import, then closing); after that, silence.
      await sleep(200)
      const settled = heard
      await sleep(300)
      expect(heard).toBe(settled)
    } finally {
      stop()
    }
  })

  it('does not report the app’s own writes, and stops when told', async () => {
    const dir = join(tempDir(), 'library')
    const app = openTracked(dir)
    const other = openTracked(dir)
    let heard = 0
    const stop = watchLibraryChanges(app, () => heard++, 30)
    createArticle(app, '# Mine\n')
    await sleep(150)
    expect(heard).toBe(0)

    createArticle(other, '# Theirs\n')
    await until(() => heard > 0)
    expect(heard).toBe(1)

    stop()
    createArticle(other, '# After\n')
    await sleep(150)
    expect(heard).toBe(1)
  })

  it('keeps quiet once the library is closed', async () => {
    const dir = join(tempDir(), 'library')
    const app = openTracked(dir)
    let heard = 0
    const stop = watchLibraryChanges(app, () => heard++, 30)
    app.close()
    await sleep(100)
    expect(heard).toBe(0)
    stop()
  })
})
