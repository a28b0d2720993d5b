// Which better-sqlite3 binary the Electron app loads. node_modules keeps the build for Node
// (tests, the CLI); Electron gets its own, built by scripts/build-electron-native.mjs into
// build/native/electron-v<abi>-<platform>-<arch>/ and, in a package, shipped as a resource.
// Pure (no Electron), so the paths are tested under Node.
import { join } from 'node:path'

/** The file name of better-sqlite3's native module. */
export const NATIVE_FILE = 'better_sqlite3.node'
/** Where, under a package's resources folder, the Electron build is shipped (electron-builder.yml). */
export const PACKAGED_NATIVE_DIR = 'native'

/** The folder, relative to the project, holding the Electron build for one ABI, platform and arch. */
export function electronNativeDir(abi: string, platform: string, arch: string): string {
  return join('build', 'native', `electron-v${abi}-${platform}-${arch}`)
}

/** Where the app runs from and for what (from `app` and `process` in the entry). */
export interface NativeBindingPlace {
  /** `app.isPackaged`. */
  packaged: boolean
  /** `process.resourcesPath` (a package's resources folder). */
  resourcesPath: string
  /** The project folder when running from a checkout (`app.getAppPath()`). */
  appPath: string
  /** `process.versions.modules`: Electron's native-module ABI. */
  abi: string
  platform: string
  arch: string
  /** Whether a file exists (the entry passes `existsSync`). */
  exists: (path: string) => boolean
}

/**
 * The `nativeBinding` path for better-sqlite3 under Electron: the packaged resource in a
 * package, else the checkout's `build/native/…` build for this ABI, platform and arch.
 * Undefined when there is none: better-sqlite3 then loads node_modules' own build, which
 * works only if that happens to be built for Electron (see `explainNativeLoadError`).
 */
export function electronNativeBinding(place: NativeBindingPlace): string | undefined {
  const file = place.packaged
    ? join(place.resourcesPath, PACKAGED_NATIVE_DIR, NATIVE_FILE)
    : join(place.appPath, electronNativeDir(place.abi, place.platform, place.arch), NATIVE_FILE)
  return place.exists(file) ? file : undefined
}

/**
 * A sentence to add to a failure to open the library when the cause is a better-sqlite3
 * binary built for another runtime (Node's, not Electron's); null for any other error.
 */
export function explainNativeLoadError(err: unknown): string | null {
  const message = (err as Error)?.message ?? String(err)
  if (
    !/NODE_MODULE_VERSION|was compiled against a different Node\.js version|better_sqlite3\.node/.test(
      message,
    )
  ) {
    return null
  }
  return (
    'The SQLite module has not been built for Electron. With internet access, run ' +
    '`node scripts/build-electron-native.mjs` in the Broadsheet folder (npm install runs it), ' +
    'then start again.'
  )
}
