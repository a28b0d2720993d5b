/** JSON export: a lossless backup of the chosen articles (see library/backup.ts). */
import { createBackup } from '../library/backup'
import { progressTicker } from './progress'
import { slugForFile } from './slugs'
import type { ExportBundle, WriterInput } from './types'

/** Write one `<title>.json` backup of every chosen article with its revisions and assets. */
export async function writeJson(input: WriterInput): Promise<ExportBundle> {
  const tick = progressTicker(input.options)
  const total = input.articles.length
  // One step: the backup is read in one transaction.
  await tick(0, total, total === 1 ? input.articles[0]!.title : `${total} articles`)
  const backup = createBackup(input.lib, input.articles)
  await tick(total, total, null)
  const stem = input.articles.length === 1 ? input.articles[0]!.title : input.title
  const name = `${slugForFile(stem)}.json`
  return {
    files: [{ name, data: Buffer.from(JSON.stringify(backup, null, 1), 'utf8') }],
    documents: [name],
  }
}
