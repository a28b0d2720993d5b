/**
 * htmlToMarkdown: web HTML becomes readable Markdown (GFM tables, fenced code with its
 * language, absolute links), and hostile HTML leaves nothing executable. The hostile checks
 * render the Markdown WITHOUT the sanitizer, so they prove the Markdown itself is clean.
 */
import { describe, expect, it } from 'vitest'
import { domToMarkdown, htmlToMarkdown } from '../../../src/shared/html/html-to-markdown'
import { parseHtml } from '../../../src/shared/html/parse-html'
import MarkdownIt from 'markdown-it'
import { renderMarkdown } from '../../../src/shared/markdown/render'
import { findDangers } from './dom'

const BASE = 'https://news.example/world/2026/story.html'

// Plain CommonMark + GFM with HTML on: the tokens show any HTML the Markdown carries itself.
const commonmark = new MarkdownIt({ html: true })

/** Raw HTML tokens markdown-it would pass through (none may exist). */
function rawHtmlTokens(markdown: string): string[] {
  const found: string[] = []
  const walk = (tokens: ReturnType<typeof commonmark.parse>) => {
    for (const t of tokens) {
      if (t.type === 'html_block' || t.type === 'html_inline') found.push(t.content)
      if (t.children) walk(t.children)
    }
  }
  walk(commonmark.parse(markdown, {}))
  return found
}

describe('htmlToMarkdown: structure', () => {
  it('converts headings, emphasis, lists and GFM tables', () => {
    const md = htmlToMarkdown(
      '<h2>Results</h2><p>It was <strong>big</strong> and <em>fast</em>, <del>not slow</del>.</p>' +
        '<ul><li>one</li><li>two</li></ul>' +
        '<table><thead><tr><th>City</th><th>Votes</th></tr></thead>' +
        '<tbody><tr><td>Paris</td><td>12</td></tr></tbody></table>',
    )
    expect(md).toContain('## Results')
    expect(md).toContain('It was **big** and _fast_, ~~not slow~~.')
    expect(md).toContain('- one\n- two')
    expect(md).toMatch(/\| City +\| Votes +\|\n\| -+ \| -+ \|\n\| Paris +\| 12 +\|/)
  })

  it('keeps task lists', () => {
    const md = htmlToMarkdown(
      '<ul><li><input type="checkbox" checked> done</li><li><input type="checkbox"> todo</li></ul>',
    )
    expect(md).toMatch(/- \[x\] +done\n- \[ \] +todo/)
  })

  it('fences code with the language from its class names', () => {
    const cases: [string, string][] = [
      ['<pre><code class="language-typescript">let a = 1</code></pre>', 'typescript'],
      ['<pre class="lang-py"><code>a = 1</code></pre>', 'py'],
      ['<div class="highlight-source-rust"><pre>let a = 1;</pre></div>', 'rust'],
      ['<pre class="brush: js;">var a = 1</pre>', 'js'],
      ['<pre><code data-lang="go">a := 1</code></pre>', 'go'],
      ['<pre><code>plain</code></pre>', ''],
    ]
    for (const [html, lang] of cases) {
      expect(htmlToMarkdown(html), html).toMatch(new RegExp(`^\`\`\`${lang}\\n`))
    }
    const withBackticks = htmlToMarkdown('<pre><code>a ``` b\nc<br>d</code></pre>')
    expect(withBackticks).toBe('````\na ``` b\nc\nd\n````\n')
  })

  it('drops a code language that is not a plain word', () => {
    const md = htmlToMarkdown('<pre><code class="language-js&quot;onload=alert(1)">x</code></pre>')
    expect(md.startsWith('```\n') || md.startsWith('```js\n')).toBe(true)
    expect(md).not.toContain('onload')
  })

  it('makes relative links and images absolute against the base URL', () => {
    const md = htmlToMarkdown(
      '<p><a href="../2025/old.html">older</a> <a href="/about">about</a> ' +
        '<a href="#notes">notes</a> <img src="img/photo.jpg" alt="A photo"></p>',
      { baseUrl: BASE },
    )
    expect(md).toContain('[older](https://news.example/world/2025/old.html)')
    expect(md).toContain('[about](https://news.example/about)')
    expect(md).toContain('[notes](https://news.example/world/2026/story.html#notes)')
    expect(md).toContain('![A photo](https://news.example/world/2026/img/photo.jpg)')
  })

  it('leaves relative links as they are without a base (pasted HTML)', () => {
    expect(htmlToMarkdown('<img src="assets/abc.png" alt="x">')).toBe('![x](assets/abc.png)\n')
  })

  it('uses the real source of lazy-loaded images', () => {
    const md = htmlToMarkdown(
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/big.jpg" alt="lazy">',
      { baseUrl: BASE },
    )
    expect(md).toBe('![lazy](https://news.example/big.jpg)\n')
  })

  it('unwraps a table whose cells hold lists or code instead of keeping HTML', () => {
    const md = htmlToMarkdown(
      '<table><caption>Gamma figures</caption><tr><td><ul><li>alpha</li></ul></td><td><pre><code>beta()</code></pre></td></tr></table>',
    )
    expect(md).toMatch(/^Gamma figures\n/)
    expect(md).toContain('- alpha')
    expect(md).toContain('```\nbeta()\n```')
    expect(rawHtmlTokens(md)).toEqual([])
  })

  it('keeps embedded videos and frames as links, never as embeds', () => {
    const md = htmlToMarkdown(
      '<iframe src="https://www.youtube.com/embed/abc"></iframe>' +
        '<video controls><source src="/media/clip.mp4"></video>' +
        '<iframe src="javascript:alert(1)"></iframe>',
      { baseUrl: BASE },
    )
    expect(md).toBe(
      '[Embedded content: www.youtube.com](https://www.youtube.com/embed/abc)\n\n' +
        '[Video: news.example](https://news.example/media/clip.mp4)\n',
    )
  })

  it('turns table cells outside any table into plain blocks', () => {
    // Readability can leave cells whose table it removed; the GFM plugin would crash on them.
    // (The HTML parser drops such cells, so they are built as Readability leaves them.)
    const root = parseHtml('<div></div>').body
    for (const [tag, text] of [
      ['td', 'first cell'],
      ['th', 'second cell'],
    ] as const) {
      const cell = root.ownerDocument.createElement(tag)
      cell.textContent = text
      root.firstElementChild!.appendChild(cell)
    }
    expect(domToMarkdown(root)).toBe('first cell\n\nsecond cell\n')
  })

  it('keeps text that looks like markup as text', () => {
    const md = htmlToMarkdown(
      '<p>Use &lt;b&gt; for bold, write &amp;amp; and 2 * 3 [not a link]</p>',
    )
    const html = renderMarkdown(md).html
    expect(html).toContain('Use &lt;b&gt; for bold, write &amp;amp; and 2 * 3 [not a link]')
  })

  it('returns an empty string when nothing readable is left', () => {
    expect(htmlToMarkdown('<script>alert(1)</script><style>p{}</style>')).toBe('')
  })
})

