import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  loadWindowState,
  parseWindowState,
  saveWindowState,
  WINDOW_STATE_FILE,
} from '../../../src/main/electron/window-state'

const primary = { x: 0, y: 0, width: 1920, height: 1040 }
const right = { x: 1920, y: 0, width: 1280, height: 1000 }
const small = { x: 0, y: 0, width: 1000, height: 700 }
const DEFAULT = { x: 360, y: 120, width: 1200, height: 800, maximized: false }

describe('parseWindowState', () => {
  it('restores a valid state on a display', () => {
    const json = JSON.stringify({ x: 100, y: 50, width: 900, height: 600, maximized: true })
    expect(parseWindowState(json, [primary])).toEqual({
      x: 100,
      y: 50,
      width: 900,
      height: 600,
      maximized: true,
    })
  })

  it('restores onto a secondary display', () => {
    const json = JSON.stringify({ x: 2000, y: 100, width: 800, height: 600 })
    expect(parseWindowState(json, [primary, right])).toEqual({
      x: 2000,
      y: 100,
      width: 800,
      height: 600,
      maximized: false,
    })
  })

  it.each([
    null,
    undefined,
    '',
    'not json',
    '{',
    'null',
    '[]',
    '42',
    '"x"',
    '{}',
    '{"x":1,"y":2,"width":3}',
    '{"x":"1","y":2,"width":300,"height":300}',
    '{"x":1,"y":2,"width":-300,"height":300}',
    '{"x":1,"y":2,"width":0,"height":300}',
    '{"x":1e400,"y":2,"width":300,"height":300}',
    '{"x":1,"y":2,"width":1e9,"height":300}',
    '{"x":null,"y":2,"width":300,"height":300}',
    '{"x":true,"y":2,"width":300,"height":300}',
    '[1,2,3,4]',
    `{"x":1,"y":2,"width":300,"height":300,"pad":"${'a'.repeat(5000)}"}`,
  ])('gives the centered default for garbage %s', (json) => {
    expect(parseWindowState(json, [primary])).toEqual(DEFAULT)
  })

  it('ignores a non-boolean maximized and prototype keys', () => {
    const json = '{"x":10,"y":10,"width":800,"height":600,"maximized":"yes","__proto__":{"a":1}}'
    expect(parseWindowState(json, [primary])).toEqual({
      x: 10,
      y: 10,
      width: 800,
      height: 600,
      maximized: false,
    })
  })

  it('moves a window that is partly off screen back onto its display', () => {
    const json = JSON.stringify({ x: 1500, y: -200, width: 800, height: 600 })
    expect(parseWindowState(json, [primary])).toMatchObject({ x: 1120, y: 0 })
  })

  it('centers a window saved on a display that is gone, keeping its size', () => {
    const json = JSON.stringify({ x: 5000, y: 3000, width: 800, height: 600, maximized: true })
    expect(parseWindowState(json, [primary])).toEqual({
      x: 560,
      y: 220,
      width: 800,
      height: 600,
      maximized: true,
    })
  })

  it('shrinks a window larger than its display and rounds fractions', () => {
    const json = JSON.stringify({ x: 10.4, y: 10.6, width: 5000, height: 5000 })
    expect(parseWindowState(json, [small])).toEqual({
      x: 0,
      y: 0,
      width: 1000,
      height: 700,
      maximized: false,
    })
  })

  it('grows a tiny window to the minimum size', () => {
    const json = JSON.stringify({ x: 10, y: 10, width: 5, height: 5 })
    expect(parseWindowState(json, [primary])).toMatchObject({ width: 480, height: 320 })
  })

  it('fits the default to a small primary display', () => {
    expect(parseWindowState(null, [small])).toEqual({
      x: 0,
      y: 0,
      width: 1000,
      height: 700,
      maximized: false,
    })
  })

  it('copes with no or garbage displays', () => {
    expect(parseWindowState(null, [])).toEqual({ ...DEFAULT, x: 0, y: 0 })
    const garbage = [null, { x: 'a' }, { x: 0, y: 0, width: NaN, height: 1 }] as never[]
    expect(parseWindowState(null, garbage)).toEqual({ ...DEFAULT, x: 0, y: 0 })
  })
})

describe('loadWindowState / saveWindowState', () => {
  it('round-trips through the library folder and survives a missing or corrupt file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-window-'))
    try {
      expect(loadWindowState(dir, [primary])).toEqual(DEFAULT)
      const state = { x: 10, y: 20, width: 900, height: 700, maximized: true }
      saveWindowState(dir, state)
      expect(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual(state)
      expect(loadWindowState(dir, [primary])).toEqual(state)
      writeFileSync(join(dir, WINDOW_STATE_FILE), '\u0000garbage')
      expect(loadWindowState(dir, [primary])).toEqual(DEFAULT)
      saveWindowState(join(dir, 'missing', 'folder'), state)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
