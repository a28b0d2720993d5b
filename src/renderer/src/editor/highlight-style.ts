/**
 * Colours for Markdown, YAML and code in the editor, taken from the reader palette's custom
 * properties, so the editor follows the light, dark and sepia themes without its own copies.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import type { Extension } from '@codemirror/state'
import { tags as t } from '@lezer/highlight'

const style = HighlightStyle.define([
  { tag: t.heading1, fontWeight: '700', fontSize: '1.3em' },
  { tag: t.heading2, fontWeight: '700', fontSize: '1.15em' },
  { tag: [t.heading3, t.heading4, t.heading5, t.heading6], fontWeight: '700' },
  { tag: t.strong, fontWeight: '700' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strikethrough, textDecoration: 'line-through' },
  { tag: [t.link, t.url], color: 'var(--reader-accent)' },
  { tag: t.monospace, fontFamily: 'var(--editor-mono-family, monospace)' },
  { tag: [t.processingInstruction, t.contentSeparator, t.meta], color: 'var(--reader-muted)' },
  { tag: t.quote, color: 'var(--reader-muted)', fontStyle: 'italic' },
  { tag: [t.keyword, t.modifier, t.operatorKeyword], color: 'var(--reader-hl-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--reader-hl-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--reader-hl-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--reader-hl-comment)' },
  {
    tag: [t.propertyName, t.definition(t.propertyName), t.attributeName],
    color: 'var(--reader-hl-meta)',
  },
  {
    tag: [t.function(t.variableName), t.typeName, t.className, t.tagName],
    color: 'var(--reader-hl-title)',
  },
  { tag: t.invalid, color: '#cc0000' },
])

/** The editor's syntax colours. */
export function editorHighlighting(): Extension {
  return syntaxHighlighting(style)
}
