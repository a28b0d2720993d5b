import { describe, expect, it } from 'vitest'
import {
  formatShortcut,
  hasCommandModifier,
  normalizeShortcut,
} from '../../../src/renderer/src/commands/shortcuts'
import { safeSnippet, viewFilter } from '../../../src/renderer/src/shell/list-source'
import { SETTINGS_DEFAULTS } from '../../../src/renderer/src/shell/settings-defaults'
import { SETTINGS_SCHEMA } from '../../../src/shared/settings'

// The window's pure parts: shortcut spelling, snippet safety, view filters, defaults.
describe('shortcuts', () => {
  it('spell a chord one way whatever the order and case of its parts', () => {
    expect(normalizeShortcut('shift+mod+K')).toBe('Mod+Shift+k')
    expect(normalizeShortcut('Mod+K')).toBe('Mod+k')
    expect(normalizeShortcut('Shift+?')).toBe('Shift+?')
    expect(normalizeShortcut('g  a')).toBe('g a')
    expect(normalizeShortcut('Esc')).toBe('Escape')
    expect(normalizeShortcut('Mod++')).toBe('Mod++')
  })

  it('fire while typing only with Ctrl/Cmd/Alt', () => {
    expect(hasCommandModifier('Mod+k')).toBe(true)
    expect(hasCommandModifier('Alt+Shift+x')).toBe(true)
    expect(hasCommandModifier('Shift+?')).toBe(false)
    expect(hasCommandModifier('j')).toBe(false)
    expect(hasCommandModifier('Escape')).toBe(false)
  })

  it('read as a person would (not on a Mac here)', () => {
    expect(formatShortcut('Mod+K')).toBe('Ctrl+K')
    expect(formatShortcut('g a')).toBe('G then A')
    expect(formatShortcut('Escape')).toBe('Esc')
  })
})

describe('search snippets', () => {
  it('keep <mark> and escape anything else that looks like a tag', () => {
    expect(safeSnippet('a <mark>b</mark> c')).toBe('a <mark>b</mark> c')
    expect(safeSnippet('<img src=x onerror=alert(1)><mark>x</mark>')).toBe(
      '&lt;img src=x onerror=alert(1)><mark>x</mark>',
    )
    expect(safeSnippet('<mark onclick="x">y</mark>')).toBe('&lt;mark onclick="x">y</mark>')
    expect(safeSnippet('</script><script>')).toBe('&lt;/script>&lt;script>')
  })
})

describe('sidebar views', () => {
  it('are library filters the contract accepts', () => {
    expect(viewFilter({ kind: 'all' })).toEqual({ isNot: ['archived'] })
    expect(viewFilter({ kind: 'trash' })).toEqual({ is: ['trashed'] })
    expect(viewFilter({ kind: 'tag', tag: 'x' })).toEqual({ tags: ['x'] })
  })
})

describe('settings defaults in the page', () => {
  it('are the schema defaults', () => {
    expect(SETTINGS_DEFAULTS).toEqual(SETTINGS_SCHEMA.parse({}))
  })
})
