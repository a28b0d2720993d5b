// One instance: a second launch hands its Markdown file arguments to the first and quits.
// Only types come from Electron; `markdownPathsFromArgv` is tested under Node.
import type { App } from 'electron'
import { extname, isAbsolute, resolve } from 'node:path'

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.txt'])

/**
 * The Markdown files named on a command line: arguments after the executable that end in
 * `.md`, `.markdown` or `.txt` (any case), resolved against `cwd`, without duplicates. Flags
 * (anything starting with `-`, including Chromium's own), URLs and empty or NUL-bearing
 * arguments are ignored; `exists` (default: accept all) can drop paths that are not files.
 */
export function markdownPathsFromArgv(
  argv: readonly unknown[],
  cwd: string,
  exists: (path: string) => boolean = () => true,
): string[] {
  if (!Array.isArray(argv)) return []
  const found = new Set<string>()
  for (const arg of argv.slice(1)) {
    if (typeof arg !== 'string' || arg === '' || arg.startsWith('-')) continue
    if (arg.includes('\0') || /^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) continue
    if (!MARKDOWN_EXTENSIONS.has(extname(arg).toLowerCase())) continue
    const path = isAbsolute(arg) ? resolve(arg) : resolve(cwd, arg)
    if (exists(path)) found.add(path)
  }
  return [...found]
}

/**
 * Take the single-instance lock. Returns false when another instance holds it (this one
 * should quit: its arguments have been passed on). Otherwise `onSecondLaunch` is called with
 * each later launch's Markdown files (possibly none), to focus the window and open them.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on'>,
  onSecondLaunch: (files: string[]) => void,
  exists?: (path: string) => boolean,
): boolean {
  if (!app.requestSingleInstanceLock()) return false
  app.on('second-instance', (_event, argv, workingDirectory) => {
    onSecondLaunch(markdownPathsFromArgv(argv, workingDirectory, exists))
  })
  return true
}
