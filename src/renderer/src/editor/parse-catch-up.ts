/**
 * Parses up to the end of the view whenever the view has moved past the parsed text (a jump
 * to the end of a long article), in short slices so keys still get in between.
 *
 * CodeMirror's own background parser does the same, but within a budget of 3 s of work per
 * 30 s: on a slow or busy machine a megabyte needs more than that, and the far end of the
 * article then stayed unhighlighted for up to half a minute.
 */
import { forceParsing, syntaxTreeAvailable } from '@codemirror/language'
import { type EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view'

/** Parse work per task while catching up, in ms. */
const SLICE_MS = 20

/** Keeps parsing, a slice per task, until the view's text is parsed. */
class CatchUp {
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly view: EditorView) {
    this.schedule()
  }

  update(update: ViewUpdate): void {
    if (update.viewportChanged || update.docChanged) this.schedule()
  }

  private schedule(): void {
    if (this.timer !== null) return
    if (syntaxTreeAvailable(this.view.state, this.view.viewport.to)) return
    this.timer = setTimeout(() => {
      this.timer = null
      forceParsing(this.view, this.view.viewport.to, SLICE_MS)
      this.schedule()
    }, 0)
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer)
  }
}

/** The extension: see the module comment. */
export const parseCatchUp = ViewPlugin.fromClass(CatchUp)
