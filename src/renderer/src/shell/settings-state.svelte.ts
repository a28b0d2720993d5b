/**
 * The settings as the window sees them: loaded from the library once, applied to the page
 * (theme, fonts, sizes as attributes and CSS custom properties on the document root), and
 * written back through `settings.update` on every change, so they persist with the library.
 */
import type { Settings } from '../../../shared/settings'
import { api } from '../api'
import { notify } from './app-state.svelte'
import { SETTINGS_DEFAULTS } from './settings-defaults'

/** Font stacks for the named families; any other value is used as a CSS font-family. */
export const FONT_STACKS: Record<string, string> = {
  serif:
    "Charter, 'Bitstream Charter', 'Sitka Text', Cambria, Georgia, 'Noto Serif', 'DejaVu Serif', serif",
  sans: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif",
  mono: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
}

class SettingsState {
  /** The current settings (defaults until the library answered). */
  value: Settings = $state({ ...SETTINGS_DEFAULTS })
  /** Whether the library's settings have been read. */
  loaded = $state(false)
}

/** The one instance; read `settingsState.value.markReadOnOpen` etc. anywhere in the window. */
export const settingsState = new SettingsState()

/**
 * Put the settings on the document root: `data-theme` (light, dark, sepia, system — the
 * stylesheets follow `prefers-color-scheme` for system) and the reader's custom properties.
 */
export function applySettings(s: Settings, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = s.theme
  root.style.setProperty('--reader-font-family', FONT_STACKS[s.fontFamily] ?? s.fontFamily)
  root.style.setProperty('--reader-font-size', `${s.fontSize}px`)
  root.style.setProperty('--reader-line-height', String(s.lineHeight))
  root.style.setProperty('--reader-width', `${s.contentWidth}rem`)
}

/** Read the settings from the library and apply them. */
export async function loadSettings(): Promise<void> {
  try {
    settingsState.value = await api()['settings.get']({})
  } catch (err) {
    notify(`Settings could not be read (${(err as Error).message}); using the defaults.`)
  }
  settingsState.loaded = true
  applySettings(settingsState.value)
}

/** Change some settings: applied at once, then saved in the library. */
export async function changeSettings(patch: Partial<Settings>): Promise<void> {
  const before = settingsState.value
  settingsState.value = { ...before, ...patch }
  applySettings(settingsState.value)
  try {
    settingsState.value = await api()['settings.update']({ patch })
    applySettings(settingsState.value)
  } catch (err) {
    settingsState.value = before
    applySettings(before)
    notify(`The setting was not saved: ${(err as Error).message}`)
  }
}

/** Make the text one step bigger (`step` 1) or smaller (-1), within the allowed range. */
export function stepFontSize(step: 1 | -1): Promise<void> {
  const size = Math.min(32, Math.max(10, settingsState.value.fontSize + step))
  return changeSettings({ fontSize: size })
}
