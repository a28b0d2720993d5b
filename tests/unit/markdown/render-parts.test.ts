import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { InlineCache } from '../../../src/shared/markdown/engine'
import { PartCache } from '../../../src/shared/markdown/part-cache'
import { renderMarkdown, renderMarkdownParts } from '../../../src/shared/markdown/render'
import { ARTICLE, randomEdits } from './random-edits'

// The live preview renders an article in pieces, with line marks counted per piece and inline
// parses reused from the last render; put back together, that must always be the full render
// the exports make, edit after edit.

/** The pieces of a parts render (marks prefixed `X:`, per piece) as one document's HTML. */
function joined(parts: { html: string; line: number }[]): string {
  return parts
    .map((part) =>
      part.html.replace(
        /data-line="X:(-?\d+)"/g,
        (_, n: string) => `data-line="${Number(n) + part.line}"`,
      ),
    )
    .join('')
}

describe('renderMarkdownParts', () => {
  it('joins into exactly what renderMarkdown gives', () => {
    let text = ARTICLE
    for (const edit of randomEdits(ARTICLE, 200, 11)) {
      text = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove)
      const full = renderMarkdown(text)
      const parts = renderMarkdownParts(text)
      expect(parts.parts.map((p) => p.html).join('')).toBe(full.html)
      expect(parts.toc).toEqual(full.toc)
      expect(parts.title).toBe(full.title)
    }
  })

  it('with line marks per piece and inline and block caches, still gives the full render after each edit', () => {
    for (const seed of [6, 21, 22, 23]) {
      const cache = new InlineCache()
      const partCache = new PartCache()
      let text = ARTICLE
      for (const edit of randomEdits(ARTICLE, 150, seed)) {
        text = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove)
        const parts = renderMarkdownParts(text, {
          linePrefix: 'X:',
          blockLines: true,
          inlineCache: cache,
          partCache,
        })
        expect(joined(parts.parts)).toBe(renderMarkdown(text).html)
        expect(parts.toc).toEqual(renderMarkdown(text).toc)
      }
    }
  }, 120_000)

  it('renders again only the blocks an edit touched, and those that depend on the whole', () => {
    const text =
      '# Title\n\nFirst paragraph with **bold**.\n\n- a list\n- of two\n\nSee [the title](#title).\n\n' +
      '```js\nx\n```\n\nA note[^1].\n\n[^1]: The note.\n\nLast paragraph.\n'
    const inlineCache = new InlineCache()
    const partCache = new PartCache()
    const render = (markdown: string) =>
      renderMarkdownParts(markdown, { blockLines: true, linePrefix: 'X:', inlineCache, partCache })
    const first = render(text)
    expect(partCache.reused).toBe(0)
    // 8 blocks: heading, paragraph, list, link paragraph, fence, note paragraph, last
    // paragraph, footnotes (a header too, rendered apart). Typing in the first paragraph
    // keeps all but that one, the link to a heading and the footnotes (both always
    // rendered) and the one with the footnote reference.
    const edited = render(text.replace('First paragraph', 'First long paragraph'))
    expect(edited.parts.length).toBe(first.parts.length)
    expect(partCache.reused).toBe(4)
    expect(joined(edited.parts)).toBe(
      renderMarkdown(text.replace('First paragraph', 'First long paragraph')).html,
    )
    // Lines added above move every block down, and they are still kept (the edited
    // paragraph too, now that it is as it was in the last render).
    render('\n\n' + text.replace('First paragraph', 'First long paragraph'))
    expect(partCache.reused).toBe(5)
    // Other render options: nothing is kept.
    renderMarkdownParts(text, { blockLines: true, linePrefix: 'Y:', inlineCache, partCache })
    expect(partCache.reused).toBe(0)
  })

  it('keeps no old version of the document alive while it is edited', () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    // About 45 KB of paragraphs and lists; every edit lands in another block, as typing
    // around a long draft does.
    let text = Array.from({ length: 600 }, (_, i) =>
      i % 5 === 4
        ? `- item ${i} of a list, with *emphasis*\n- and [a link](https://example.com/${i})\n`
        : `Paragraph ${i}: the harbour bridge reopened on **Monday**, the council said.\n`,
    ).join('\n')
    const options = {
      linePrefix: 'X:',
      blockLines: true,
      inlineCache: new InlineCache(),
      partCache: new PartCache(),
    }
    const edit = (i: number) => {
      const at = text.indexOf(' ', Math.floor((((i * 7919) % 997) / 997) * text.length)) + 1
      text = `${text.slice(0, at)}x${text.slice(at)}`
      renderMarkdownParts(text, options)
    }
    for (let i = 0; i < 50; i++) edit(i)
    gc()
    const before = getHeapStatistics().used_heap_size
    for (let i = 50; i < 450; i++) edit(i)
    gc()
    const grown = getHeapStatistics().used_heap_size - before
    // Keeping a slice of each version (what markdown-it's texts are) grew it by 11 MB.
    expect(grown).toBeLessThan(4_000_000)
  })

  it('gives a block moved down by a new line above it the same HTML', () => {
    const text = '# Title\n\nFirst paragraph.\n\n- a list\n- of two\n\n```js\nx\n```\n'
    const before = renderMarkdownParts(text, { blockLines: true }).parts
    const after = renderMarkdownParts('\n\n' + text, { blockLines: true }).parts
    expect(after.map((p) => p.html)).toEqual(before.map((p) => p.html))
    expect(after.map((p) => p.line)).toEqual(before.map((p) => p.line + 2))
  })

  it('says at the top when the front matter cannot be read, only when asked, and as text', () => {
    const broken =
      '---\ntitle: Notes\n<img src=x onerror=alert(1)> no colon\n---\n\n# Notes\n\nBody.\n'
    const noted = renderMarkdownParts(broken, { frontMatterNotice: true, linePrefix: 'X:' })
    const first = noted.parts[0]!.html
    expect(first).toMatch(
      /^<p class="front-matter-error" role="note" data-line="X:0">Front matter line 3: /,
    )
    expect(first).toContain('fix the YAML to use its fields.')
    expect(first).not.toContain('<img')
    // Nothing else changes: the fields are not used (no header), the body is as it was.
    const plain = renderMarkdownParts(broken, { linePrefix: 'X:' })
    expect(noted.parts.slice(1)).toEqual(plain.parts)
    expect(joined(plain.parts)).not.toContain('front-matter-error')
    expect(renderMarkdown(broken).html).not.toContain('front-matter-error')
    // Readable front matter: no note.
    const fine = renderMarkdownParts('---\ntitle: Notes\n---\nBody.\n', { frontMatterNotice: true })
    expect(fine.parts[0]!.html).not.toContain('front-matter-error')
  })
})
