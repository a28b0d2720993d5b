import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentHash, getArticle } from '../../../src/main/library/articles'
import { checkIndex } from '../../../src/main/library/fts-source'
import type { Ack } from '../../helpers/crash-writer'
import { openTracked, tempDir, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

const ROOT = resolve(import.meta.dirname, '../../..')
const WRITER = join(ROOT, 'tests/helpers/crash-writer.ts')

/**
 * Run the writer until `msAfterReady` after it opened the library, then SIGKILL it.
 * Resolves with the saves it acknowledged.
 */
function runAndKill(dir: string, msAfterReady: number): Promise<Ack[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    let timer: NodeJS.Timeout | undefined
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      out += chunk
      if (timer === undefined && out.includes('ready\n')) {
        timer = setTimeout(() => child.kill('SIGKILL'), msAfterReady)
      }
    })
    child.stderr.on('data', (chunk: string) => (err += chunk))
    // Only a safety net for a writer that never gets ready: a tsx start alone took 13 s with
    // the two cores shared.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', fail)
    child.on('close', (code, signal) => {
      clearTimeout(guard)
      clearTimeout(timer)
      if (signal !== 'SIGKILL' || timer === undefined) {
        fail(new Error(`writer ended by itself (code ${code}, signal ${signal}): ${err}`))
        return
      }
      // Only whole lines were acknowledged; a line cut by the kill is not.
      const lines = out.split('\n').slice(0, -1)
      done(lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Ack))
    })
  })
}

describe('crash safety', () => {
  it('keeps every acknowledged save through repeated SIGKILLs', async () => {
    const dir = join(tempDir(), 'library')
    const acks: Ack[] = []
    const ROUNDS = 8
    for (let round = 0; round < ROUNDS; round++) {
      // The first round may die while the library is still new; later ones mid-stream.
      const delay = round === 0 ? Math.random() * 100 : 200 + Math.random() * 600
      acks.push(...(await runAndKill(dir, delay)))
    }
    expect(acks.length).toBeGreaterThan(20)

    const lib = openTracked(dir)
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(lib.db.pragma('foreign_key_check')).toEqual([])
    checkIndex(lib.db)

    // The last acknowledged write of each article must be there. An update that committed
    // but was killed before it was printed may come after it (version + 1), never before.
    const latest = new Map<string, Ack>()
    const trashed = new Set<string>()
    const starred = new Set<string>()
    for (const a of acks) {
      if (a.op === 'trash') trashed.add(a.id)
      if (a.op === 'state' && a.starred) starred.add(a.id)
      latest.set(a.id, a)
    }
    for (const [id, a] of latest) {
      const article = getArticle(lib, id)
      expect(article.version, `version of ${id}`).toBeGreaterThanOrEqual(a.version)
      expect(article.version, `version of ${id}`).toBeLessThanOrEqual(a.version + 1)
      if (article.version === a.version) {
        expect(contentHash(article.markdown), `text of ${id}`).toBe(a.hash)
      }
      if (trashed.has(id)) expect(article.trashedAt, `trash of ${id}`).not.toBeNull()
      if (starred.has(id)) expect(article.starred, `star of ${id}`).toBe(true)
    }
  }, 240_000)
})
