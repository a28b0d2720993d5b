import { homedir } from 'node:os'
import { join } from 'node:path'

/** Name of the app, as Electron would use it for the user-data folder. */
export const APP_NAME = 'Broadsheet'
/** The SQLite file inside a library folder. */
export const DB_FILE = 'library.db'
/** The folder of content-addressed images inside a library folder. */
export const ASSETS_DIR = 'assets'

/**
 * The folder Electron's `app.getPath('userData')` gives for an app named Broadsheet, computed
 * without Electron so the CLI and the desktop app find the same library.
 */
export function defaultLibraryDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_NAME)
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
    default:
      // Electron follows the XDG base directory spec on Linux and the BSDs.
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME)
  }
}

/**
 * Which library folder to use: `--library DIR` first, then `BROADSHEET_LIBRARY`, then the
 * default. `explicit` says whether the person chose it (only then is a non-empty foreign
 * folder refused; the default folder is shared with Electron's own files).
 */
export function resolveLibraryDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { dir: string; explicit: boolean } {
  if (flag) return { dir: flag, explicit: true }
  if (env.BROADSHEET_LIBRARY) return { dir: env.BROADSHEET_LIBRARY, explicit: true }
  return { dir: defaultLibraryDir(process.platform, env), explicit: false }
}
