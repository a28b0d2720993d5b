/**
 * XSS corpus: vectors from the public XSS history of Joplin, MarkText, Typora, Obsidian and
 * Zettlr (and the DOMPurify bypasses behind several of them). Each is rendered and sanitized
 * exactly as the app and the exports do, then the result is parsed again and checked by a
 * generic walker (see `dom.ts`).
 */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../../src/shared/markdown/render'
import { sanitizeHtml } from '../../../src/shared/markdown/sanitize-node'
import { findDangers, renderSafe } from './dom'

const fm = (yaml: string, body = 'Body text.\n') => `---\n${yaml}\n---\n${body}`

const VECTORS: [string, string][] = [
  // Raw HTML
  ['script element', '<script>alert(1)</script>'],
  ['script inline in a paragraph', 'text <script>alert(1)</script> text'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['img onerror, newline before =', '<img src="x" onerror\n=alert(1)>'],
  ['img with javascript src, mixed case', "<IMG SRC=JaVaScRiPt:alert('XSS')>"],
  ['svg onload', '<svg onload=alert(1)>'],
  ['svg script', '<svg><script>alert(1)</script></svg>'],
  ['svg style hiding an img', '<svg><style><img src=x onerror=alert(1)></style></svg>'],
  ['body onload', '<body onload=alert(1)>'],
  ['marquee onstart', '<marquee onstart=alert(1)>x</marquee>'],
  ['details ontoggle', '<details open ontoggle=alert(1)><summary>x</summary></details>'],
  ['video source onerror', '<video><source onerror=alert(1)></video>'],
  ['audio src script URL', '<audio src="javascript:alert(1)"></audio>'],
  ['input autofocus onfocus', '<input autofocus onfocus=alert(1)>'],
  ['input image onerror', '<input type=image src=x onerror=alert(1)>'],
  ['isindex action', '<isindex action=javascript:alert(1) type=image>'],
  // Mutation XSS
  [
    'math/mtext/table/mglyph/style',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  ],
  [
    'math/mglyph/style comment',
    '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
  ],
  [
    'form/math/mglyph (DOMPurify 2.0.0 bypass)',
    '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  ],
  ['noscript title', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['template script', '<template><script>alert(1)</script><img src=x onerror=alert(1)></template>'],
  ['textarea title', '<textarea><img title="</textarea><img src=x onerror=alert(1)>">'],
  ['xmp title', '<xmp><img title="</xmp><img src=x onerror=alert(1)>">'],
  ['comment closing early', '<!--><img src=x onerror=alert(1)>-->'],
  ['comment with --!>', '<!-- --!><img src=x onerror=alert(1)> -->'],
  ['comment inside attribute', '<a title="<!--" href="javascript:alert(1)">--></a>'],
  // Script URLs in Markdown
  ['markdown link javascript:', '[x](javascript:alert(1))'],
  ['markdown link, mixed case', '[x](JaVaScRiPt:alert(1))'],
  ['markdown link, tab entity', '[x](jav&#x09;ascript:alert(1))'],
  ['markdown link, encoded j', '[x](&#106;avascript:alert(1))'],
  ['markdown link, &colon;', '[x](javascript&colon;alert(1))'],
  ['markdown link in angle brackets with space', '[x](< javascript:alert(1)>)'],
  ['markdown link vbscript', '[x](vbscript:msgbox(1))'],
  [
    'markdown link data:text/html',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  ],
  ['markdown image javascript:', '![x](javascript:alert(1))'],
  ['markdown image svg data URL', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['image title breaking out', '![x](y.png "\\" onerror=\\"alert(1)")'],
  ['reference link', '[x][r]\n\n[r]: javascript:alert(1)'],
  ['reference link, entity', '[x][r]\n\n[r]: &#x6A;avascript:alert(1)'],
  ['autolink', '<javascript:alert(1)>'],
  ['autolink, mixed case', '<JAVASCRIPT:alert(1)>'],
  ['linkified text', 'see javascript:alert(1) and www.example.com'],
  ['link in a table cell', '| a |\n|---|\n| [x](javascript:alert(1)) |'],
  ['file: link', '[x](file:///etc/passwd)'],
  // Script URLs in raw HTML
  ['a href with leading spaces', '<a href="  javascript:alert(1)">x</a>'],
  ['a href with tab entity', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['a href with newline entity', '<a href="java&#x0A;script:alert(1)">x</a>'],
  ['a href with encoded j', '<a href="&#x6A;avascript:alert(1)">x</a>'],
  ['a href with &colon;', '<a href="javascript&colon;alert(1)">x</a>'],
  ['a href with NUL', '<a href="java\u0000script:alert(1)">x</a>'],
  ['a href vbscript', '<a href="vbscript:msgbox(1)">x</a>'],
  [
    'a href data:text/html',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  ],
  ['a target _self, name clobbering', '<a href="https://e.com" target="_self" name="cookie">x</a>'],
  ['img svg data URL', '<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">'],
  ['img srcset script URL', '<img src="x.png" srcset="javascript:alert(1) 2x">'],
  ['math href', '<math href="javascript:alert(1)"><mi>x</mi></math>'],
  // Embedding and document-level elements
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['iframe src javascript', '<iframe src="javascript:alert(1)"></iframe>'],
  ['object data', '<object data="javascript:alert(1)"></object>'],
  ['embed src', '<embed src="javascript:alert(1)">'],
  [
    'form action and formaction',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button><input type=submit></form>',
  ],
  ['base href', '<base href="javascript:alert(1)//">'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['link rel=import', '<link rel=import href="data:text/html,<script>alert(1)</script>">'],
  ['style @import', "<style>@import 'https://evil.example/x.css';</style>"],
  ['CSS expression()', '<div style="width: expression(alert(1))">x</div>'],
  [
    'CSS url() and position:fixed',
    '<div style="position:fixed;background:url(javascript:alert(1))">x</div>',
  ],
  [
    'forged katex class with style',
    '<span class="katex" style="position:fixed;top:0;background:url(x)">x</span>',
  ],
  // SVG
  ['svg a xlink:href', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
  ['svg a href', '<svg><a href="javascript:alert(1)"><rect width=9 height=9 /></a></svg>'],
  [
    'svg animate href',
    '<svg><a><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
  ],
  ['svg animate values', '<svg><animate attributeName=href values=javascript:alert(1) /></svg>'],
  ['svg set onmouseover', '<svg><set attributeName=onmouseover to=alert(1) /></svg>'],
  [
    'svg foreignObject',
    '<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>',
  ],
  [
    'svg use external',
    '<svg><use href="https://evil.example/x.svg#a"/><use xlink:href="data:image/svg+xml,x#a"/></svg>',
  ],
  ['svg image href', '<svg><image href="javascript:alert(1)"/></svg>'],
  ['svg discard onbegin', '<svg><discard onbegin=alert(1) /></svg>'],
  // Code fences
  ['fence info breaking out', '```"><img src=x onerror=alert(1)>\ncode\n```'],
  ['fence info with attribute', '```js" onmouseover="alert(1)\ncode\n```'],
  ['fence with HTML inside', '```html\n<script>alert(1)</script>\n```'],
  ['mermaid fence', '```mermaid\ngraph TD; A-->B[<img src=x onerror=alert(1)>]\n```'],
  // Math
  ['KaTeX \\href', '$\\href{javascript:alert(1)}{x}$'],
  ['KaTeX \\url', '$\\url{javascript:alert(1)}$'],
  [
    'KaTeX \\htmlClass/\\htmlId/\\htmlData',
    '$\\htmlClass{x}{y}\\htmlId{z}{w}\\htmlData{onclick=alert(1)}{v}$',
  ],
  ['KaTeX \\htmlStyle', '$$\n\\htmlStyle{position:fixed;top:0}{x}\n$$'],
  ['KaTeX \\includegraphics', '$\\includegraphics{javascript:alert(1)}$'],
  ['KaTeX HTML in \\text', '$\\text{<img src=x onerror=alert(1)>}$'],
  ['math fence', '```math\n\\href{javascript:alert(1)}{x}\n```'],
  // Markdown structures
  ['footnote with HTML', 'a[^1]\n\n[^1]: <img src=x onerror=alert(1)>'],
  ['heading with HTML, and a toc', '[[toc]]\n\n# <img src=x onerror=alert(1)> a &lt;script&gt;\n'],
  ['task list item with HTML', '- [ ] <img src=x onerror=alert(1)>'],
  // Front matter
  [
    'front matter title',
    fm("title: '\"><script>alert(1)</script><img src=x onerror=alert(1)>'", '# x\n'),
  ],
  [
    'front matter author and tags',
    fm('author: "<img src=x onerror=alert(1)>"\ntags: ["<svg onload=alert(1)>", ai-generated]'),
  ],
  ['front matter image javascript:', fm('image: "javascript:alert(1)"')],
  ['front matter image breaking out', fm('image: \'x.png" onerror="alert(1)\'')],
  ['front matter image data:text/html', fm('image: "data:text/html,<script>alert(1)</script>"')],
  [
    'front matter source URL javascript:',
    fm('source_url: "javascript:alert(1)"\nsource: "<b onmouseover=alert(1)>x</b>"'),
  ],
  [
    'front matter source URL breaking out',
    fm("url: 'https://x.example/\"><script>alert(1)</script>'"),
  ],
  ['front matter date', fm('date: "<script>alert(1)</script>"')],
  ['TOML front matter', '+++\ntitle = "<script>alert(1)</script>"\n+++\nbody\n'],
]

describe('XSS corpus: render + sanitize leaves nothing that can run', () => {
  it('has at least 40 vectors', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(40)
  })

  it.each(VECTORS)('%s', (_name, markdown) => {
    const html = renderSafe(markdown)
    expect(findDangers(html)).toEqual([])
    // Sanitizing is stable: the output read back by a parser sanitizes to itself, so no
    // mutation is waiting for the next serialisation round.
    expect(sanitizeHtml(html)).toBe(html)
  })

  it('the checker is not blind: it flags unsanitized output', () => {
    const raw = renderMarkdown('<img src=x onerror=alert(1)>\n\n<a href="jav&#x09;ascript:x">a</a>')
    expect(findDangers(raw.html)).toEqual([
      'onerror handler on <img>',
      'href="jav\tascript:x" on <a>',
      'script URL inside href on <a>',
    ])
  })
})
