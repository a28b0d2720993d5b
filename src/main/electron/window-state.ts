// The window's size, position and maximized state, remembered in a small JSON file in the
// library folder. Only types come from Electron: parsing and clamping are tested under Node.
import type { BrowserWindow } from 'electron'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The file, inside the library folder, that holds the window state. */
export const WINDOW_STATE_FILE = 'window-state.json'
/** Size of a window with no (usable) saved state. */
export const DEFAULT_WIDTH = 1200
export const DEFAULT_HEIGHT = 800
/** Smallest size restored (and the window's minimum size). */
export const MIN_WIDTH = 480
export const MIN_HEIGHT = 320
/** Largest file read: the state is a few dozen bytes. */
const MAX_FILE_BYTES = 4096

/** A rectangle in screen coordinates (a display's work area, a window's bounds). */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Where and how to open the window. */
export interface WindowState extends Rect {
  maximized: boolean
}

/**
 * Read a saved window state (`json`, the file's text) and fit it to the current displays'
 * work areas (the first is the primary one): the size is clamped to the display the window
 * overlaps most and the position moved so the whole window is on it. A window that overlaps
 * no display, or missing or invalid state, gives the default: 1200×800 (or smaller to fit)
 * centered on the primary display. Never throws.
 */
export function parseWindowState(json: unknown, displays: readonly Rect[]): WindowState {
  const screens = displays.filter(isRect)
  const primary = screens[0] ?? { x: 0, y: 0, width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT }
  const saved = readSaved(json)
  if (!saved) return centered(DEFAULT_WIDTH, DEFAULT_HEIGHT, primary, false)

  let best: Rect | undefined
  let bestArea = 0
  for (const d of screens) {
    const area = overlap(saved, d)
    if (area > bestArea) [best, bestArea] = [d, area]
  }
  if (!best) return centered(saved.width, saved.height, primary, saved.maximized)
  const width = clamp(saved.width, Math.min(MIN_WIDTH, best.width), best.width)
  const height = clamp(saved.height, Math.min(MIN_HEIGHT, best.height), best.height)
  return {
    x: clamp(saved.x, best.x, best.x + best.width - width),
    y: clamp(saved.y, best.y, best.y + best.height - height),
    width,
    height,
    maximized: saved.maximized,
  }
}

/** Read the state file in `libraryDir` and fit it to `displays` (see `parseWindowState`). */
export function loadWindowState(libraryDir: string, displays: readonly Rect[]): WindowState {
  let text: string | null = null
  try {
    const bytes = readFileSync(join(libraryDir, WINDOW_STATE_FILE))
    if (bytes.length <= MAX_FILE_BYTES) text = bytes.toString('utf8')
  } catch {
    // No saved state yet (or unreadable): the default.
  }
  return parseWindowState(text, displays)
}

/** Write the state file in `libraryDir` (through a temporary file); failures are ignored. */
export function saveWindowState(libraryDir: string, state: WindowState): void {
  const file = join(libraryDir, WINDOW_STATE_FILE)
  try {
    writeFileSync(`${file}.tmp`, `${JSON.stringify(state)}\n`)
    renameSync(`${file}.tmp`, file)
  } catch {
    // A read-only library folder: the window simply opens at the default next time.
  }
}

/** Save `win`'s normal (unmaximized) bounds and maximized state when it closes. */
export function trackWindowState(win: BrowserWindow, libraryDir: string): void {
  win.on('close', () => {
    saveWindowState(libraryDir, { ...win.getNormalBounds(), maximized: win.isMaximized() })
  })
}

function readSaved(json: unknown): WindowState | null {
  if (typeof json !== 'string' || json.length > MAX_FILE_BYTES) return null
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return null
  }
  if (!isRect(value)) return null
  const maximized = (value as { maximized?: unknown }).maximized === true
  return {
    x: Math.round(value.x),
    y: Math.round(value.y),
    width: Math.round(value.width),
    height: Math.round(value.height),
    maximized,
  }
}

const LIMIT = 1_000_000

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const r = value as Record<string, unknown>
  const ok = (n: unknown, min: number): boolean =>
    typeof n === 'number' && Number.isFinite(n) && n >= min && n <= LIMIT
  return ok(r.x, -LIMIT) && ok(r.y, -LIMIT) && ok(r.width, 1) && ok(r.height, 1)
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function centered(width: number, height: number, on: Rect, maximized: boolean): WindowState {
  const w = clamp(width, Math.min(MIN_WIDTH, on.width), on.width)
  const h = clamp(height, Math.min(MIN_HEIGHT, on.height), on.height)
  return {
    x: Math.round(on.x + (on.width - w) / 2),
    y: Math.round(on.y + (on.height - h) / 2),
    width: w,
    height: h,
    maximized,
  }
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(Math.max(n, min), max)
}
