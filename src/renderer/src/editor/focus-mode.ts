/**
 * Focus mode: every paragraph but the one being written fades, and the current line stays
 * near the middle of the editor (typewriter scrolling). Toggled with a compartment, so the
 * document and its history are untouched.
 */
import { Compartment, EditorState, type Extension, RangeSetBuilder } from '@codemirror/state'
import {
  Decoration,
  type DecorationSet,
  EditorView,
  ViewPlugin,
  type ViewUpdate,
} from '@codemirror/view'

const faded = Decoration.line({ class: 'cm-unfocused' })

/** The lines of the paragraph around the cursor: up to the nearest blank lines. */
function currentParagraph(view: EditorView): { first: number; last: number } {
  const doc = view.state.doc
  const at = doc.lineAt(view.state.selection.main.head).number
  let first = at
  let last = at
  while (first > 1 && doc.line(first - 1).text.trim() !== '') first--
  while (last < doc.lines && doc.line(last + 1).text.trim() !== '') last++
  return { first, last }
}

const fadeOthers = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet
    constructor(view: EditorView) {
      this.decorations = this.build(view)
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.selectionSet || update.viewportChanged) {
        this.decorations = this.build(update.view)
      }
    }
    build(view: EditorView): DecorationSet {
      const { first, last } = currentParagraph(view)
      const builder = new RangeSetBuilder<Decoration>()
      // Only the visible lines: the cost stays the same in a 1 MB document.
      for (const { from, to } of view.visibleRanges) {
        for (let pos = from; pos <= to;) {
          const line = view.state.doc.lineAt(pos)
          if (line.number < first || line.number > last) builder.add(line.from, line.from, faded)
          pos = line.to + 1
        }
      }
      return builder.finish()
    }
  },
  { decorations: (plugin) => plugin.decorations },
)

// Every transaction that moves the cursor also centres it.
const typewriter = EditorState.transactionExtender.of((tr) =>
  tr.selection
    ? { effects: EditorView.scrollIntoView(tr.selection.main.head, { y: 'center' }) }
    : null,
)

const focusTheme = EditorView.theme({
  '.cm-line.cm-unfocused': { opacity: '0.3', transition: 'opacity 0.2s' },
})

/** The compartment holding focus mode (empty when off). */
export const focusModeCompartment = new Compartment()

/** Focus mode's extensions when `on`, nothing otherwise. */
export function focusMode(on: boolean): Extension {
  return on ? [fadeOthers, typewriter, focusTheme] : []
}
