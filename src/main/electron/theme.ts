// The `theme` setting as the operating system's light/dark preference for the window.
import type { Settings } from '../../shared/settings'

/** The app's themes, as the `theme` setting names them. */
export type ThemeSetting = Settings['theme']

/**
 * The `nativeTheme.themeSource` for a theme setting: `system` follows the OS (and the page's
 * `prefers-color-scheme` with it), light and dark force it, and sepia is a light theme (so
 * native scroll bars, form controls and the title bar stay light under it).
 */
export function themeSourceFor(theme: unknown): 'system' | 'light' | 'dark' {
  if (theme === 'dark') return 'dark'
  if (theme === 'light' || theme === 'sepia') return 'light'
  return 'system'
}

/** The window background shown before the page paints, so opening does not flash. */
export function backgroundColorFor(dark: boolean, theme: unknown): string {
  if (theme === 'sepia') return '#f4ecd8'
  return dark ? '#1e1e1e' : '#ffffff'
}
