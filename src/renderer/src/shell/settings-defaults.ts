import type { Settings } from '../../../shared/settings'

/**
 * The settings' defaults, for the moment before the library answers. The same values as the
 * schema's defaults in src/shared/settings.ts (a unit test holds them equal); written out so
 * the page's first script does not carry zod.
 */
export const SETTINGS_DEFAULTS: Readonly<Settings> = {
  readingWordsPerMinute: 230,
  theme: 'system',
  fontFamily: 'serif',
  fontSize: 18,
  vimMode: false,
  markReadOnOpen: true,
  lineHeight: 1.65,
  contentWidth: 42,
  sidebarVisible: true,
}
