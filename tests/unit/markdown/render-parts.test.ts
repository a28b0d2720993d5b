import { describe, expect, it } from 'vitest'
import { InlineCache } from '../../../src/shared/markdown/engine'
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

  it('with line marks per piece and an inline cache, still gives the full render after each edit', () => {
    for (const seed of [6, 21, 22, 23]) {
      const cache = new InlineCache()
      let text = ARTICLE
      for (const edit of randomEdits(ARTICLE, 150, seed)) {
        text = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove)
        const parts = renderMarkdownParts(text, {
          linePrefix: 'X:',
          blockLines: true,
          inlineCache: cache,
        })
        expect(joined(parts.parts)).toBe(renderMarkdown(text).html)
        expect(parts.toc).toEqual(renderMarkdown(text).toc)
      }
    }
  }, 120_000)

  it('gives a block moved down by a new line above it the same HTML', () => {
    const text = '# Title\n\nFirst paragraph.\n\n- a list\n- of two\n\n```js\nx\n```\n'
    const before = renderMarkdownParts(text, { blockLines: true }).parts
    const after = renderMarkdownParts('\n\n' + text, { blockLines: true }).parts
    expect(after.map((p) => p.html)).toEqual(before.map((p) => p.html))
    expect(after.map((p) => p.line)).toEqual(before.map((p) => p.line + 2))
  })
})
