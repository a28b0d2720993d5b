import { describe, expect, it } from 'vitest'
import {
  destinationPaths,
  findImageLinks,
  mayHaveImageLinks,
} from '../../../src/main/import/image-links'

/** The destinations found, as written. */
function raws(text: string): string[] {
  return findImageLinks(text).map((l) => l.raw)
}

describe('findImageLinks', () => {
  it('finds inline images with every destination and title form', () => {
    const text = [
      '![a](images/a.png)',
      '![b](<path with spaces.png>)',
      '![c](./c.jpg "title")',
      "![d](d.gif 'title')",
      '![e](e.webp (title))',
      '![nested [brackets] alt](f.svg)',
      '![g](\n  g(1).avif\n  "multi-line")',
      '[![badge](h.png)](https://example.com)',
    ].join('\n\n')
    expect(raws(text)).toEqual([
      'images/a.png',
      'path with spaces.png',
      './c.jpg',
      'd.gif',
      'e.webp',
      'f.svg',
      'g(1).avif',
      'h.png',
    ])
  })

  it('gives offsets that cover exactly the destination', () => {
    const text = 'x ![a](<my pic.png> "t") y'
    const [link] = findImageLinks(text)
    expect(text.slice(link!.start, link!.end)).toBe('my pic.png')
  })

  it('ignores links that are not images or not valid', () => {
    const text = [
      '[a link](a.png)',
      '\\![escaped](b.png)',
      '![no paren] (c.png)',
      '![unclosed](d.png',
      '![]()',
    ].join('\n\n')
    expect(raws(text)).toEqual([])
  })

  it('finds reference definitions that name image files, not footnotes or other links', () => {
    const text = [
      '![one][a] and ![two][b]',
      '',
      '[a]: images/a.png',
      '  [b]: <b pic.jpg> "Title"',
      '[c]: https://example.com/page',
      '[d]: notes.md',
      '[^1]: figure.png',
      '    [e]: indented-code.png',
    ].join('\n')
    expect(raws(text)).toEqual(['images/a.png', 'b pic.jpg'])
  })

  it('finds HTML img src, whatever the quoting, and not src= inside another attribute', () => {
    const text = [
      '<img src="a.png">',
      "<IMG alt='x' SRC='b.jpg' />",
      '<img src=c.gif>',
      '<img alt="src=wrong.png" src="d.webp">',
      '<imgx src="no.png">',
      '<img data-src="lazy.png">',
    ].join('\n')
    expect(raws(text)).toEqual(['a.png', 'b.jpg', 'c.gif', 'd.webp'])
    expect(findImageLinks(text).every((l) => l.kind === 'html')).toBe(true)
  })

  it('leaves code, comments and front matter alone', () => {
    const text = [
      '---',
      'image: ![fm](front.png)',
      '---',
      '```markdown',
      '![fenced](fenced.png)',
      '```',
      '~~~~',
      '<img src="tilde.png">',
      '~~~~',
      'Inline `![span](span.png)` and ``![double `tick`](double.png)``.',
      '<!-- ![comment](comment.png) -->',
      '![real](real.png)',
    ].join('\r\n')
    expect(raws(text)).toEqual(['real.png'])
  })

  it('treats an unclosed fence as running to the end', () => {
    expect(raws('![a](a.png)\n```\n![b](b.png)\n')).toEqual(['a.png'])
  })

  it('skips the quick test only when no link can be present', () => {
    expect(mayHaveImageLinks('plain text\nwith [brackets] only')).toBe(false)
    expect(mayHaveImageLinks('![x](y.png)')).toBe(true)
    expect(mayHaveImageLinks('[x]: y.png')).toBe(true)
    expect(mayHaveImageLinks('<IMG SRC=y.png>')).toBe(true)
  })
})

describe('destinationPaths', () => {
  const md = (raw: string) => destinationPaths({ raw, kind: 'markdown' })

  it('decodes percent escapes, backslash escapes and entities, dropping query and fragment', () => {
    expect(md('my%20pic.png')).toEqual(['my pic.png', 'my%20pic.png'])
    expect(md('a\\(1\\).png')).toEqual(['a(1).png'])
    expect(md('a&amp;b.png')).toEqual(['a&b.png'])
    expect(md('pic.png?v=2#top')).toEqual(['pic.png', 'pic.png?v=2#top'])
    expect(md('100%.png')).toEqual(['100%.png'])
    expect(destinationPaths({ raw: 'a\\b.png', kind: 'html' })).toEqual(['a\\b.png'])
  })

  it('returns nothing for URLs, data URIs, absolute paths and fragments', () => {
    for (const raw of [
      'https://example.com/a.png',
      'data:image/png;base64,AAAA',
      'file:///etc/passwd',
      '//cdn.example.com/a.png',
      '/etc/passwd',
      '#anchor',
      '',
    ]) {
      expect(md(raw)).toEqual([])
    }
  })
})
