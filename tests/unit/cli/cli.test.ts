import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The `broadsheet` command as a person runs it: a real process, a real library folder.
const BIN = join(import.meta.dirname, '../../../bin/broadsheet')

let root: string
let library: string
let notes: string

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, BROADSHEET_LIBRARY: '', ...env },
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}
const lib = (...args: string[]) => run(['--library', library, ...args])
const json = <T>(...args: string[]): T => {
  const r = lib(...args, '--json')
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
  return JSON.parse(r.stdout) as T
}

const ARTICLE_A = [
  '---',
  'title: Die Videokamera im Test',
  'author: Jana Berg',
  'date: 2024-03-05',
  'tags: [technik, AI-generated]',
  '# a comment the app must keep',
  'x-custom: keep me',
  '---',
  '',
  'Eine kleine Videokamera für unterwegs.\r\n',
  '![Die Kamera](img/cam.png)',
  '',
].join('\n')
const ARTICLE_B = '# 人工智能的新闻\n\n研究人员说人工智能正在改变新闻业。\n'
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'broadsheet-cli-'))
  library = join(root, 'library')
  notes = join(root, 'notes')
  mkdirSync(join(notes, 'img'), { recursive: true })
  mkdirSync(join(notes, 'deeper'), { recursive: true })
  writeFileSync(join(notes, 'a.md'), ARTICLE_A)
  writeFileSync(join(notes, 'img', 'cam.png'), PNG)
  writeFileSync(join(notes, 'deeper', 'b.markdown'), ARTICLE_B)
  writeFileSync(join(notes, 'c.txt'), 'Plain text notes about a café in Paris.\n')
  writeFileSync(join(notes, 'broken.md'), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]))
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('broadsheet', () => {
  let ids: string[] = []

  it('imports a folder recursively, reporting skipped files as JSON', () => {
    const report = json<{
      imported: number
      ids: string[]
      skipped: { path: string; reason: string }[]
    }>('import', notes)
    expect(report.imported).toBe(3)
    expect(report.ids).toHaveLength(3)
    expect(report.skipped).toEqual([
      { path: join(notes, 'broken.md'), reason: expect.stringMatching(/UTF-8/) },
    ])
    ids = report.ids
  })

  it('lists articles as JSON with the documented fields', () => {
    const items = json<Record<string, unknown>[]>('list')
    expect(items).toHaveLength(3)
    const cam = items.find((a) => a.title === 'Die Videokamera im Test')!
    expect(cam).toMatchObject({
      author: 'Jana Berg',
      publishedAt: '2024-03-05',
      tags: ['technik', 'AI-generated'],
      status: 'draft',
      read: false,
      starred: false,
      archived: false,
    })
    for (const key of ['id', 'createdAt', 'updatedAt', 'wordCount', 'readingMinutes']) {
      expect(cam).toHaveProperty(key)
    }
    expect(json<unknown[]>('list', '--tag', 'technik')).toHaveLength(1)
  })

  it('shows the stored document byte for byte, with the image link rewritten to an asset', () => {
    const cam = json<{ id: string; title: string }[]>('search', 'videokamera')[0]!
    const shown = lib('show', cam.id)
    expect(shown.status).toBe(0)
    const link = /!\[Die Kamera\]\((assets\/[0-9a-f]{64}\.png)\)/.exec(shown.stdout)![1]!
    expect(shown.stdout).toBe(ARTICLE_A.replace('img/cam.png', link))
    expect(readFileSync(join(library, link))).toEqual(PNG)
    const asJson = json<{ markdown: string; id: string }>('show', cam.id.slice(0, 6))
    expect(asJson.markdown).toBe(shown.stdout)
  })

  it('finds substrings, Chinese inside a sentence and unaccented words, with snippets', () => {
    const kamera = json<{ title: string; snippet: string; score: number }[]>('search', 'kamera')
    expect(kamera.map((h) => h.title)).toEqual(['Die Videokamera im Test'])
    expect(kamera[0]!.snippet).toContain('<mark>')
    expect(typeof kamera[0]!.score).toBe('number')
    expect(json<{ title: string }[]>('search', '人工智能').map((h) => h.title)).toEqual([
      '人工智能的新闻',
    ])
    expect(json<{ title: string }[]>('search', 'cafe')).toHaveLength(1)
    const human = lib('search', 'kamera')
    expect(human.stdout).toMatch(/«Videokamera»/)
  })

  it('trashes and restores, and keeps a revision of what was deleted', () => {
    const id = ids[0]!
    expect(lib('rm', id).stdout).toMatch(/to the trash/)
    expect(json<unknown[]>('list')).toHaveLength(2)
    expect(json<unknown[]>('list', '--state', 'trashed')).toHaveLength(1)
    expect(lib('restore', id).status).toBe(0)
    expect(json<unknown[]>('list')).toHaveLength(3)
    const revisions = json<{ reason: string }[]>('revisions', id)
    expect(revisions.map((r) => r.reason)).toEqual(['delete'])
  })

  it('skips an identical re-import', () => {
    const report = json<{ imported: number; skipped: { reason: string }[] }>(
      'import',
      join(notes, 'c.txt'),
    )
    expect(report.imported).toBe(0)
    expect(report.skipped[0]!.reason).toMatch(/already in the library/)
  })

  it('exits 1 with one actionable sentence on failure, 2 on bad usage', () => {
    const missing = lib('show', 'zzzzzzzz')
    expect(missing.status).toBe(1)
    expect(missing.stdout).toBe('')
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(missing.stderr).toMatch(/not found/)

    expect(lib('list', '--limit', 'ten').status).toBe(2)
    expect(lib('frobnicate').status).toBe(2)
    expect(lib('list', '--state', 'sideways').status).toBe(2)
  })

  it('refuses a non-empty folder that is not a library', () => {
    const r = run(['--library', notes, 'list'])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/not a Broadsheet library and is not empty/)
  })

  it('honours BROADSHEET_LIBRARY and prints help and version', () => {
    expect(
      JSON.parse(run(['list', '--json'], { BROADSHEET_LIBRARY: library }).stdout),
    ).toHaveLength(3)
    const help = run(['--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/import/)
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })
})
