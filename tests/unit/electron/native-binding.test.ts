import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLibrary, setDefaultNativeBinding } from '../../../src/main/library/open-library'
import { tempDir, useTempLibraries } from '../../helpers/temp-library'
import {
  electronNativeBinding,
  electronNativeDir,
  explainNativeLoadError,
} from '../../../src/main/electron/native-binding'

const place = {
  packaged: false,
  resourcesPath: '/opt/Broadsheet/resources',
  appPath: '/home/me/broadsheet',
  abi: '140',
  platform: 'linux',
  arch: 'x64',
}

describe('electronNativeBinding', () => {
  it('uses the checkout’s Electron build for this ABI, platform and arch', () => {
    const seen: string[] = []
    const file = electronNativeBinding({ ...place, exists: (p) => (seen.push(p), true) })
    expect(file).toBe(
      join('/home/me/broadsheet/build/native/electron-v140-linux-x64/better_sqlite3.node'),
    )
    expect(seen).toEqual([file])
  })

  it('uses the packaged resource in a package', () => {
    expect(electronNativeBinding({ ...place, packaged: true, exists: () => true })).toBe(
      join('/opt/Broadsheet/resources/native/better_sqlite3.node'),
    )
  })

  it('gives nothing when that build is missing (node_modules’ own build is then tried)', () => {
    expect(electronNativeBinding({ ...place, exists: () => false })).toBeUndefined()
  })

  it('names folders the build script writes', () => {
    expect(electronNativeDir('140', 'darwin', 'arm64')).toBe(
      join('build', 'native', 'electron-v140-darwin-arm64'),
    )
  })
})

useTempLibraries()

describe('openLibrary with nativeBinding', () => {
  const nodeBuild = join(
    dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
    'build',
    'Release',
    'better_sqlite3.node',
  )

  it('loads SQLite from the named binary', () => {
    const lib = openLibrary(join(tempDir(), 'lib'), { nativeBinding: nodeBuild })
    try {
      expect(lib.db.prepare('SELECT sqlite_version() AS v').get()).toMatchObject({
        v: expect.stringMatching(/^3\./),
      })
    } finally {
      lib.close()
    }
  })

  it('can be made the default for every connection of the process, and reset', () => {
    const missing = join(tempDir(), 'electron-v998', 'better_sqlite3.node')
    setDefaultNativeBinding(missing)
    try {
      expect(() => openLibrary(join(tempDir(), 'lib'))).toThrow(/electron-v998/)
      // An explicit option still wins.
      openLibrary(join(tempDir(), 'lib2'), { nativeBinding: nodeBuild }).close()
    } finally {
      setDefaultNativeBinding(undefined)
    }
    openLibrary(join(tempDir(), 'lib3')).close()
  })

  it('fails with the path when the named binary is missing', () => {
    const missing = join(tempDir(), 'electron-v999', 'better_sqlite3.node')
    expect(() => openLibrary(join(tempDir(), 'lib'), { nativeBinding: missing })).toThrow(
      /electron-v999/,
    )
  })
})

describe('explainNativeLoadError', () => {
  it('explains a module built for another runtime, and nothing else', () => {
    const wrong = new Error(
      "The module '/x/node_modules/better-sqlite3/build/Release/better_sqlite3.node' was compiled " +
        'against a different Node.js version using NODE_MODULE_VERSION 115. This version of ' +
        'Node.js requires NODE_MODULE_VERSION 140.',
    )
    expect(explainNativeLoadError(wrong)).toMatch(/scripts\/build-electron-native\.mjs/)
    expect(explainNativeLoadError(new Error('disk full'))).toBeNull()
  })
})
