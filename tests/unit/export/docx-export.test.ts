import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { exportToPath } from '../../../src/main/export/export-articles'
import { renderForExport } from '../../../src/main/export/render-article'
import { htmlText } from '../../../src/main/export/xhtml'
import { createArticle, getArticle } from '../../../src/main/library/articles'
import { tempDir, tempLibrary, useTempLibraries } from '../../helpers/temp-library'
import { seedLibrary } from './fixtures'

useTempLibraries()

/** Everything a DOCX must carry, without images, math or raw HTML (compared word for word). */
const PROSE = `# Der Bericht aus Berlin

Ein Absatz mit **fetten**, _kursiven_, ~~gestrichenen~~ Worten und \`Code\`, dazu ein [Verweis](https://example.org/bericht).

## Zweiter Abschnitt

- Oben eins
  - Unten zwei
    - Ganz unten drei
- Oben vier

1. Erster Schritt
2. Zweiter Schritt

- [x] Erledigte Aufgabe
- [ ] Offene Aufgabe

> Ein Zitat aus dem Archiv.

\`\`\`python
def hallo():
    return "Welt"
\`\`\`

| Stadt | Zeitung |
| ----- | ------- |
| Berlin | Tagesblatt |
| Hamburg | Abendpost |

Schluss mit Fußnote[^n] und [zurück nach oben](#zweiter-abschnitt).

[^n]: Quelle der Meldung.
`

const words = (text: string) => text.match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? []

function docxXml(file: string, part = 'word/document.xml'): string {
  return Buffer.from(unzipSync(readFileSync(file))[part]!).toString('utf8')
}

