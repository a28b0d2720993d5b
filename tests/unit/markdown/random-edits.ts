/**
 * Random editing of a realistic article, shared by the tests of the incremental preview
 * (Chromium) and of the renderer's pieces and inline cache (Node): the edits make and break
 * headings, footnotes, reference definitions, fences, math, front matter, tables, raw and
 * hostile HTML.
 */

/** What a hostile payload runs: it would set `window.__pwned`. */
export const RUN = 'Object.assign(window,{__pwned:1})'

/** A news article using every feature the renderer has, some raw HTML included. */
export const ARTICLE = `---
title: Harbour bridge reopens
author: Ada Writer
date: 2024-05-01
tags: [news, ai-generated]
image: assets/0123abcd.png
---

# Harbour bridge reopens

[[toc]]

The council said the bridge[^1] would reopen on **Monday**, see [the report][report] and
[the timeline](#timeline) or [costs](#h-costs).

## Timeline

- Closed in *March* after a [storm](https://example.com/storm).
- [x] Inspection done
- [ ] Paint

## Timeline

1. First
2. Second with \`code\`

> A quote with $E = mc^2$ inline
> and a second line.

$$
\\int_0^1 x^2 \\, dx
$$

\`\`\`js
const total = items.reduce((a, b) => a + b, 0)
\`\`\`

| item | count |
| --- | ---: |
| bolts | 1200 |
| nuts | 800 |

![The bridge](assets/0123abcd.png)

<div class="note"><b>Raw</b> HTML on one line.</div>

<details>
<summary>More</summary>

Hidden *text* inside details.

</details>

Second note[^note] and an inline one^[Inline footnote text.].

### Costs

The budget www.example.com grew by 5%.[^1] Some <span>inline</span> HTML.

Term
: Definition-like line.

[report]: https://example.com/report "Report"
[^1]: The harbour bridge, built in 1902.
[^note]: Another note with a [link][report].
`

/** What an edit may insert: pieces of Markdown that make or break structure. */
export const SNIPPETS = [
  'x',
  ' ',
  'word ',
  '\n',
  '\n\n',
  '# ',
  '## Timeline\n\n',
  '### Costs\n',
  '[^1]',
  '[^note]',
  '[^new]',
  '\n\n[^new]: A new note.\n\n',
  '\n[^1]: Redefined.\n',
  '^[inline]',
  '[report]',
  '[other]',
  '\n\n[other]: https://example.org/other\n\n',
  '\n[report]: https://example.net/\n',
  '[go](#timeline-1)',
  '```',
  '\n```js\n',
  '\n~~~\n',
  '\n---\n',
  '$x$',
  '$$',
  '\n$$\n',
  '*',
  '_',
  '`',
  '**',
  '> ',
  '- ',
  '1. ',
  '- [ ] ',
  '\n| a | b |\n| - | - |\n| 1 | 2 |\n',
  '|',
  '[[toc]]',
  '\n\n[[toc]]\n\n',
  '![pic](assets/0123abcd.png)',
  '<img src="assets/0123abcd.png" alt="">',
  '<div>',
  '</div>',
  '\n<div>\n\n',
  '\n\n</div>\n',
  '<b>',
  '</b>',
  '<!--',
  '-->',
  '<!-- note -->',
  '<table>',
  '</table>',
  '<p data-line="3">by hand</p>',
  '<svg>',
  '<title>t</title>',
  '\n<style>p{}</style>\n',
  `<img src=x onerror=${RUN}>`,
  `<script>${RUN}</script>`,
  `[js](javascript:${RUN})`,
  '\n    indented code\n',
  'www.example.com ',
  '&amp; &lt;',
  '\\',
]

/** A deterministic pseudo-random sequence (Park–Miller). */
function randomSource(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 48271) % 2147483647
    return state / 2147483647
  }
}

export type Edit = { at: number; remove: number; insert: string }

/** `count` random edits for a text that starts as `text` (positions fitted as it changes). */
export function randomEdits(text: string, count: number, seed: number): Edit[] {
  const random = randomSource(seed)
  const edits: Edit[] = []
  let current = text
  for (let i = 0; i < count; i++) {
    const r = random()
    let edit: Edit
    const at = Math.floor(random() * (current.length + 1))
    if (r < 0.5) {
      edit = { at, remove: 0, insert: SNIPPETS[Math.floor(random() * SNIPPETS.length)]! }
    } else if (r < 0.75) {
      edit = { at, remove: 1 + Math.floor(random() * 30), insert: '' }
    } else if (r < 0.85) {
      // A whole line goes (a heading, a definition, a fence line…).
      const start = current.lastIndexOf('\n', at - 1) + 1
      const end = current.indexOf('\n', at)
      edit = { at: start, remove: (end < 0 ? current.length : end + 1) - start, insert: '' }
    } else if (r < 0.9) {
      // Front matter comes or goes.
      edit = current.startsWith('---\n')
        ? { at: 0, remove: 4, insert: '' }
        : { at: 0, remove: 0, insert: '---\ntitle: Fresh title\ntags: [x]\n---\n\n' }
    } else {
      // A line copied elsewhere.
      const start = current.lastIndexOf('\n', at - 1) + 1
      const end = current.indexOf('\n', at)
      const line = current.slice(start, end < 0 ? current.length : end + 1)
      edit = { at: Math.floor(random() * (current.length + 1)), remove: 0, insert: line }
    }
    current = current.slice(0, edit.at) + edit.insert + current.slice(edit.at + edit.remove)
    edits.push(edit)
  }
  return edits
}
