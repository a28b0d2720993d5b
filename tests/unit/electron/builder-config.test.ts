import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
// @ts-expect-error plain JavaScript module (electron-builder loads it as is)
import { afterPack } from '../../../build/after-pack.mjs'
// @ts-expect-error plain JavaScript module (electron-builder loads it as is)
import { FUSES, fuseConfig, packagedElectron } from '../../../build/fuses.mjs'
import {
  electronNativeDir,
  NATIVE_FILE,
  PACKAGED_NATIVE_DIR,
} from '../../../src/main/electron/native-binding'
import { tempDir, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

const ROOT = join(import.meta.dirname, '..', '..', '..')
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'))
const require = createRequire(import.meta.url)
const electronAbi = readFileSync(
  join(dirname(require.resolve('electron/package.json')), 'abi_version'),
  'utf8',
).trim()

describe('electron-builder.yml', () => {
  it('builds AppImage and deb on Linux, dmg on macOS and an nsis installer on Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toBe('dmg')
    expect(config.win.target).toBe('nsis')
    expect(config.productName).toBe('Broadsheet')
    expect(config.linux.maintainer).toBeTruthy()
  })

  it('ships the built app in an asar with native modules unpacked', () => {
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toContain('**/*.node')
    expect(config.files).toContain('out/**')
  })

  it('ships the Electron build of better-sqlite3 where the app looks for it', () => {
    // node_modules keeps Node's build: electron-builder must not rebuild it in place.
    expect(config.npmRebuild).toBe(false)
    const [resource] = config.extraResources
    expect(resource.from).toBe(
      `${electronNativeDir(electronAbi, '${platform}', '${arch}')}/${NATIVE_FILE}`.replaceAll(
        '\\',
        '/',
      ),
    )
    expect(resource.to).toBe(`${PACKAGED_NATIVE_DIR}/${NATIVE_FILE}`)
    expect(config.files).toContain('!node_modules/better-sqlite3/{build,deps,src}/**')
  })

  it('registers Markdown files, so the OS offers to open them with the app', () => {
    expect(config.fileAssociations[0].ext).toEqual(['md', 'markdown'])
  })

  it('flips the fuses in an afterPack hook that exists', () => {
    expect(config.afterPack).toBe('./build/after-pack.mjs')
    expect(existsSync(join(ROOT, config.afterPack))).toBe(true)
    expect(typeof afterPack).toBe('function')
  })
})

describe('fuses', () => {
  it('turns off running as Node, NODE_OPTIONS and --inspect, and locks the app to its asar', () => {
    expect(FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    })
    for (const name of Object.keys(FUSES)) expect(FuseV1Options[name as 'RunAsNode']).toBeDefined()
  })

  it('re-signs ad hoc only on Apple silicon', () => {
    expect(fuseConfig('darwin', 'arm64').resetAdHocDarwinSignature).toBe(true)
    expect(fuseConfig('darwin', 'x64').resetAdHocDarwinSignature).toBe(false)
    expect(fuseConfig('linux', 'arm64').resetAdHocDarwinSignature).toBe(false)
  })

  it('finds the packaged binary on each platform', () => {
    const packager = { appInfo: { productFilename: 'Broadsheet' }, executableName: 'broadsheet' }
    const at = (electronPlatformName: string, arch: number) =>
      packagedElectron({ appOutDir: '/out', electronPlatformName, arch, packager })
    expect(at('darwin', 3)).toEqual({
      path: join('/out', 'Broadsheet.app'),
      platform: 'darwin',
      arch: 'arm64',
    })
    expect(at('win32', 1).path).toBe(join('/out', 'Broadsheet.exe'))
    expect(at('linux', 1)).toEqual({
      path: join('/out', 'broadsheet'),
      platform: 'linux',
      arch: 'x64',
    })
  })

  it('the hook flips the fuse wire of a packaged binary', async () => {
    // A stand-in for the Electron binary with Electron's fuse wire in it: the sentinel, wire
    // version 1, eight fuses in Electron's default states ('1' on, '0' off), more bytes around.
    const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
    const defaults = '11110001'
    const dir = tempDir()
    const binary = join(dir, 'broadsheet')
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.alloc(4096, 7),
        Buffer.from(SENTINEL),
        Buffer.from([1, defaults.length]),
        Buffer.from(defaults),
        Buffer.alloc(4096, 9),
      ]),
    )
    await afterPack({
      appOutDir: dir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'Broadsheet' }, executableName: 'broadsheet' },
    })
    const wire = await getCurrentFuseWire(binary)
    const state = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as number)
    expect(state(FuseV1Options.RunAsNode)).toBe('0')
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe('1')
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0')
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0')
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1')
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1')
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0')
    // Not configured: left as Electron ships it.
    expect(state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe('0')
    expect(readFileSync(binary).length).toBe(4096 * 2 + SENTINEL.length + 2 + defaults.length)
  })
})
