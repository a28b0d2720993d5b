import { describe, expect, it } from 'vitest'
import {
  collapse,
  EMPTY_SELECTION,
  inListOrder,
  pruneTo,
  selectEvery,
  selectOne,
  selectRange,
  toggleOne,
} from '../../../src/renderer/src/shell/selection-model'

// The list's selection rules, as a mail client has them: click, Ctrl+click, Shift+click,
// Shift+arrows from an anchor, select all, Esc, and what a reload leaves.
const rows = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id }))

describe('the list selection', () => {
  it('selects one row on a click, which becomes anchor and lead', () => {
    expect(selectOne(rows, 2)).toEqual({ ids: ['c'], anchor: 'c', lead: 'c' })
    expect(selectOne(rows, 99).ids).toEqual(['f'])
    expect(selectOne([], 0)).toEqual(EMPTY_SELECTION)
  })

  it('toggles rows in and out with Ctrl+click', () => {
    let sel = selectOne(rows, 0)
    sel = toggleOne(sel, rows, 3)
    sel = toggleOne(sel, rows, 5)
    expect(sel.ids).toEqual(['a', 'd', 'f'])
    sel = toggleOne(sel, rows, 3)
    expect(sel).toEqual({ ids: ['a', 'f'], anchor: 'd', lead: 'd' })
  })

  it('selects from the anchor with Shift, growing and shrinking around it', () => {
    let sel = selectOne(rows, 2)
    sel = selectRange(sel, rows, 4)
    expect(sel).toEqual({ ids: ['c', 'd', 'e'], anchor: 'c', lead: 'e' })
    sel = selectRange(sel, rows, 3) // Shift+k: one fewer
    expect(sel.ids).toEqual(['c', 'd'])
    sel = selectRange(sel, rows, 0) // past the anchor: the other way
    expect(sel.ids).toEqual(['a', 'b', 'c'])
    expect(sel.anchor).toBe('c')
  })

  it('adds a range to what was selected with Ctrl+Shift+click', () => {
    let sel = selectOne(rows, 0)
    sel = toggleOne(sel, rows, 3) // anchor d
    sel = selectRange(sel, rows, 5, true)
    expect(sel.ids).toEqual(['a', 'd', 'e', 'f'])
  })

  it('starts a range at the row itself when the anchor has gone', () => {
    const sel = selectRange({ ids: ['zz'], anchor: 'zz', lead: 'zz' }, rows, 1)
    expect(sel).toEqual({ ids: ['b'], anchor: 'b', lead: 'b' })
  })

  it('selects every row keeping the lead, and Esc leaves only the lead', () => {
    const all = selectEvery(selectOne(rows, 4), rows)
    expect(all.ids).toHaveLength(6)
    expect(all.lead).toBe('e')
    expect(collapse(all)).toEqual({ ids: ['e'], anchor: 'e', lead: 'e' })
    expect(collapse(EMPTY_SELECTION)).toEqual(EMPTY_SELECTION)
  })

  it('drops rows that left the list on a reload, or selects the row that followed them', () => {
    const sel = { ids: ['b', 'c', 'd'], anchor: 'b', lead: 'd' }
    const after = rows.filter((r) => r.id !== 'c')
    expect(pruneTo(sel, after, 1)).toEqual({ ids: ['b', 'd'], anchor: 'b', lead: 'd' })
    expect(pruneTo(sel, rows, 1)).toBe(sel) // nothing changed: the same object
    // The block b–d trashed: the row that followed it.
    const trashed = rows.filter((r) => !['b', 'c', 'd'].includes(r.id))
    expect(pruneTo(sel, trashed, 1)).toEqual({ ids: ['e'], anchor: 'e', lead: 'e' })
  })

  it('gives the selected rows top to bottom whatever order they were chosen in', () => {
    expect(inListOrder(new Set(['e', 'a', 'c']), rows).map((r) => r.id)).toEqual(['a', 'c', 'e'])
  })
})
