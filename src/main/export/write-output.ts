/**
 * Where an export's files land: one file at `--out`, a folder of files, or a `.zip`. Nothing
 * is overwritten without `force`, and each file is written under a temporary name and renamed,
 * so a failed export never leaves a half-written file under a real name.
 */
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { BroadsheetError } from '../../shared/errors'
import type { ExportBundle } from './types'
import { zipFiles } from './zip'

/** One file to write. */
interface Target {
  path: string
  data: Uint8Array
  /** Content-addressed (`assets/<sha256>.<ext>`): an existing file is the same file. */
  sameIfExists: boolean
}

/** What was written. */
export interface WrittenOutput {
  /** Absolute paths of the documents (or the one `.zip`), in article order. */
  documents: string[]
  /** Every file written, absolute. */
  files: string[]
  bytes: number
}

/**
 * Whether `out` names one file rather than a folder or an archive: it has an extension other
 * than `.zip`, does not end in a slash and is not an existing folder.
 */
export function namesOneFile(out: string): boolean {
  const abs = resolve(out)
  if (extname(abs).toLowerCase() === '.zip') return false
  const isDir = existsSync(abs) && statSync(abs).isDirectory()
  return !isDir && extname(abs) !== '' && !/[\\/]$/.test(out)
}

/** What to do when `count` documents would go to one file name. */
export function manyToOneFile(count: number): string {
  return `${count} articles make ${count} files, but --out names one file; give a folder, a path ending in .zip, or add --combine.`
}

/**
 * Decide the paths: `out` ending in `.zip` gets one archive; a single document goes to `out`
 * itself when `out` names a file (it has an extension and is not a folder), its other files
 * beside it; otherwise `out` is a folder of files.
 */
function plan(bundle: ExportBundle, out: string): { targets: Target[]; documents: string[] } {
  const abs = resolve(out)
  if (extname(abs).toLowerCase() === '.zip') {
    return {
      targets: [{ path: abs, data: zipFiles(bundle.files), sameIfExists: false }],
      documents: [abs],
    }
  }
  const looksLikeFile = namesOneFile(out)
  if (looksLikeFile && bundle.documents.length > 1) {
    throw new BroadsheetError('invalid_input', manyToOneFile(bundle.documents.length))
  }
  const folder = looksLikeFile ? dirname(abs) : abs
  const rename = looksLikeFile ? new Map([[bundle.documents[0]!, basename(abs)]]) : new Map()
  const targets = bundle.files.map((f) => ({
    path: join(folder, rename.get(f.name) ?? f.name),
    data: f.data,
    sameIfExists: f.name.startsWith('assets/'),
  }))
  const documents = bundle.documents.map((d) => join(folder, rename.get(d) ?? d))
  return { targets, documents }
}

/** Write an export's files under `out`; refuses to replace a file unless `force`. */
export function writeOutput(bundle: ExportBundle, out: string, force: boolean): WrittenOutput {
  const { targets, documents } = plan(bundle, out)
  const clashes = targets.filter((t) => !t.sameIfExists && existsSync(t.path))
  if (clashes.length > 0 && !force) {
    const more = clashes.length > 1 ? ` and ${clashes.length - 1} more` : ''
    throw new BroadsheetError(
      'conflict',
      `${clashes[0]!.path}${more} already exist${clashes.length > 1 ? '' : 's'}; choose another --out or add --force to replace.`,
    )
  }
  let bytes = 0
  const files: string[] = []
  for (const t of targets) {
    if (t.sameIfExists && existsSync(t.path)) continue
    if (existsSync(t.path) && statSync(t.path).isDirectory()) {
      throw new BroadsheetError('conflict', `${t.path} is a folder; choose another --out.`)
    }
    mkdirSync(dirname(t.path), { recursive: true })
    const tmp = `${t.path}.${process.pid}.partial`
    writeFileSync(tmp, t.data)
    renameSync(tmp, t.path)
    bytes += t.data.byteLength
    files.push(t.path)
  }
  return { documents, files, bytes }
}
