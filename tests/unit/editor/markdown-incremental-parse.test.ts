import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { markdownLanguage } from '@codemirror/lang-markdown'
import { TreeFragment, type Tree } from '@lezer/common'
import { describe, expect, it } from 'vitest'
import { rng } from '../../helpers/fuzz-queries'

// The editor's Markdown parser is @lezer/markdown with patches/@lezer+markdown+1.8.1.patch:
// when it reuses the unchanged blocks of the last parse, it takes runs of blocks whole, up to
// a quarter of the text before them, instead of one block at a time from wherever the reuse
// began (every block before the caret, on each key, at the end of a long article). Reuse
// must still give the very tree a fresh parse gives, edit after edit.

const parser = markdownLanguage.parser

/** A long article: headings, paragraphs, lists, tables, quotes, fences, indented code. */
function article(sections: number): string {
  let text = '---\ntitle: A long article\n---\n\n'
  for (let s = 1; s <= sections; s++) {
    text += `## Section ${s}\n\nA paragraph with *emphasis*, \`code\` and [a link](https://example.com/${s}).\nIt runs on to a second line.\n\n`
    text += `- one\n- two\n  - nested\n\n1. first\n2. second\n\n`
    text += `| a | b |\n| --- | --- |\n| ${s} | cell |\n\n> A quote\n> on two lines.\n\n`
    text += s % 3 === 0 ? '```js\nconst x = 1\n```\n\n' : '    indented code\n\n'
  }
  return text
}

/** Things an edit inserts: letters, and pieces that make or break blocks. */
const PIECES = [
  'x',
  ' ',
  '\n',
  '\n\n',
  '- ',
  '# ',
  '```',
  '> ',
  '|',
  '    ',
  '1. ',
  '---\n',
  '*',
  '\n\n    more',
  '\n\n  - item',
]

function parseAgain(text: string, fragments: readonly TreeFragment[]): Tree {
  return parser.parse(text, fragments)
}

describe("the editor's incremental Markdown parse", () => {
  it('runs with the patch for long articles installed', () => {
    const require = createRequire(import.meta.url)
    const file = require.resolve('@lezer/markdown')
    expect(readFileSync(file, 'utf8')).toContain('Math.max(maxAnonSize, (toRelative(cur.from')
  })

  it('gives the tree of a fresh parse after every edit, wherever it lands', () => {
    let text = article(120)
    let tree = parser.parse(text)
    let fragments = TreeFragment.addTree(tree)
    const next = rng(7)
    for (let i = 0; i < 200; i++) {
      // Half the edits near the end, where reuse covers almost the whole article.
      const at = Math.floor((i % 2 === 0 ? 0.9 + next() * 0.1 : next()) * text.length)
      const remove = next() < 0.3 ? Math.floor(next() * 6) : 0
      const insert = PIECES[Math.floor(next() * PIECES.length)]!
      text = text.slice(0, at) + insert + text.slice(at + remove)
      fragments = TreeFragment.applyChanges(fragments, [
        { fromA: at, toA: at + remove, fromB: at, toB: at + insert.length },
      ])
      tree = parseAgain(text, fragments)
      fragments = TreeFragment.addTree(tree, fragments)
      expect(tree.toString()).toBe(parser.parse(text).toString())
    }
  })
})
