import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from '../../../src/main/export/chromium'
import { exportToPath } from '../../../src/main/export/export-articles'
import {
  chromiumPrinter,
  type PdfPrinter,
  setPdfPrinter,
} from '../../../src/main/export/pdf-printer'
import { createArticle } from '../../../src/main/library/articles'
import { tempDir, tempLibrary, useTempLibraries } from '../../helpers/temp-library'
import { seedLibrary } from './fixtures'

useTempLibraries()

// One Chromium for the file (the real printer; each export would otherwise start its own).
let printer: PdfPrinter
beforeAll(() => {
  printer = chromiumPrinter()
  setPdfPrinter(() => ({
    print: (html, settings) => printer.print(html, settings),
    close: async () => {},
  }))
})
afterAll(async () => {
  setPdfPrinter(chromiumPrinter)
  await printer.close()
})

function pdfInfo(file: string): { pages: number; size: string } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]),
    size: /^Page size:\s+(.*)$/m.exec(info)![1]!,
  }
}

const text = (file: string, ...args: string[]) =>
  execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' })

/** Every word's right edge and its page's width, from `pdftotext -bbox`. */
function wordEdges(file: string): { word: string; xMax: number; pageWidth: number }[] {
  const xml = text(file, '-bbox')
  const out: { word: string; xMax: number; pageWidth: number }[] = []
  for (const page of xml.split('<page ').slice(1)) {
    const width = Number(/width="([\d.]+)"/.exec(page)![1])
    for (const m of page.matchAll(/<word [^>]*xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)) {
      out.push({ word: m[2]!, xMax: Number(m[1]), pageWidth: width })
    }
  }
  return out
}

// Printing is slow on a busy shared machine.
describe('PDF export', { timeout: 120_000 }, () => {
  it('prints a collection as one PDF: contents page, each article on its own pages, header and page numbers, nothing past the margin', async () => {
    const lib = tempLibrary()
    const { ids } = seedLibrary(lib)
    const wide = createArticle(
      lib,
      `# Wide things\n\n\`\`\`\n${'x'.repeat(40)}${'LONGCODELINE'.repeat(20)}\n\`\`\`\n\n| ${Array.from({ length: 12 }, (_, i) => `column${i}`).join(' | ')} |\n|${' --- |'.repeat(12)}\n| ${Array.from({ length: 12 }, (_, i) => `v${i}`).join(' | ')} |\n`,
    )
    const file = join(tempDir(), 'collection.pdf')
    await exportToPath(lib, { ids: [ids[2]!, wide.id, ids[0]!] }, 'pdf', file, {
      combine: true,
      pageSize: 'Letter',
      title: 'Die Mappe',
    })
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
    const info = pdfInfo(file)
    expect(info.size).toMatch(/612 x 792 pts \(letter\)/)
    const pages = text(file).split('\f').slice(0, -1)
    expect(pages).toHaveLength(info.pages)
    // The contents page first, in order; then each article starts on a page of its own.
    expect(pages[0]).toMatch(
      /1\. Plain words[\s\S]*2\. Wide things[\s\S]*3\. Die Videokamera im Test/,
    )
    const firstLine = (page: string) => page.split('\n').filter((l) => l.trim())[1]
    const starts = ['Plain words', 'Wide things', 'Die Videokamera im Test'].map((t) =>
      pages.findIndex((p) => firstLine(p) === t),
    )
    expect(starts).toEqual([1, 2, 3])
    // The rich article is longer than a page: it goes on, and nothing comes after it.
    expect(info.pages).toBeGreaterThan(4)
    const rich = pages.slice(3).join('\n')
    expect(rich).toMatch(/Erster Punkt[\s\S]*Ein Zitat aus dem Test[\s\S]*Die Fußnote\./)
    expect(rich).not.toContain('__pwned')
    expect(pages[1]).toContain('Nothing but text here.')
    for (const [i, page] of pages.entries()) {
      expect(page).toContain('Die Mappe') // running header
      expect(page).toContain(`${i + 1}/${info.pages}`) // page numbers
    }
    // Code and tables wrap inside the page: every word ends before the right margin.
    const edges = wordEdges(file)
    expect(edges.some((w) => w.word.includes('LONGCODELINE'))).toBe(true)
    expect(edges.some((w) => w.word === 'v11')).toBe(true)
    for (const w of edges) expect(w.xMax, w.word).toBeLessThanOrEqual(w.pageWidth - 40)
    // The web link stays a link.
    expect(readFileSync(file).toString('latin1')).toContain('https://example.com/kamera')
  })

  it('prints one article per file on A4', async () => {
    const lib = tempLibrary()
    const a = createArticle(lib, '---\ntitle: Short one\n---\n\nOnly a line of text.\n')
    const file = join(tempDir(), 'short.pdf')
    await exportToPath(lib, { ids: [a.id] }, 'pdf', file)
    const info = pdfInfo(file)
    expect(info.size).toMatch(/\(A4\)/)
    expect(info.pages).toBe(1)
    expect(text(file)).toMatch(/Short one[\s\S]*Only a line of text\.[\s\S]*1\/1/)
  })

  it('says how to get Chromium when the one named is missing', () => {
    expect(() => findChromium({ BROADSHEET_CHROMIUM: '/nowhere/chromium' })).toThrow(
      /BROADSHEET_CHROMIUM names \/nowhere\/chromium, which does not exist; point it at/,
    )
  })

  it('never leaves a heading at the foot of a page, apart from its text', async () => {
    const lib = tempLibrary()
    // Sections of uneven length, so page breaks fall at every kind of place.
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    let markdown = '---\ntitle: Many sections\n---\n\n'
    for (let i = 0; i < 50; i++) {
      markdown += `## Section heading ${i}\n\n`
      for (let p = 0, n = 1 + Math.floor(next() * 4); p < n; p++) {
        markdown += `${'word '.repeat(10 + Math.floor(next() * 50)).trim()}.\n\n`
      }
    }
    const a = createArticle(lib, markdown)
    const file = join(tempDir(), 'sections.pdf')
    await exportToPath(lib, { ids: [a.id] }, 'pdf', file)
    const pages = text(file).split('\f').slice(0, -1)
    expect(pages.length).toBeGreaterThan(8)
    for (const page of pages) {
      // Lines of the page between the running header and the page number.
      const body = page
        .split('\n')
        .filter((l) => l.trim())
        .slice(1, -1)
      expect(body.at(-1)).not.toMatch(/^Section heading/)
    }
  })
})