/** Hostile HTML as it appears in pages and feeds; each must leave nothing executable. */
const HOSTILE: [string, string][] = [
  ['script', '<p>a</p><script>alert(1)</script>'],
  ['script in svg', '<svg><script>alert(1)</script></svg>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['javascript link', '<a href="javascript:alert(1)">click</a>'],
  ['javascript link, mixed case and tab', '<a href="JaVa&#09;ScRiPt:alert(1)">click</a>'],
  ['javascript link, entity-encoded', '<a href="&#106;avascript:alert(1)">click</a>'],
  ['javascript link, leading space', '<a href="  javascript:alert(1)">click</a>'],
  ['vbscript link', '<a href="vbscript:msgbox(1)">click</a>'],
  ['data: html link', '<a href="data:text/html,<script>alert(1)</script>">click</a>'],
  ['data: svg image', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
  ['javascript image', '<img src="javascript:alert(1)">'],
  [
    'iframe',
    '<iframe src="https://evil.example"></iframe><iframe srcdoc="<script>alert(1)</script>">',
  ],
  ['object and embed', '<object data="evil.swf"></object><embed src="evil.swf">'],
  ['form', '<form action="https://evil.example"><input name=q><button>go</button></form>'],
  ['style with expression', '<p style="background:url(javascript:alert(1))">styled</p>'],
  ['event handlers everywhere', '<div onclick="alert(1)"><p onmouseover="alert(1)">text</p></div>'],
  ['body onload', '<body onload=alert(1)><p>x</p></body>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['base href', '<base href="javascript:alert(1)//"><a href="x">x</a>'],
  ['entity-encoded tag as text', '<p>&lt;img src=x onerror=alert(1)&gt;</p>'],
  ['entity-encoded script as text', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
  ['double-encoded', '<p>&amp;lt;img src=x onerror=alert(1)&amp;gt;</p>'],
  ['markdown link in text', '<p>[click](javascript:alert(1))</p>'],
  ['markdown image in text', '<p>![x](javascript:alert(1))</p>'],
  ['autolink-looking text', '<p>&lt;javascript:alert(1)&gt;</p>'],
  [
    'code fence info string',
    '<pre><code class="language-&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">x</code></pre>',
  ],
  [
    'link title',
    '<a href="https://ok.example" title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">t</a>',
  ],
  [
    'image alt',
    '<img src="https://ok.example/a.png" alt="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">',
  ],
  ['noscript mXSS', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['template', '<template><script>alert(1)</script><img src=x onerror=alert(1)></template>'],
  ['math mXSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  [
    'table kept as HTML by GFM',
    '<table><tr><td><h2 onclick=alert(1)>h</h2><img src=x onerror=alert(1)></td></tr></table>',
  ],
  [
    'video poster',
    '<video poster="javascript:alert(1)"><source src="x" onerror="alert(1)"></video>',
  ],
  ['link element', '<link rel="import" href="https://evil.example/x.html">'],
  ['textarea', '<textarea><img src=x onerror=alert(1)></textarea>'],
  ['comment', '<!--><img src=x onerror=alert(1)>-->'],
  ['html in heading', '<h1>Title <img src=x onerror=alert(1)></h1>'],
  ['checkbox with handler', '<ul><li><input type=checkbox onfocus=alert(1) autofocus> x</li></ul>'],
]

describe('htmlToMarkdown: hostile HTML', () => {
  it.each(HOSTILE)('%s leaves nothing executable', (_name, html) => {
    const md = htmlToMarkdown(html, { baseUrl: BASE })
    expect(rawHtmlTokens(md)).toEqual([])
    // Rendered without the sanitizer: the Markdown alone must be harmless.
    expect(findDangers(renderMarkdown(md).html)).toEqual([])
    expect(md.toLowerCase()).not.toMatch(/(^|[^\\])\]\(\s*(javascript|vbscript|data:text)/)
  })

  it('keeps raster data: images and drops data: links', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo='
    expect(htmlToMarkdown(`<img src="${png}" alt="dot">`)).toBe(`![dot](${png})\n`)
    expect(htmlToMarkdown(`<a href="${png}">see</a>`)).toBe('see\n')
  })
})
