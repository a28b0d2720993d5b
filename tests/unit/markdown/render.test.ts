import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../../src/shared/markdown/render'
import { fragment, renderSafe } from './dom'

/** Render + sanitize, parsed: what the preview and the exports hold. */
const dom = (markdown: string, options?: Parameters<typeof renderMarkdown>[1]) =>
  fragment(renderSafe(markdown, options))
const fm = (yaml: string, body = 'Body text.\n') => `---\n${yaml}\n---\n${body}`

describe('renderMarkdown: CommonMark', () => {
  it('renders headings, emphasis, lists, quotes, code, rules and links', () => {
    const doc = dom(
      '# Title\n\nSome *em* and **strong** and `code`.\n\n1. one\n2. two\n\n> quoted\n\n---\n\n    indented\n\n[a link](/x "t")\n',
    )
    expect(doc.querySelector('h1')?.textContent).toBe('Title')
    expect(doc.querySelector('em')?.textContent).toBe('em')
    expect(doc.querySelector('strong')?.textContent).toBe('strong')
    expect(doc.querySelector('p code')?.textContent).toBe('code')
    expect(doc.querySelectorAll('ol > li')).toHaveLength(2)
    expect(doc.querySelector('blockquote p')?.textContent).toBe('quoted')
    expect(doc.querySelector('hr')).not.toBeNull()
    expect(doc.querySelector('pre code')?.textContent).toBe('indented\n')
    const a = doc.querySelector('a[href="/x"]')
    expect(a?.getAttribute('title')).toBe('t')
    // Relative links stay in the app: no target.
    expect(a?.hasAttribute('target')).toBe(false)
  })

  it('keeps typography as typed and raw HTML that is safe', () => {
    const doc = dom('"Quotes" -- and (c)\n\n<kbd>Ctrl</kbd> <mark>hi</mark>\n')
    expect(doc.querySelector('p')?.textContent).toBe('"Quotes" -- and (c)')
    expect(doc.querySelector('kbd')?.textContent).toBe('Ctrl')
    expect(doc.querySelector('mark')?.textContent).toBe('hi')
  })
})

describe('renderMarkdown: GFM', () => {
  it('renders tables with alignment and strikethrough', () => {
    const doc = dom('| a | b |\n|:--|--:|\n| 1 | ~~2~~ |\n')
    expect(doc.querySelectorAll('table th')).toHaveLength(2)
    expect(doc.querySelector('td s')?.textContent).toBe('2')
    expect(doc.querySelector('th')?.getAttribute('style')).toBeNull()
  })

  it('links bare URLs, opening external links apart from the app', () => {
    const doc = dom('Visit https://example.com/page and www.example.org.\n')
    const links = Array.from(doc.querySelectorAll('a'))
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/page',
      'http://www.example.org',
    ])
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank')
      expect(a.getAttribute('rel')).toBe('noopener noreferrer')
    }
  })

  it('renders task lists with disabled checkboxes', () => {
    const doc = dom('- [ ] todo\n- [x] done\n- plain\n')
    const boxes = Array.from(doc.querySelectorAll('input'))
    expect(boxes).toHaveLength(2)
    expect(boxes.every((b) => b.type === 'checkbox' && b.disabled)).toBe(true)
    expect(boxes.map((b) => b.checked)).toEqual([false, true])
    expect(doc.querySelector('ul')?.classList.contains('contains-task-list')).toBe(true)
    expect(doc.querySelectorAll('li.task-list-item')).toHaveLength(2)
  })
})

describe('renderMarkdown: footnotes', () => {
  it('links references and notes both ways', () => {
    const doc = dom('Claim[^src] and another[^2].\n\n[^src]: The source.\n[^2]: Second.\n')
    const refs = Array.from(doc.querySelectorAll('sup.footnote-ref a'))
    expect(refs.map((a) => a.getAttribute('href'))).toEqual(['#fn1', '#fn2'])
    const notes = Array.from(doc.querySelectorAll('section.footnotes li'))
    expect(notes.map((li) => li.id)).toEqual(['fn1', 'fn2'])
    expect(notes[0]?.textContent).toContain('The source.')
    expect(notes[0]?.querySelector('a.footnote-backref')?.getAttribute('href')).toBe('#fnref1')
  })
})

