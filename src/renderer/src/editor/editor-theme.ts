/**
 * The editor's look: the reader palette's colours (so it follows the themes), a comfortable
 * prose measure, and no chrome beyond what writing needs.
 */
import { EditorView } from '@codemirror/view'

/** The editor theme. */
export const editorTheme = EditorView.theme({
  '&': {
    height: '100%',
    backgroundColor: 'var(--reader-bg)',
    color: 'var(--reader-fg)',
    fontSize: 'var(--editor-font-size, 15px)',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': {
    fontFamily: 'var(--editor-font-family, ui-monospace, "DejaVu Sans Mono", Menlo, monospace)',
    lineHeight: '1.6',
    overflow: 'auto',
  },
  '.cm-content': {
    maxWidth: '46rem',
    margin: '0 auto',
    padding: '1.5rem 1.25rem 40vh',
    caretColor: 'var(--reader-accent)',
  },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--reader-accent)', borderLeftWidth: '2px' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in srgb, var(--reader-accent) 25%, transparent) !important',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--reader-fg) 4%, transparent)' },
  '.cm-searchMatch': { backgroundColor: 'var(--reader-mark)' },
  '.cm-panels': {
    backgroundColor: 'var(--reader-code-bg)',
    color: 'var(--reader-fg)',
    borderColor: 'var(--reader-border)',
  },
  '.cm-panel input, .cm-panel button': { fontSize: '13px' },
})
