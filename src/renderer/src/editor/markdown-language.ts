/**
 * The editor's language: Markdown with GFM (tables, strikethrough, task lists, autolinks),
 * YAML front matter highlighted as YAML, and fenced code highlighted in its own language,
 * each language's parser loaded only when a fence first asks for it.
 */
import { markdown, markdownLanguage } from '@codemirror/lang-markdown'
import { yamlFrontmatter } from '@codemirror/lang-yaml'
import { languages } from '@codemirror/language-data'
import type { Extension } from '@codemirror/state'

/** Markdown (GFM) + YAML front matter + lazily loaded fence languages, with the Markdown keymap. */
export function markdownWithFrontMatter(): Extension {
  return yamlFrontmatter({
    content: markdown({
      base: markdownLanguage,
      codeLanguages: languages,
      addKeymap: true,
      // Typing `<` should not pop up HTML tag completions while writing prose.
      completeHTMLTags: false,
    }),
  })
}
