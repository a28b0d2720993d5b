/**
 * The editor's side of scroll sync: which source line is at the top of the editor, and how
 * to scroll a given line to the top. Lines here are 0-based, like the preview's `data-line`.
 */
import type { EditorView } from '@codemirror/view'

/** The document's top relative to the scroller's content, in px. */
function documentOffset(view: EditorView): number {
  const scroller = view.scrollDOM
  return view.documentTop - scroller.getBoundingClientRect().top + scroller.scrollTop
}

/** The 0-based source line (fractional) at the top of the editor. */
export function topLine(view: EditorView): number {
  const height = view.scrollDOM.scrollTop - documentOffset(view)
  const block = view.lineBlockAtHeight(Math.max(0, height))
  const line = view.state.doc.lineAt(block.from).number - 1
  const fraction = block.height > 0 ? (height - block.top) / block.height : 0
  return line + Math.max(0, Math.min(1, fraction))
}

/** Scroll so that the 0-based source line `line` (fractional) is at the top of the editor. */
export function scrollToLine(view: EditorView, line: number): void {
  const doc = view.state.doc
  const number = Math.min(doc.lines, Math.max(1, Math.floor(line) + 1))
  const block = view.lineBlockAt(doc.line(number).from)
  const fraction = line - Math.floor(line)
  view.scrollDOM.scrollTop = documentOffset(view) + block.top + fraction * block.height
}
