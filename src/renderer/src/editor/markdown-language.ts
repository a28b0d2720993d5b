/**
 * The editor's language: Markdown with GFM (tables, strikethrough, task lists, autolinks),
 * YAML front matter highlighted as YAML, and fenced code highlighted in its own language,
 * each language's parser loaded only when a fence first asks for it.
 *
 * The front matter is a block of the Markdown parser itself (`---` on the first line, up to
 * the next `---` or `...` line), its content parsed by the YAML parser into the same tree. `@codemirror/lang-yaml`'s
 * `yamlFrontmatter` instead wraps Markdown in a grammar of its own whose body is one token
 * running to the end of the document: every keystroke re-read the whole text (a megabyte
 * for a long article) and added a layer of mixed parsing over all of it.
 */
import { markdown, markdownLanguage } from '@codemirror/lang-markdown'
import { yamlLanguage } from '@codemirror/lang-yaml'
import { languages } from '@codemirror/language-data'
import type { Extension } from '@codemirror/state'
import { tags } from '@lezer/highlight'
// Types only (no code of its own is loaded): the parser lang-markdown is built on.
import type { BlockContext, Line, MarkdownConfig } from '@lezer/markdown'

const OPEN = /^---[ \t]*$/
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/

/**
 * `---` on the document's first line opens the front matter; it runs to the next `---` or
 * `...` line (or, while being typed and not yet closed, to the end of the document).
 */
function parseFrontMatter(cx: BlockContext, line: Line): boolean {
  if (cx.lineStart !== 0 || !OPEN.test(line.text)) return false
  const children = [cx.elt('FrontMatterMark', 0, line.text.length)]
  const content: string[] = []
  let contentFrom = -1
  let end = line.text.length
  let closed = false
  while (cx.nextLine()) {
    if (CLOSE.test(line.text)) {
      closed = true
      break
    }
    if (contentFrom < 0) contentFrom = cx.lineStart
    content.push(line.text)
    end = cx.lineStart + line.text.length
  }
  // The YAML tree goes into the Markdown tree as it is: it is parsed again only when the
  // front matter itself changed (Markdown reuses unchanged blocks).
  if (contentFrom >= 0)
    children.push(cx.elt(yamlLanguage.parser.parse(content.join('\n')), contentFrom))
  if (closed) {
    end = cx.lineStart + line.text.length
    children.push(cx.elt('FrontMatterMark', cx.lineStart, end))
    cx.nextLine()
  }
  cx.addElement(cx.elt('FrontMatter', 0, end, children))
  return true
}

/** Front matter as a Markdown block, its content parsed as YAML. */
const frontMatter: MarkdownConfig = {
  defineNodes: [
    { name: 'FrontMatter', block: true },
    { name: 'FrontMatterMark', style: tags.processingInstruction },
  ],
  parseBlock: [{ name: 'FrontMatter', parse: parseFrontMatter, before: 'HorizontalRule' }],
}

/** Markdown (GFM) + YAML front matter + lazily loaded fence languages, with the Markdown keymap. */
export function markdownWithFrontMatter(): Extension {
  return markdown({
    base: markdownLanguage,
    codeLanguages: languages,
    addKeymap: true,
    // Typing `<` should not pop up HTML tag completions while writing prose.
    completeHTMLTags: false,
    extensions: frontMatter,
  })
}
