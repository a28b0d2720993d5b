import { Command, CommanderError, InvalidArgumentError } from 'commander'
import { readFileSync } from 'node:fs'
import type { Api } from '../../shared/contract'
import { BroadsheetError } from '../../shared/errors'
import { resolveLibraryDir } from '../library/library-paths'
import type { Library } from '../library/open-library'
import { registerArticleCommands } from './commands/article-commands'
import { registerClipCommand } from './commands/clip-command'
import { registerExportCommand } from './commands/export-command'
import { registerFeedsCommand } from './commands/feeds-command'
import { registerImportCommand } from './commands/import-command'
import { registerListCommands } from './commands/list-commands'
import { registerServeCommand } from './commands/serve-command'
import { type Io, processIo } from './output'

/** What every command gets: where to print, and the library opened on first use. */
export interface CliContext {
  io: Io
  /** Opens the library named by --library / BROADSHEET_LIBRARY / the default, once. */
  library(): { lib: Library; api: Api }
  /** Make the command exit with this status after printing its output. */
  setExitCode(code: number): void
}

/** Exit statuses: success, a failure, a command used wrongly. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/**
 * The library's code (SQLite, the router and its schemas), imported before any command's action
 * runs rather than at start-up, so `--help`, `--version` and usage errors answer without it.
 */
let libraryCode: Promise<
  [typeof import('../library/open-library'), typeof import('../rpc/local-client')]
> | null = null
function loadLibraryCode() {
  libraryCode ??= Promise.all([import('../library/open-library'), import('../rpc/local-client')])
  return libraryCode
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'))
  return String(pkg.version)
}

/**
 * Run the `broadsheet` command with `argv` (without `node` and the script). Returns the exit
 * status; errors are printed to stderr as one sentence that says what to do.
 */
export async function main(argv: string[], io: Io = processIo, env = process.env): Promise<number> {
  let opened: { lib: Library; api: Api } | null = null
  let exitCode: number = EXIT.ok
  let code: Awaited<ReturnType<typeof loadLibraryCode>> | null = null
  const program = new Command('broadsheet')
  program
    .description('Broadsheet: your Markdown news library, from the command line.')
    .version(version(), '-V, --version', 'print the version')
    .option(
      '--library <dir>',
      "the library folder (default: $BROADSHEET_LIBRARY, then the app's folder)",
    )
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    // Runs before the action of any command, nested ones included.
    .hook('preAction', async () => {
      code = await loadLibraryCode()
    })

  const ctx: CliContext = {
    io,
    library() {
      if (!opened) {
        const { dir, explicit } = resolveLibraryDir(
          program.opts<{ library?: string }>().library,
          env,
        )
        if (!code) throw new Error('the library code is loaded before an action runs')
        const [{ openLibrary }, { createLocalClient }] = code
        const lib = openLibrary(dir, { explicit })
        opened = { lib, api: createLocalClient(lib) }
      }
      return opened
    },
    setExitCode(code) {
      exitCode = code
    },
  }
  registerImportCommand(program, ctx)
  registerListCommands(program, ctx)
  registerArticleCommands(program, ctx)
  registerClipCommand(program, ctx)
  registerServeCommand(program, ctx)
  registerExportCommand(program, ctx)
  registerFeedsCommand(program, ctx)

  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here too, successfully.
      if (err.exitCode === 0) return EXIT.ok
      return EXIT.usage
    }
    if (err instanceof UsageError) {
      io.err(`broadsheet: ${err.message}\n`)
      return EXIT.usage
    }
    const payload =
      err instanceof BroadsheetError
        ? err.toPayload()
        : (await import('../rpc/router')).toErrorPayload(err)
    io.err(`broadsheet: ${payload.message}\n`)
    return EXIT.failed
  } finally {
    ;(opened as { lib: Library } | null)?.lib.close()
  }
}

/** A command used wrongly (exit status 2), found after commander's own checks. */
export class UsageError extends Error {}

/** Parse a positive whole-number option; commander reports a bad one as a usage error. */
export function positiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(`use a whole number of at least 1, not "${value}".`)
  }
  return n
}
