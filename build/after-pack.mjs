// electron-builder's afterPack hook: flip the fuses (fuses.mjs) in the packaged Electron binary,
// before electron-builder signs it.
import { flipFuses } from '@electron/fuses'
import { fuseConfig, packagedElectron } from './fuses.mjs'

/** Called by electron-builder once per platform and arch with the unpacked app. */
export async function afterPack(context) {
  const { path, platform, arch } = packagedElectron(context)
  await flipFuses(path, fuseConfig(platform, arch))
}

export default afterPack
