import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLibrary } from '../../../src/main/library/open-library'
import { seedLibrary } from './fixtures'

// `broadsheet export` as a person runs it: a real process over a real library folder.
const BIN = join(import.meta.dirname, '../../../bin/broadsheet')

let root: string
let library: string
let ids: string[]

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, BROADSHEET_LIBRARY: '' },
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'broadsheet-export-cli-'))
  library = join(root, 'library')
  const lib = openLibrary(library)
  ids = seedLibrary(lib).ids
  lib.close()
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

// Each run starts Node and tsx; on a busy shared machine that alone can take seconds.
describe('broadsheet export', { timeout: 120_000 }, () => {
  it('exports, refuses to overwrite without --force, and prints no progress bar off a terminal', () => {
    const out = join(root, 'kamera.md')
    const first = run('--library', library, 'export', ids[0]!, '--format', 'md', '--out', out)
    expect(first).toMatchObject({ status: 0, stderr: '' })
    expect(first.stdout).toBe(`Exported 1 article to ${out}.\n`)
    expect(readFileSync(out, 'utf8')).toContain('x-custom: keep me')

    const again = run('--library', library, 'export', ids[0]!, '--format', 'md', '--out', out)
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/already exists; choose another --out or add --force/)
    const forced = run(
      '--library',
      library,
      'export',
      ids[0]!,
      '--format',
      'md',
      '--out',
      out,
      '--no-front-matter',
      '--force',
    )
    expect(forced.status).toBe(0)
    expect(readFileSync(out, 'utf8')).not.toContain('x-custom')
  })

  it('exits 2 for a command used wrongly, and writes nothing', () => {
    const out = join(root, 'nothing.md')
    const noScope = run('--library', library, 'export', '--format', 'md', '--out', out)
    expect(noScope.status).toBe(2)
    expect(noScope.stderr).toMatch(/name article ids, or use --tag, --query or --all/)
    const badFormat = run(
      '--library',
      library,
      'export',
      '--all',
      '--format',
      'pages',
      '--out',
      out,
    )
    expect(badFormat.status).toBe(2)
    expect(badFormat.stderr).toMatch(/md, html, pdf, epub, docx, json/)
    const docx = join(root, 'many.docx')
    const manyToOne = run(
      '--library',
      library,
      'export',
      '--all',
      '--format',
      'docx',
      '--out',
      docx,
    )
    expect(manyToOne.status).toBe(2)
    expect(manyToOne.stderr).toMatch(
      /3 articles make 3 files, but --out names one file; give a folder, a path ending in .zip, or add --combine/,
    )
    expect(existsSync(out)).toBe(false)
    expect(existsSync(docx)).toBe(false)
  })

  it('backs up to JSON and `broadsheet import` restores the same articles under the same ids', () => {
    const backup = join(root, 'backup.json')
    const r = run(
      '--library',
      library,
      'export',
      '--all',
      '--format',
      'json',
      '--out',
      backup,
      '--json',
    )
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'json', articles: 3, documents: [backup] })
    const other = join(root, 'restored')
    const restored = run('--library', other, 'import', backup)
    expect(restored).toMatchObject({ status: 0, stdout: 'Imported 3 articles.\n' })
    const listed = JSON.parse(run('--library', other, 'list', '--json').stdout) as { id: string }[]
    expect(listed.map((a) => a.id).sort()).toEqual([...ids].sort())
  })
})
