import { describe, expect, it } from 'vitest'
import { backgroundColorFor, themeSourceFor } from '../../../src/main/electron/theme'

describe('themeSourceFor', () => {
  it('follows the system unless a light or dark theme is chosen', () => {
    expect(themeSourceFor('system')).toBe('system')
    expect(themeSourceFor('dark')).toBe('dark')
    expect(themeSourceFor('light')).toBe('light')
    // Sepia is a light theme: native scroll bars and controls stay light under it.
    expect(themeSourceFor('sepia')).toBe('light')
    expect(themeSourceFor('neon')).toBe('system')
    expect(themeSourceFor(undefined)).toBe('system')
  })
})

describe('backgroundColorFor', () => {
  it('matches the theme the page will paint', () => {
    expect(backgroundColorFor(true, 'system')).toBe('#1e1e1e')
    expect(backgroundColorFor(false, 'system')).toBe('#ffffff')
    expect(backgroundColorFor(false, 'sepia')).toBe('#f4ecd8')
  })
})
