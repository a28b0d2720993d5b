// Electron's fuses for every package: switches compiled into the Electron binary that turn off
// ways to run code in the app other than its own (https://www.electronjs.org/docs/latest/tutorial/fuses).
// Flipped by the afterPack hook (after-pack.mjs) before the package is signed.
import { FuseV1Options, FuseVersion } from '@electron/fuses'
import { join } from 'node:path'

/** Each fuse and its state in a package. Tested in tests/unit/electron/builder-config.test.ts. */
export const FUSES = Object.freeze({
  // `ELECTRON_RUN_AS_NODE=1 Broadsheet script.js` would run any script with the app's rights.
  RunAsNode: false,
  // Cookies are encrypted at rest with the OS keychain.
  EnableCookieEncryption: true,
  // NODE_OPTIONS (e.g. --require evil.js) is ignored.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and friends cannot attach a debugger to the main process.
  EnableNodeCliInspectArguments: false,
  // app.asar is checked against the hash embedded at packaging (macOS and Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only the app in app.asar is loaded, never a loose folder put beside it.
  OnlyLoadAppFromAsar: true,
  // The app never uses file://, so file: pages get no extra privileges.
  GrantFileProtocolExtraPrivileges: false,
})

/** The @electron/fuses config for one package. */
export function fuseConfig(platform, arch) {
  const wire = {}
  for (const [name, on] of Object.entries(FUSES)) wire[FuseV1Options[name]] = on
  return {
    version: FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature Apple silicon requires; it is then redone.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
    ...wire,
  }
}

/** electron-builder's Arch enum, by number. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal']

/**
 * Where the packaged Electron binary is, from electron-builder's afterPack context: the .app
 * on macOS, the .exe on Windows, the executable on Linux. Returns the path and the arch name.
 */
export function packagedElectron(context) {
  const platform = context.electronPlatformName
  const arch = typeof context.arch === 'number' ? ARCH_NAMES[context.arch] : String(context.arch)
  const name = context.packager.appInfo.productFilename
  let path
  if (platform === 'darwin' || platform === 'mas') path = join(context.appOutDir, `${name}.app`)
  else if (platform === 'win32') path = join(context.appOutDir, `${name}.exe`)
  else path = join(context.appOutDir, context.packager.executableName)
  return { path, platform, arch }
}
