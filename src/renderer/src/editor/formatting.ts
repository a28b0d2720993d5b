/**
 * Markdown formatting commands (bold, italic, link, heading, quote, code, task) as CodeMirror
 * commands, each applying to every selection range and undoable in one step.
 */
import { EditorSelection, type EditorState, type Line } from '@codemirror/state'
import type { Command, EditorView } from '@codemirror/view'

/**
 * Wrap each selection in `mark` (or unwrap it when it is already wrapped). An empty
 * selection gets the pair with the cursor between.
 */
function toggleWrap(mark: string): Command {
  return (view) => {
    const { state } = view
    const n = mark.length
    const tr = state.changeByRange((range) => {
      const before = state.sliceDoc(range.from - n, range.from)
      const after = state.sliceDoc(range.to, range.to + n)
      if (before === mark && after === mark) {
        return {
          changes: [
            { from: range.from - n, to: range.from },
            { from: range.to, to: range.to + n },
          ],
          range: EditorSelection.range(range.from - n, range.to - n),
        }
      }
      const text = state.sliceDoc(range.from, range.to)
      if (text.length >= 2 * n && text.startsWith(mark) && text.endsWith(mark)) {
        return {
          changes: { from: range.from, to: range.to, insert: text.slice(n, -n) },
          range: EditorSelection.range(range.from, range.to - 2 * n),
        }
      }
      return {
        changes: [
          { from: range.from, insert: mark },
          { from: range.to, insert: mark },
        ],
        range: EditorSelection.range(range.from + n, range.to + n),
      }
    })
    view.dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input.format' }))
    return true
  }
}

/** The lines touched by the selection, each once. */
function selectedLines(state: EditorState): Line[] {
  const seen = new Set<number>()
  const lines: Line[] = []
  for (const range of state.selection.ranges) {
    const last = state.doc.lineAt(range.to).number
    for (let n = state.doc.lineAt(range.from).number; n <= last; n++) {
      if (!seen.has(n)) {
        seen.add(n)
        lines.push(state.doc.line(n))
      }
    }
  }
  return lines
}

/**
 * Toggle a line prefix on every selected line: remove `existing` matches when all lines have
 * one, otherwise replace whatever `existing` matched with `prefix`.
 */
function toggleLinePrefix(prefix: string, existing: RegExp): Command {
  return (view) => {
    const lines = selectedLines(view.state)
    const all = lines.every((l) => existing.test(l.text) && l.text.match(existing)![0] === prefix)
    const changes = lines.map((line) => {
      const found = line.text.match(existing)?.[0] ?? ''
      return { from: line.from, to: line.from + found.length, insert: all ? '' : prefix }
    })
    view.dispatch({ changes, scrollIntoView: true, userEvent: 'input.format' })
    return true
  }
}

/** Cycle the current lines' heading level: none → # → ## → ### → none. */
export const toggleHeading: Command = (view) => {
  const lines = selectedLines(view.state)
  const changes = lines.map((line) => {
    const hashes = /^(#{1,6}) /.exec(line.text)?.[1]?.length ?? 0
    const next = hashes >= 3 ? '' : '#'.repeat(hashes + 1) + ' '
    return { from: line.from, to: line.from + (hashes ? hashes + 1 : 0), insert: next }
  })
  view.dispatch({ changes, scrollIntoView: true, userEvent: 'input.format' })
  return true
}

/** `**bold**` */
export const toggleBold = toggleWrap('**')
/** `*italic*` */
export const toggleItalic = toggleWrap('*')
/** `> ` on each selected line. */
export const toggleQuote = toggleLinePrefix('> ', /^> ?/)
/** `- [ ] ` on each selected line (replacing a plain list bullet). */
export const toggleTask = toggleLinePrefix('- [ ] ', /^(?:[-*+] \[[ xX]\] |[-*+] )/)

/** Inline `code`, or a fenced block when the selection spans lines. */
export const toggleCode: Command = (view) => {
  const { state } = view
  const range = state.selection.main
  const multiline = state.doc.lineAt(range.from).number !== state.doc.lineAt(range.to).number
  if (!multiline) return toggleWrap('`')(view)
  const from = state.doc.lineAt(range.from).from
  const to = state.doc.lineAt(range.to).to
  view.dispatch({
    changes: [
      { from, insert: '```\n' },
      { from: to, insert: '\n```' },
    ],
    userEvent: 'input.format',
  })
  return true
}

/** `[text](url)`: the selection becomes the text and the cursor lands in the URL. */
export const insertLink: Command = (view) => {
  const { state } = view
  const tr = state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to)
    const isUrl = /^https?:\/\/\S+$/.test(text)
    const insert = isUrl ? `[](${text})` : `[${text}]()`
    // A URL selected: the cursor goes into the text; otherwise into the URL.
    const cursor = isUrl ? range.from + 1 : range.from + text.length + 3
    return {
      changes: { from: range.from, to: range.to, insert },
      range: EditorSelection.cursor(cursor),
    }
  })
  view.dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input.format' }))
  return true
}

/** Run `command` on `view` and give the editor focus back (for toolbar and palette use). */
export function runFormat(view: EditorView, command: Command): void {
  command(view)
  view.focus()
}
