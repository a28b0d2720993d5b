import type { ArticleSummary } from '../../shared/model'

/** Where command output goes; tests and the progress bar need to know if it is a terminal. */
export interface Io {
  out: (text: string) => void
  err: (text: string) => void
  isTTY: boolean
}

/** The process's own stdout and stderr. */
export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
}

/** Print a value as JSON (the `--json` form of every read command). */
export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`)
}

/** The date part of an ISO timestamp, or a dash. */
export function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '—'
}

/** Marks shown before a title in a list: unread, starred, archived, trashed. */
function marks(a: ArticleSummary): string {
  return [
    a.read ? ' ' : '•',
    a.starred ? '★' : ' ',
    a.trashedAt ? 'T' : a.archived ? 'A' : ' ',
  ].join('')
}

/**
 * Remove control characters (ANSI escapes included) from text that came from an article, so
 * a hostile article cannot drive the reader's terminal.
 */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
}

/** One line per article: id, marks, date, reading time, title, source. */
export function formatSummaryLine(a: ArticleSummary): string {
  const when = day(a.publishedAt ?? a.createdAt)
  const source = a.sourceName ? `  — ${a.sourceName}` : ''
  return `${a.id}  ${marks(a)} ${when}  ${String(a.readingMinutes).padStart(3)} min  ${plain(a.title)}${plain(source)}`
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
}

/**
 * A search snippet (HTML with `<mark>`) for a terminal: bold on a terminal, «guillemets»
 * elsewhere, entities decoded.
 */
export function snippetForTerminal(snippet: string, tty: boolean): string {
  const [open, close] = tty ? ['\x1b[1m', '\x1b[22m'] : ['«', '»']
  return plain(snippet)
    .replaceAll('<mark>', open)
    .replaceAll('</mark>', close)
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
}
