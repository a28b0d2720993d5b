/**
 * How the editor shows its cursor and selection: the browser's own caret and selection
 * (coloured by the theme's `caret-color` and `::selection`) while there is one selection, and
 * CodeMirror's drawn ones (`drawSelection`) only while there are several, which the browser
 * cannot show. Drawing costs every keystroke a measure of the cursor's place, a forced layout
 * and a restarted blink animation: about 5 ms of a 12 ms keystroke at p50 on these machines,
 * in a short document as in a 1 MB one (`npm run bench -- editor`, bare CodeMirror with and
 * without it), which is what kept typing over its 16 ms budget.
 */
import { Compartment, EditorState, type Extension } from '@codemirror/state'
import { drawSelection } from '@codemirror/view'

const drawing = new Compartment()
const drawn = drawSelection()

/** Draw the selection only while it has more than one range. */
export function selectionDrawing(): Extension {
  return [
    drawing.of([]),
    EditorState.transactionExtender.of((tr) => {
      const several = (tr.selection ?? tr.startState.selection).ranges.length > 1
      if (several === (drawing.get(tr.startState) === drawn)) return null
      return { effects: drawing.reconfigure(several ? drawn : []) }
    }),
  ]
}

/** Whether `state` draws its selection (it has several ranges): for tests. */
export function drawsSelection(state: EditorState): boolean {
  return drawing.get(state) === drawn
}
