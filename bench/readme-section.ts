import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as prettier from 'prettier'

const README = join(import.meta.dirname, '..', 'README.md')

/**
 * Replace the README's `<!-- bench:<name> -->` … `<!-- /bench:<name> -->` section with
 * `markdown` (formatted as `npm run lint` expects: Prettier aligns Markdown tables). A README
 * without the markers is left alone, so a new bench adds its markers once by hand.
 */
export async function updateReadmeSection(name: string, markdown: string): Promise<void> {
  if (!existsSync(README)) return
  const text = readFileSync(README, 'utf8')
  const open = `<!-- bench:${name} -->`
  const close = `<!-- /bench:${name} -->`
  const start = text.indexOf(open)
  const end = text.indexOf(close)
  if (start < 0 || end < start) return
  const next = `${text.slice(0, start)}${open}\n${markdown}\n${text.slice(end)}`
  const options = (await prettier.resolveConfig(README)) ?? {}
  writeFileSync(README, await prettier.format(next, { parser: 'markdown', ...options }))
}
