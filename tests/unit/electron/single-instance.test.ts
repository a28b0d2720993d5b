import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { markdownPathsFromArgv } from '../../../src/main/electron/single-instance'

const cwd = resolve('/home/me/notes')

describe('markdownPathsFromArgv', () => {
  it('picks Markdown and text files, resolved against cwd, skipping the executable', () => {
    const argv = ['/opt/Broadsheet/broadsheet.md', 'a.md', 'sub/b.MARKDOWN', '/tmp/c.txt', 'd.Md']
    expect(markdownPathsFromArgv(argv, cwd)).toEqual([
      resolve(cwd, 'a.md'),
      resolve(cwd, 'sub/b.MARKDOWN'),
      resolve('/tmp/c.txt'),
      resolve(cwd, 'd.Md'),
    ])
  })

  it('ignores flags, Chromium switches, the app path, other files and URLs', () => {
    const argv = [
      '/usr/bin/electron',
      '.',
      '--allow-file-access-from-files',
      '--original-process-start-time=123',
      '--inspect=9229',
      '-x.md',
      '--file=evil.md',
      'photo.png',
      'README',
      'notes.md.exe',
      'https://example.com/a.md',
      'file:///tmp/a.md',
      '',
      'x\u0000.md',
    ]
    expect(markdownPathsFromArgv(argv, cwd)).toEqual([])
  })

  it('drops duplicates and paths the predicate says are not files', () => {
    const exists = (p: string) => !p.endsWith('missing.md')
    const argv = ['exe', 'a.md', './a.md', resolve(cwd, 'a.md'), 'missing.md']
    expect(markdownPathsFromArgv(argv, cwd, exists)).toEqual([resolve(cwd, 'a.md')])
  })

  it('copes with garbage', () => {
    expect(markdownPathsFromArgv([], cwd)).toEqual([])
    expect(markdownPathsFromArgv(['exe', 1, null, {}, 'a.md'] as never[], cwd)).toEqual([
      resolve(cwd, 'a.md'),
    ])
    expect(markdownPathsFromArgv(undefined as never, cwd)).toEqual([])
  })
})
