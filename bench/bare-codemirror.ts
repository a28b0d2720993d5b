/**
 * The editor bench's second comparator, run in the page: CodeMirror 6 set up as its own
 * examples set it up for Markdown (the same packages and versions the app uses, GFM, default
 * highlighting, history, soft wrap), with none of Broadsheet's extensions, listeners, autosave
 * or panes. Typing into it shows what CodeMirror alone costs per key on the same machine, so
 * the app's own share of a keystroke can be told apart. Bundled by keystroke-timing.ts.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { markdown, markdownLanguage } from '@codemirror/lang-markdown'
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { EditorState } from '@codemirror/state'
import { drawSelection, EditorView, highlightActiveLine, keymap } from '@codemirror/view'

declare global {
  interface Window {
    /** Show `text` in a bare editor filling the page, caret at `caret`, focused. */
    startBareEditor(text: string, caret: number): void
  }
}

window.startBareEditor = (text, caret) => {
  const view = new EditorView({
    parent: document.body,
    state: EditorState.create({
      doc: text,
      selection: { anchor: caret },
      extensions: [
        history(),
        drawSelection(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        markdown({ base: markdownLanguage }),
        syntaxHighlighting(defaultHighlightStyle),
        keymap.of([...historyKeymap, ...defaultKeymap]),
        EditorView.theme({ '&': { height: '100vh' }, '.cm-scroller': { overflow: 'auto' } }),
      ],
    }),
  })
  view.dispatch({ effects: EditorView.scrollIntoView(caret, { y: 'start' }) })
  view.focus()
}
