import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { exportToPath } from '../../../src/main/export/export-articles'
import { importPaths } from '../../../src/main/import/markdown-files'
import { createArticle, getArticle } from '../../../src/main/library/articles'
import { tempDir, tempLibrary, useTempLibraries } from '../../helpers/temp-library'
import { seedLibrary } from './fixtures'

useTempLibraries()

describe('Markdown export', () => {
  it('writes each stored document byte for byte with its images beside it, and re-imports identically', async () => {
    const lib = tempLibrary()
    const { ids, images } = seedLibrary(lib)
    const out = join(tempDir(), 'export')
    const result = await exportToPath(lib, { ids }, 'md', out)
    expect(result.documents.map((d) => d.slice(out.length + 1))).toEqual([
      'die-videokamera-im-test.md',
      'ein-zweiter-bericht.md',
      'plain-words.md',
    ])
    expect(readdirSync(join(out, 'assets')).sort()).toEqual(
      images.map((i) => i.slice('assets/'.length)).sort(),
    )
    for (const [i, id] of ids.entries()) {
      expect(readFileSync(result.documents[i]!, 'utf8')).toBe(getArticle(lib, id).markdown)
    }
    for (const image of images) {
      expect(readFileSync(join(out, image))).toEqual(readFileSync(join(lib.dir, image)))
    }

    // The exported folder imported into a new library gives the same documents.
    const other = tempLibrary()
    const report = importPaths(other, [out])
    expect(report.skipped).toEqual([])
    expect(report.warnings).toEqual([])
    const back = report.ids.map((id) => getArticle(other, id).markdown).sort()
    expect(back).toEqual(ids.map((id) => getArticle(lib, id).markdown).sort())
    for (const image of images) {
      expect(readFileSync(join(other.dir, image))).toEqual(readFileSync(join(lib.dir, image)))
    }
  })

  it('drops the front matter on request and keeps the rest of the text exact', async () => {
    const lib = tempLibrary()
    const doc = '---\ntitle: Kept out\n---\r\n\r\nBody  with  spaces\r\n'
    const a = createArticle(lib, doc)
    const file = join(tempDir(), 'one.md')
    await exportToPath(lib, { ids: [a.id] }, 'md', file, { frontMatter: false })
    expect(readFileSync(file, 'utf8')).toBe('\r\nBody  with  spaces\r\n')
  })

  it('gives articles with the same title distinct names and zips the same files', async () => {
    const lib = tempLibrary()
    createArticle(lib, '# Same\n\none\n')
    createArticle(lib, '# Same\n\ntwo\n')
    createArticle(lib, '# same!\n\nthree\n')
    const dir = tempDir()
    const folder = await exportToPath(lib, { all: true }, 'md', join(dir, 'f'))
    expect(folder.documents.map((d) => d.slice(dir.length + 3)).sort()).toEqual([
      'same-2.md',
      'same-3.md',
      'same.md',
    ])
    const zip = await exportToPath(lib, { all: true }, 'md', join(dir, 'all.zip'))
    expect(zip.documents).toEqual([join(dir, 'all.zip')])
    const entries = unzipSync(readFileSync(join(dir, 'all.zip')))
    expect(Object.keys(entries).sort()).toEqual(['same-2.md', 'same-3.md', 'same.md'])
    const texts = Object.values(entries).map((b) => Buffer.from(b).toString('utf8'))
    expect(texts.sort()).toEqual(['# Same\n\none\n', '# Same\n\ntwo\n', '# same!\n\nthree\n'])
  })

  it('refuses to overwrite without force, and replaces with it', async () => {
    const lib = tempLibrary()
    const a = createArticle(lib, '# Fresh\n\nnew text\n')
    const file = join(tempDir(), 'fresh.md')
    writeFileSync(file, 'old text')
    await expect(exportToPath(lib, { ids: [a.id] }, 'md', file)).rejects.toThrow(
      /already exists; choose another --out or add --force/,
    )
    expect(readFileSync(file, 'utf8')).toBe('old text')
    await exportToPath(lib, { ids: [a.id] }, 'md', file, { force: true })
    expect(readFileSync(file, 'utf8')).toBe('# Fresh\n\nnew text\n')
  })

  it('refuses a single file name for many articles, and exports a tag in date order', async () => {
    const lib = tempLibrary()
    createArticle(lib, '---\ntitle: Later\ndate: 2024-05-01\ntags: [x]\n---\nb\n')
    createArticle(lib, '---\ntitle: Earlier\ndate: 2024-01-01\ntags: [x]\n---\na\n')
    createArticle(lib, '---\ntitle: Other\ntags: [y]\n---\nc\n')
    const dir = tempDir()
    await expect(exportToPath(lib, { tag: 'x' }, 'md', join(dir, 'x.md'))).rejects.toThrow(
      /2 articles make 2 files/,
    )
    const r = await exportToPath(lib, { tag: 'x' }, 'md', join(dir, 'x'))
    expect(r.documents.map((d) => d.slice(dir.length + 3))).toEqual(['earlier.md', 'later.md'])
  })
})
