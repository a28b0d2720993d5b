/**
 * Markdown files dropped on the window (or picked with "Import Markdown files…") become
 * articles, byte for byte; the first one opens. Anything that is not Markdown is skipped and
 * said so.
 */
import { api } from '../api'
import { libraryChanged, notify, openArticle } from './app-state.svelte'

const MARKDOWN = /\.(md|markdown|mdown|mkd|txt)$/i

/** Whether a drag carries files (so the window should accept the drop). */
export function carriesFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files')
}

/** Import the Markdown among `files`; opens the first imported one. Returns how many. */
export async function importFiles(files: File[]): Promise<number> {
  const markdown = files.filter((f) => MARKDOWN.test(f.name))
  const skipped = files.filter((f) => !MARKDOWN.test(f.name)).map((f) => f.name)
  let firstId: string | null = null
  const failed: string[] = []
  for (const file of markdown) {
    try {
      const article = await api()['articles.create']({ markdown: await file.text() })
      firstId ??= article.id
    } catch (err) {
      failed.push(`${file.name} (${(err as Error).message})`)
    }
  }
  const imported = markdown.length - failed.length
  const parts = [`Imported ${imported} ${imported === 1 ? 'article' : 'articles'}.`]
  if (skipped.length) parts.push(`Skipped ${skipped.join(', ')}: only .md files can be imported.`)
  if (failed.length) parts.push(`Failed: ${failed.join('; ')}.`)
  notify(parts.join(' '))
  if (imported > 0) libraryChanged()
  if (firstId) openArticle(firstId, 'read')
  return imported
}

/** Ask for Markdown files with the system's file picker, then import them. */
export function pickAndImport(): void {
  const input = document.createElement('input')
  input.type = 'file'
  input.multiple = true
  input.accept = '.md,.markdown,.txt,text/markdown,text/plain'
  input.onchange = () => void importFiles([...(input.files ?? [])])
  input.click()
}
