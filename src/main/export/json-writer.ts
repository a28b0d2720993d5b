/** JSON export: a lossless backup of the chosen articles (see library/backup.ts). */
import { createBackup } from '../library/backup'
import { slugForFile } from './slugs'
import type { ExportBundle, WriterInput } from './types'

/** Write one `<title>.json` backup of every chosen article with its revisions and assets. */
export async function writeJson(input: WriterInput): Promise<ExportBundle> {
  const backup = createBackup(input.lib, input.articles)
  input.options.onProgress?.(input.articles.length, input.articles.length)
  const stem = input.articles.length === 1 ? input.articles[0]!.title : input.title
  const name = `${slugForFile(stem)}.json`
  return {
    files: [{ name, data: Buffer.from(JSON.stringify(backup, null, 1), 'utf8') }],
    documents: [name],
  }
}