describe('renderMarkdown: heading anchors and table of contents', () => {
  const text = '# Intro\n\n## Links\n\n## Links\n\n### 中文 标题\n\n## Ünïcode & `code`!\n\n## \n'

  it('gives every heading a stable, unique, prefixed id in any script', () => {
    const first = renderMarkdown(text)
    expect(first.toc).toEqual([
      { level: 1, text: 'Intro', id: 'h-intro' },
      { level: 2, text: 'Links', id: 'h-links' },
      { level: 2, text: 'Links', id: 'h-links-1' },
      { level: 3, text: '中文 标题', id: 'h-中文-标题' },
      { level: 2, text: 'Ünïcode & code!', id: 'h-ünïcode-code' },
    ])
    // Stable across renders: ids do not leak from one document to the next.
    expect(renderMarkdown(text).toc).toEqual(first.toc)
    // The ids survive sanitizing ("links" alone would be removed as DOM clobbering).
    const doc = dom(text)
    expect(Array.from(doc.querySelectorAll('h1, h2, h3')).map((h) => h.id)).toEqual([
      'h-intro',
      'h-links',
      'h-links-1',
      'h-中文-标题',
      'h-ünïcode-code',
      'h-section',
    ])
  })

  it('points in-document links at the prefixed ids', () => {
    const doc = dom('## Setup\n\nSee [setup](#setup), [again](#h-setup) and [none](#nowhere).\n')
    expect(Array.from(doc.querySelectorAll('p a')).map((a) => a.getAttribute('href'))).toEqual([
      '#h-setup',
      '#h-setup',
      '#nowhere',
    ])
  })

  it('renders [[toc]] and [TOC] as a nested nav list', () => {
    for (const marker of ['[[toc]]', '[TOC]']) {
      const doc = dom(`${marker}\n\n# A\n\n## B\n\n### C\n\n## D\n\n# E\n`)
      const nav = doc.querySelector('nav.table-of-contents')
      expect(nav).not.toBeNull()
      expect(Array.from(nav!.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual([
        '#h-a',
        '#h-b',
        '#h-c',
        '#h-d',
        '#h-e',
      ])
      expect(nav!.querySelector(':scope > ul > li > ul > li > ul > li')?.textContent).toBe('C')
      expect(nav!.querySelectorAll(':scope > ul > li')).toHaveLength(2)
      expect(doc.textContent).not.toContain(marker)
    }
  })

  it('leaves a marker inside other text alone', () => {
    expect(dom('see [[toc]] here\n').querySelector('nav')).toBeNull()
  })
})

describe('renderMarkdown: math', () => {
  it('renders inline and block KaTeX with MathML', () => {
    const doc = dom('Energy $E = mc^2$ here.\n\n$$\n\\frac{a}{b}\n$$\n')
    const inline = doc.querySelector('p .katex')
    expect(inline).not.toBeNull()
    expect(inline!.querySelector('math annotation')?.textContent).toBe('E = mc^2')
    expect(inline!.querySelector('.katex-html [style]')).not.toBeNull()
    const block = doc.querySelector('div.math-display .katex-display')
    expect(block?.querySelector('math mfrac')).not.toBeNull()
  })

  it('keeps the inline styles KaTeX needs, and its SVG', () => {
    const html = renderMarkdown('$$\\sqrt{x^2+1}$$\n').html
    const safe = renderSafe('$$\\sqrt{x^2+1}$$\n')
    expect((safe.match(/style="/g) ?? []).length).toBe((html.match(/style="/g) ?? []).length)
    expect(fragment(safe).querySelector('.katex svg path')?.getAttribute('d')).toBeTruthy()
  })

  it('renders ```math fences and shows bad TeX as an error, without throwing', () => {
    expect(dom('```math\nx^2\n```\n').querySelector('.katex-display')).not.toBeNull()
    const bad = dom('$\\frac{$ and $\\undefinedmacro$\n')
    expect(bad.querySelector('.katex-error')).not.toBeNull()
  })

  it('does not read prices as math', () => {
    expect(dom('It costs $5 and $10.\n').querySelector('.katex')).toBeNull()
  })
})

describe('renderMarkdown: code', () => {
  it('highlights a registered language', () => {
    const doc = dom('```ts\nconst a: number = 1 // one\n```\n')
    const code = doc.querySelector('pre code')
    expect(code?.className).toBe('hljs language-ts')
    expect(code?.querySelector('.hljs-keyword')?.textContent).toBe('const')
    expect(code?.textContent).toBe('const a: number = 1 // one\n')
  })

  it('escapes an unknown language as plain text', () => {
    const doc = dom('```brainfudge\n<b>not bold</b>\n```\n')
    const code = doc.querySelector('pre code')
    expect(code?.className).toBe('hljs language-brainfudge')
    expect(code?.querySelector('b, span')).toBeNull()
    expect(code?.textContent).toBe('<b>not bold</b>\n')
  })

  it('keeps only class-safe characters of a hostile info string', () => {
    const html = renderMarkdown('```"><img src=x onerror=alert(1)>\ncode\n```\n').html
    expect(html).toContain('<pre data-line="0"><code class="hljs language-img">code\n</code></pre>')
    const cpp = dom('```c++ {.x title="y"}\nint a;\n```\n').querySelector('code')
    expect(cpp?.className).toBe('hljs language-c++')
  })
})

describe('renderMarkdown: front matter header', () => {
  const doc = fm(
    [
      'title: The Big Story',
      'author: [Jane Doe, John Roe]',
      'date: 2024-03-05',
      'tags: [Science, AI generated]',
      'image: assets/abc123.png',
      'source: The Paper',
      'source_url: https://paper.example/story',
    ].join('\n'),
    '# The  big story\n\n' + 'word '.repeat(500) + '\n',
  )
  const resolveAsset = (link: string) => `app://assets/${link.slice('assets/'.length)}`

  it('shows title, byline, date, reading time, tags, image and source', () => {
    const root = dom(doc, { resolveAsset })
    const header = root.querySelector('header.article-header')!
    expect(header.querySelector('h1')?.textContent).toBe('The Big Story')
    expect(header.querySelector('.byline')?.textContent).toBe('By Jane Doe and John Roe')
    const time = header.querySelector('time')
    expect(time?.getAttribute('datetime')).toBe('2024-03-05')
    expect(time?.textContent).toBe('March 5, 2024')
    expect(header.querySelector('.reading-time')?.textContent).toBe('3 min read')
    expect(Array.from(header.querySelectorAll('.tag')).map((t) => t.textContent)).toEqual([
      'Science',
      'AI-generated',
    ])
    expect(header.querySelector('.tag.badge.badge-ai')).not.toBeNull()
    expect(header.querySelector('img')?.getAttribute('src')).toBe('app://assets/abc123.png')
    const source = header.querySelector('a')
    expect(source?.getAttribute('href')).toBe('https://paper.example/story')
    expect(source?.textContent).toBe('The Paper')
    expect(source?.getAttribute('rel')).toBe('noopener noreferrer')
    // The front matter itself is never text, and the repeated H1 is not shown twice.
    expect(root.textContent).not.toContain('title:')
    expect(root.querySelectorAll('h1')).toHaveLength(1)
  })

  it('honours wordsPerMinute, header: false and the other AI tag spellings', () => {
    expect(dom(doc, { wordsPerMinute: 100 }).querySelector('.reading-time')?.textContent).toBe(
      '6 min read',
    )
    const plain = dom(doc, { header: false })
    expect(plain.querySelector('header')).toBeNull()
    expect(plain.querySelector('h1')?.textContent).toBe('The  big story')
    expect(plain.textContent).not.toContain('Jane Doe')
    for (const tag of ['ai-generated', 'AI-Generated', 'ai_generated']) {
      expect(dom(fm(`tags: [${tag}]`)).querySelector('.badge-ai')).not.toBeNull()
    }
  })

  it('takes a leading H1 as the title when the front matter has none', () => {
    const root = dom(fm('author: Ann', '# Own Title\n\ntext\n'))
    expect(root.querySelector('header h1')?.textContent).toBe('Own Title')
    expect(root.querySelectorAll('h1')).toHaveLength(1)
    expect(renderMarkdown(fm('author: Ann', '# Own Title\n')).title).toBe('Own Title')
  })

  it('keeps a different H1, and has no header without front matter', () => {
    expect(dom(fm('title: One', '# Two\n')).querySelectorAll('h1')).toHaveLength(2)
    expect(dom('# Only\n\ntext\n').querySelector('header')).toBeNull()
    expect(renderMarkdown('# Only\n').title).toBe('Only')
  })
})

describe('renderMarkdown: source lines', () => {
  /** For each element with data-line, the source line it names must hold its marker. */
  function expectLines(markdown: string, expected: Record<string, number>): void {
    const root = dom(markdown)
    for (const [selector, line] of Object.entries(expected)) {
      const el = root.querySelector(selector)
      expect(el, selector).not.toBeNull()
      expect(el!.getAttribute('data-line'), selector).toBe(String(line))
    }
  }

  const body = [
    '# Heading', // 0
    '', // 1
    'A paragraph', // 2
    'on two lines.', // 3
    '', // 4
    '- item one', // 5
    '- item two', // 6
    '', // 7
    '> quote', // 8
    '', // 9
    '```js', // 10
    'x()', // 11
    '```', // 12
    '', // 13
    '| a | b |', // 14
    '|---|---|', // 15
    '| 1 | 2 |', // 16
    '', // 17
    '***', // 18
    '', // 19
    '$$', // 20
    'x^2', // 21
    '$$', // 22
    '', // 23
    'Note[^n].', // 24
    '', // 25
    '[^n]: The note.', // 26
    '',
  ].join('\n')
  const at = {
    'h1[id]': 0,
    'p[data-line]': 2,
    'li:nth-child(2)': 6,
    blockquote: 8,
    pre: 10,
    table: 14,
    'tbody tr': 16,
    hr: 18,
    'div.math-display': 20,
    'li.footnote-item': 26,
  }

  it('gives block elements their line in a document without front matter', () => {
    expectLines(body, at)
  })

  it('counts the front matter lines, with LF and CRLF', () => {
    const yaml = '---\ntitle: Other\nauthor: X\n---\n'
    const shifted = Object.fromEntries(Object.entries(at).map(([s, n]) => [s, n + 4]))
    expectLines(yaml + body, shifted)
    expectLines((yaml + body).replace(/\n/g, '\r\n'), shifted)
    expectLines('+++\ntitle = "T"\n+++\n' + body, { 'h1[id]': 3, blockquote: 11 })
    // The header stands for the front matter.
    expect(
      dom(yaml + body)
        .querySelector('header')
        ?.getAttribute('data-line'),
    ).toBe('0')
  })

  it('marks the header title with the line of the H1 it replaced', () => {
    const root = dom('---\ntitle: Heading\n---\n\n# Heading\n\ntext\n')
    expect(root.querySelector('header h1')?.getAttribute('data-line')).toBe('4')
    expect(root.querySelector('p[data-line]')?.getAttribute('data-line')).toBe('6')
  })

  it('can be turned off', () => {
    expect(renderMarkdown(body, { sourceLines: false }).html).not.toContain('data-line')
  })
})

describe('renderMarkdown: assets and images', () => {
  it('resolves assets/ links and images, lazily loaded', () => {
    const resolveAsset = (link: string) => '/assets/' + link.replace(/^(?:\.\/)?assets\//, '')
    const root = dom(
      '![pic](assets/ab.png) [file](assets/cd.pdf) ![web](https://x.example/i.png)\n',
      {
        resolveAsset,
      },
    )
    const imgs = Array.from(root.querySelectorAll('img'))
    expect(imgs.map((i) => i.getAttribute('src'))).toEqual([
      '/assets/ab.png',
      'https://x.example/i.png',
    ])
    for (const img of imgs) {
      expect(img.getAttribute('loading')).toBe('lazy')
      expect(img.getAttribute('decoding')).toBe('async')
    }
    expect(root.querySelector('a')?.getAttribute('href')).toBe('/assets/cd.pdf')
    expect(imgs[0]?.getAttribute('alt')).toBe('pic')
  })

  it('leaves asset links as they are without a resolver', () => {
    expect(dom('![p](assets/ab.png)\n').querySelector('img')?.getAttribute('src')).toBe(
      'assets/ab.png',
    )
  })
})
