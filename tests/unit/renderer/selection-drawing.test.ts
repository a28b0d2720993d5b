import { EditorSelection, EditorState } from '@codemirror/state'
import { describe, expect, it } from 'vitest'
import {
  drawsSelection,
  selectionDrawing,
} from '../../../src/renderer/src/editor/selection-drawing'

const state = () =>
  EditorState.create({
    doc: 'one two one two one',
    extensions: [EditorState.allowMultipleSelections.of(true), selectionDrawing()],
  })

describe('selection drawing', () => {
  it('leaves one cursor to the browser, and draws several that the browser cannot show', () => {
    let s = state()
    expect(drawsSelection(s)).toBe(false)
    s = s.update({ changes: { from: 0, insert: 'x' } }).state
    expect(drawsSelection(s)).toBe(false)

    s = s.update({
      selection: EditorSelection.create([EditorSelection.cursor(1), EditorSelection.cursor(9)]),
    }).state
    expect(s.selection.ranges).toHaveLength(2)
    expect(drawsSelection(s)).toBe(true)
    // Typing at both cursors keeps them drawn.
    s = s.update(s.replaceSelection('y')).state
    expect(s.doc.toString()).toBe('xyone two yone two one')
    expect(drawsSelection(s)).toBe(true)

    s = s.update({ selection: EditorSelection.single(3) }).state
    expect(drawsSelection(s)).toBe(false)
  })
})
