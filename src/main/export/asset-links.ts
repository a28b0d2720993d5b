/**
 * The library images an article uses: every `assets/<sha256>.<ext>` it names (body and front
 * matter alike), read from the library's assets folder.
 */
import { readFileSync } from 'node:fs'
import { ASSET_NAME, assetFile, mimeForExtension } from '../library/assets'
import type { Library } from '../library/open-library'
import { cleanSvg } from './svg-clean'

const REFERENCE = /assets\/([0-9a-f]{64}\.[a-z0-9]{1,5})/g

/** One stored asset, read. */
export interface AssetData {
  /** `<sha256>.<ext>` */
  name: string
  mime: string
  bytes: Buffer
}

/** The asset names (`<sha256>.<ext>`) a document mentions, in order of first mention. */
export function assetNames(markdown: string): string[] {
  const names = new Set<string>()
  for (const m of markdown.matchAll(REFERENCE)) if (ASSET_NAME.test(m[1]!)) names.add(m[1]!)
  return [...names]
}

/** Reads assets once per export (a collection often shares images). */
export class AssetReader {
  private readonly cache = new Map<string, AssetData | null>()

  /**
   * `raw` keeps SVG files as stored (Markdown export: the files must import back to the same
   * content hash); otherwise SVG leaves cleaned of script.
   */
  constructor(
    private readonly lib: Library,
    private readonly raw = false,
  ) {}

  /** The asset behind `assets/<name>` or `<name>`, or null when the library lacks it. */
  read(link: string): AssetData | null {
    const name = link.replace(/^(?:\.\/)?assets\//, '')
    let data = this.cache.get(name)
    if (data === undefined) {
      const file = assetFile(this.lib, name)
      data =
        file === null
          ? null
          : this.prepare({
              name,
              mime: mimeForExtension(name.slice(name.lastIndexOf('.') + 1)),
              bytes: readFileSync(file),
            })
      this.cache.set(name, data)
    }
    return data
  }

  private prepare(data: AssetData): AssetData {
    return this.raw ? data : withCleanSvg(data)
  }

  /** The asset as a `data:` URI, or null when missing. */
  dataUri(link: string): string | null {
    const data = this.read(link)
    return data === null ? null : `data:${data.mime};base64,${data.bytes.toString('base64')}`
  }
}

/** An SVG asset leaves without script (see svg-clean.ts); other images as they are. */
function withCleanSvg(data: AssetData): AssetData {
  return data.mime === 'image/svg+xml' ? { ...data, bytes: cleanSvg(data.bytes) } : data
}
