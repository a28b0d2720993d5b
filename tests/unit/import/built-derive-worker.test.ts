import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectFiles } from '../../../src/main/import/collect-files'
import { READ_AHEAD_MIN_FILES, ReadAhead } from '../../../src/main/import/read-ahead'
import { appBundle } from '../../e2e/app-bundle'

// The desktop app runs the main process from electron-vite's bundle, where there are no
// TypeScript sources for the boot file to load: its import's second thread is the built
// derive-worker.js. Without it the app would import on one thread, about half as fast.
let tmp: string
let main: string
let copy: string

beforeAll(() => {
  main = join(dirname(appBundle()), 'main')
  tmp = mkdtempSync(join(tmpdir(), 'broadsheet-built-worker-'))
  // The bundle leaves packages to node_modules, as the app's out/main does: run a copy placed
  // where Node finds this checkout's packages.
  const cache = join(import.meta.dirname, '../../../node_modules/.cache')
  mkdirSync(cache, { recursive: true })
  copy = mkdtempSync(join(cache, 'broadsheet-built-main-'))
  cpSync(main, copy, { recursive: true })
})

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true })
  rmSync(copy, { recursive: true, force: true })
})

describe('the built app’s import worker', () => {
  it('is built beside the main process’s bundle, which looks for it there', () => {
    expect(existsSync(join(main, 'derive-worker.js'))).toBe(true)
    // The file that starts the worker resolves './derive-worker.js' against itself.
    expect(readFileSync(join(main, 'index.js'), 'utf8')).toContain('"./derive-worker.js"')
  })

  it('derives every file it is given, in plain Node, with no TypeScript sources', () => {
    for (let i = 0; i < READ_AHEAD_MIN_FILES; i++) {
      const file = join(tmp, 'src', `${String(i).padStart(5, '0')}.md`)
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, `---\ntitle: Built ${i}\n---\n\nBody ${i} about pelicans.\n`)
    }
    const { files } = collectFiles([join(tmp, 'src')])
    const entry = pathToFileURL(join(copy, 'derive-worker.js'))
    const ahead = ReadAhead.start(files, 230, entry)
    expect(ahead).not.toBeNull()
    try {
      ahead!.waitUntilReady()
      const answers = files.map((_, i) => ahead!.take(i))
      expect(answers.every((a) => a?.kind === 'derived')).toBe(true)
      const last = answers.at(-1)
      expect(last?.kind === 'derived' && last.article.fts.title).toBe(
        `Built ${READ_AHEAD_MIN_FILES - 1}`,
      )
    } finally {
      ahead!.close()
    }
  })
})
