import { EditorState } from '@codemirror/state'
import { ensureSyntaxTree } from '@codemirror/language'
import { describe, expect, it } from 'vitest'
import { markdownWithFrontMatter } from '../../../src/renderer/src/editor/markdown-language'

/** The editor's syntax tree of `doc`: each node as `Name from-to`, top-down. */
function nodes(doc: string): string[] {
  const state = EditorState.create({ doc, extensions: markdownWithFrontMatter() })
  const tree = ensureSyntaxTree(state, doc.length, 5000)!
  const out: string[] = []
  tree.iterate({
    enter: (node) => {
      out.push(`${node.name} ${node.from}-${node.to}`)
    },
  })
  return out
}

// How the editor reads a document's front matter: the YAML between the first two `---` lines
// is highlighted as YAML (its keys, strings, lists), the rest as Markdown.
describe('the editor language: front matter', () => {
  it('reads the block between the first two --- lines as YAML, the rest as Markdown', () => {
    const doc = '---\ntitle: Rivers\ntags: [a, b]\n---\n\n# Heading\n'
    const tree = nodes(doc)
    expect(tree).toContain('FrontMatter 0-34')
    expect(tree).toContain('FrontMatterMark 0-3')
    expect(tree).toContain('FrontMatterMark 31-34')
    // The YAML parser's own nodes, where the keys are.
    expect(tree.filter((n) => n.startsWith('Key'))).toEqual(['Key 4-9', 'Key 18-22'])
    expect(tree).toContain('ATXHeading1 36-45')
  })

  it('closes front matter with ... too', () => {
    expect(nodes('---\na: 1\n...\ntext\n')).toContain('FrontMatter 0-12')
  })

  it('takes --- further down as a rule, and a first line that is not --- as no front matter', () => {
    expect(nodes('Text\n\n---\n\nMore\n').some((n) => n.startsWith('FrontMatter'))).toBe(false)
    expect(nodes('Text\n\n---\n\nMore\n')).toContain('HorizontalRule 6-9')
    expect(nodes('# Title\n---\n').some((n) => n.startsWith('FrontMatter'))).toBe(false)
  })

  it('treats front matter still being typed (no closing line yet) as front matter to the end', () => {
    const tree = nodes('---\ntitle: Rivers\n')
    expect(tree).toContain('FrontMatter 0-18')
    expect(tree).toContain('Key 4-9')
  })
})
