import { describe, expect, it } from 'vitest'
import { parseDesktopEvent } from '../../../src/shared/desktop-events'

describe('parseDesktopEvent', () => {
  it('passes the three known events on as fresh plain objects', () => {
    const extra = { type: 'command', id: 'theme.dark', sender: { evil: true } }
    expect(parseDesktopEvent(extra)).toEqual({ type: 'command', id: 'theme.dark' })
    expect(parseDesktopEvent({ type: 'library-changed', ids: ['x'] })).toEqual({
      type: 'library-changed',
    })
    expect(parseDesktopEvent({ type: 'open-article', id: '0123456789AB' })).toEqual({
      type: 'open-article',
      id: '0123456789AB',
    })
  })

  it.each([
    null,
    undefined,
    'command',
    42,
    [],
    {},
    { type: 'eval', code: 'alert(1)' },
    { type: 'command' },
    { type: 'command', id: '' },
    { type: 'command', id: 'article.new; alert(1)' },
    { type: 'command', id: '__proto__' },
    { type: 'command', id: 'a'.repeat(65) },
    { type: 'open-article', id: '../../etc/passwd' },
    { type: 'open-article', id: 7 },
  ])('refuses %j', (value) => {
    expect(parseDesktopEvent(value)).toBeNull()
  })
})
