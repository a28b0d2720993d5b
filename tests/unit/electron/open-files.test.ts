import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { getArticle } from '../../../src/main/library/articles'
import { openMarkdownFiles } from '../../../src/main/electron/open-files'
import { tempDir, tempLibrary, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

function file(name: string, text: string | Buffer): string {
  const path = join(tempDir(), name)
  writeFileSync(path, text)
  return path
}

describe('openMarkdownFiles', () => {
  it('imports a file the OS opened, byte for byte, and shows it', () => {
    const lib = tempLibrary()
    const text = '---\ntitle: Opened from Finder\nodd: [kept]\n---\n\nBody *here*.\n'
    const opened = openMarkdownFiles(lib, [file('story.md', text)])
    expect(opened.imported).toHaveLength(1)
    expect(opened.problems).toEqual([])
    expect(opened.show).toBe(opened.imported[0])
    const article = getArticle(lib, opened.show!)
    expect(article.title).toBe('Opened from Finder')
    expect(article.markdown).toBe(text)
  })

  it('shows the existing article when the same file is opened again, without a copy', () => {
    const lib = tempLibrary()
    const path = file('again.md', '# Twice\n\nOpened twice.\n')
    const first = openMarkdownFiles(lib, [path])
    const second = openMarkdownFiles(lib, [path])
    expect(second.imported).toEqual([])
    expect(second.problems).toEqual([])
    expect(second.show).toBe(first.show)
    const count = lib.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }
    expect(count.n).toBe(1)
  })

  it('imports what it can and names each file it could not, with the reason', () => {
    const lib = tempLibrary()
    const good = file('good.md', '# Good\n')
    const empty = file('empty.md', '')
    const missing = join(tempDir(), 'gone.md')
    const opened = openMarkdownFiles(lib, [good, empty, missing])
    expect(opened.imported).toHaveLength(1)
    expect(opened.show).toBe(opened.imported[0])
    expect(opened.problems).toHaveLength(2)
    expect(opened.problems.find((p) => p.includes('empty.md'))).toMatch(/empty file/)
    expect(opened.problems.find((p) => p.includes('gone.md'))).toBeDefined()
  })

  it('does nothing for no files', () => {
    const lib = tempLibrary()
    expect(openMarkdownFiles(lib, [])).toEqual({ show: null, imported: [], problems: [] })
  })
})
