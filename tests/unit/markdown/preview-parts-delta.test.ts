import { describe, expect, it } from 'vitest'
import { InlineCache } from '../../../src/shared/markdown/engine'
import { PartCache } from '../../../src/shared/markdown/part-cache'
import { renderMarkdownParts, type RenderedPart } from '../../../src/shared/markdown/render'
import { applyPartsDelta, diffParts, PartsBaseline } from '../../../src/shared/markdown/parts-delta'
import { ARTICLE, randomEdits } from './random-edits'

// The preview's render worker answers with how the parts changed since its last answer; the
// page rebuilds them. Whatever the edits, the page must end up with exactly the parts the
// worker rendered, lines included, or the preview shows blocks that are not the article's.

/** A render as the worker makes it (marks per piece, both caches). */
function renderer(): (markdown: string) => RenderedPart[] {
  const inlineCache = new InlineCache()
  const partCache = new PartCache()
  return (markdown) =>
    renderMarkdownParts(markdown, { linePrefix: 'X:', blockLines: true, inlineCache, partCache })
      .parts
}

describe('the preview worker’s parts deltas', () => {
  it('rebuild exactly the rendered parts, edit after edit', () => {
    for (const seed of [3, 4, 5]) {
      const render = renderer()
      const worker = new PartsBaseline()
      const page = new PartsBaseline()
      let text = ARTICLE
      for (const edit of randomEdits(ARTICLE, 150, seed)) {
        text = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove)
        const rendered = render(text)
        // Through a structured clone, as postMessage sends it: nothing shared by reference.
        const received = page.apply(structuredClone(worker.diff(rendered)))
        expect(received).toEqual(rendered)
      }
    }
  })

  it('send only the pieces that changed, and keep the page’s own strings for the rest', () => {
    const render = renderer()
    const worker = new PartsBaseline()
    const page = new PartsBaseline()
    const text = '# Title\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n'
    const first = page.apply(structuredClone(worker.diff(render(text))))
    const delta = worker.diff(render(text.replace('Second', 'The second')))
    expect(delta.middle.map((part) => part.html)).toEqual([
      expect.stringContaining('The second paragraph.'),
    ])
    const second = page.apply(structuredClone(delta))
    expect(second.length).toBe(first.length)
    second.forEach((part, i) => {
      if (!part.html.includes('The second')) expect(part).toBe(first[i])
    })
  })

  it('move the lines of pieces left as they were when lines come above them', () => {
    const render = renderer()
    const worker = new PartsBaseline()
    const page = new PartsBaseline()
    const text = '# Title\n\nFirst paragraph.\n\nSecond paragraph.\n'
    page.apply(structuredClone(worker.diff(render(text))))
    // A blank line between two blocks changes no piece's HTML, only the lines below it.
    const spaced = text.replace('First paragraph.\n', 'First paragraph.\n\n\n')
    const rendered = render(spaced)
    const delta = worker.diff(rendered)
    expect(delta.middle).toEqual([])
    const received = page.apply(structuredClone(delta))
    expect(received).toEqual(rendered)
    const second = received.find((part) => part.html.includes('Second'))!
    expect(second.line).toBe(6)
  })

  it('refuse a delta computed against other parts', () => {
    const parts = renderer()('One.\n\nTwo.\n\nThree.\n')
    const delta = diffParts(parts, parts)
    expect(() => applyPartsDelta([], delta)).toThrow(/other parts/)
  })
})