describe('DOCX export', () => {
  it('writes headings, nested lists, task lists, quotes, code, a table, links and a footnote that Pandoc reads back word for word', async () => {
    const lib = tempLibrary()
    const a = createArticle(lib, PROSE)
    const file = join(tempDir(), 'bericht.docx')
    await exportToPath(lib, { ids: [a.id] }, 'docx', file)
    const xml = docxXml(file)
    expect(xml).toMatch(/<w:pStyle w:val="Title"\/>[\s\S]*Der Bericht aus Berlin/)
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>[\s\S]*Zweiter Abschnitt/)
    // Three list levels, a numbered list, boxes for the task list.
    for (const level of [0, 1, 2]) expect(xml).toContain(`<w:ilvl w:val="${level}"/>`)
    expect(xml).toContain('☑ ')
    expect(xml).toContain('☐ ')
    expect(xml).toMatch(/<w:tbl>[\s\S]*Tagesblatt[\s\S]*<\/w:tbl>/)
    expect(xml).toMatch(/<w:b\/>[\s\S]*fetten/)
    expect(xml).toMatch(/<w:i\/>[\s\S]*kursiven/)
    expect(xml).toMatch(/<w:strike\/>[\s\S]*gestrichenen/)
    expect(xml).toContain('<w:footnoteReference w:id="1"/>')
    expect(docxXml(file, 'word/footnotes.xml')).toContain('Quelle der Meldung.')
    expect(docxXml(file, 'word/_rels/document.xml.rels')).toContain('https://example.org/bericht')
    // A link to a heading leads to its bookmark.
    const bookmark =
      /<w:bookmarkStart w:name="(\w+)" w:id="\d+"\/>[\s\S]{0,400}?Zweiter Abschnitt/.exec(xml)
    expect(bookmark).not.toBeNull()
    expect(xml).toMatch(new RegExp(`w:anchor="${bookmark![1]}"[\\s\\S]*zurück nach oben`))

    // Pandoc reads it back to the words the preview shows, in the same order.
    const plain = execFileSync('pandoc', ['-s', '-f', 'docx', '-t', 'plain', file], {
      encoding: 'utf8',
    })
    const html = renderForExport(getArticle(lib, a.id), { assetUrl: () => null }).html
    const expected = words(htmlText(html))
    expect(words(plain)).toEqual(expected)
    const markdown = execFileSync('pandoc', ['-f', 'docx', '-t', 'gfm', file], { encoding: 'utf8' })
    expect(markdown).toMatch(/-\s+Oben eins\n\s+-\s+Unten zwei\n\s+-\s+Ganz unten drei/)
    expect(markdown).toMatch(/1\.\s+Erster Schritt\s+2\.\s+Zweiter Schritt/)
    expect(markdown).toContain('> Ein Zitat aus dem Archiv.')
    expect(markdown).toContain('    def hallo():\n        return "Welt"')
    expect(markdown).toContain('[Verweis](https://example.org/bericht)')
  })

  it('opens in LibreOffice: it converts the DOCX to PDF with every word of the preview in it', async () => {
    const lib = tempLibrary()
    const a = createArticle(lib, PROSE)
    const dir = tempDir()
    const file = join(dir, 'bericht.docx')
    await exportToPath(lib, { ids: [a.id] }, 'docx', file)
    // Headless LibreOffice has no repair dialog: a file it cannot read fails to convert.
    execFileSync(
      'soffice',
      ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, file],
      { encoding: 'utf8', env: { ...process.env, HOME: dir }, timeout: 120_000 },
    )
    const text = execFileSync('pdftotext', [join(dir, 'bericht.pdf'), '-'], { encoding: 'utf8' })
    const html = renderForExport(getArticle(lib, a.id), { assetUrl: () => null }).html
    // The same words (footnotes move to the page's foot, so compared as a multiset; a footnote
    // mark is a superscript digit that PDF text runs into the word before it).
    const bare = (t: string) =>
      words(t)
        .map((w) => w.replace(/\d+$/, ''))
        .sort()
    expect(bare(text)).toEqual(bare(htmlText(html)))
  }, 180_000)

  it('embeds images and makes a collection with a linked contents list, each article on a new page', async () => {
    const lib = tempLibrary()
    const { ids, images } = seedLibrary(lib)
    const file = join(tempDir(), 'mappe.docx')
    await exportToPath(lib, { ids: [ids[1]!, ids[2]!] }, 'docx', file, {
      combine: true,
      title: 'Mappe',
    })
    const entries = unzipSync(readFileSync(file))
    const media = Object.keys(entries).filter((n) => n.startsWith('word/media/'))
    // The featured image and the body's image are the same asset: stored once or twice, it is that PNG.
    expect(media.length).toBeGreaterThan(0)
    for (const m of media) {
      expect(Buffer.from(entries[m]!)).toEqual(readFileSync(join(lib.dir, images[1]!)))
    }
    const xml = docxXml(file)
    expect(xml).toMatch(
      /w:anchor="article_1"[\s\S]*Ein zweiter Bericht[\s\S]*w:anchor="article_2"[\s\S]*Plain words/,
    )
    expect((xml.match(/<w:pageBreakBefore\/>/g) ?? []).length).toBe(2)
    expect(xml).not.toMatch(/pwned|javascript:/)
    const plain = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', file], { encoding: 'utf8' })
    expect(plain).toMatch(
      /1\. Ein zweiter Bericht\s+2\. Plain words[\s\S]*Ein zweiter Bericht[\s\S]*Plain words/,
    )
  })

  it('writes math as Word equations that Pandoc reads back and LibreOffice shows', async () => {
    const lib = tempLibrary()
    const a = createArticle(
      lib,
      `# Formeln\n\nEuler: $e^{i\\pi}+1=0$ im Satz.\n\n$$\nx = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}\n$$\n\nKaputt: $\\frac{1$ bleibt Text.\n`,
    )
    const dir = tempDir()
    const file = join(dir, 'formeln.docx')
    await exportToPath(lib, { ids: [a.id] }, 'docx', file)
    const xml = docxXml(file)
    // Inline math is an equation in the sentence's paragraph; display math one of its own.
    expect(xml).toMatch(/Euler: <\/w:t><\/w:r><m:oMath\b[\s\S]*?<\/m:oMath>/)
    expect(xml).toMatch(/<m:oMathPara\b[^>]*><m:oMath\b[\s\S]*?<m:f>[\s\S]*?<m:rad>/)
    expect(xml).not.toContain('\\pm')
    // TeX that KaTeX cannot read stays as its text.
    expect(xml).toContain('\\frac{1')

    const markdown = execFileSync('pandoc', ['-f', 'docx', '-t', 'markdown', file], {
      encoding: 'utf8',
    })
    expect(markdown.replace(/\s+/g, '')).toContain('$e^{i\\pi}+1=0$')
    expect(markdown.replace(/\s+/g, '')).toContain('$$x=\\frac{-b\\pm\\sqrt{b^{2}-4ac}}{2a}$$')

    execFileSync(
      'soffice',
      ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, file],
      { encoding: 'utf8', env: { ...process.env, HOME: dir }, timeout: 120_000 },
    )
    const text = execFileSync('pdftotext', [join(dir, 'formeln.pdf'), '-'], { encoding: 'utf8' })
    expect(text).toContain('Euler')
    expect(text).toMatch(/π/)
    expect(text).toMatch(/±/)
  }, 180_000)
})
