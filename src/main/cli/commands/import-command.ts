import { SingleBar } from 'cli-progress'
import type { Command } from 'commander'
import { importPaths } from '../../import/markdown-files'
import type { CliContext } from '../main'
import { printJson } from '../output'

/** `import PATH...`: Markdown files and folders into the library. */
export function registerImportCommand(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description(
      'import .md, .markdown and .txt files and folders (recursively, with their images)',
    )
    .argument('<path...>', 'files or folders')
    .option('--json', 'print {"imported", "ids", "skipped"} as JSON')
    .action((paths: string[], opts: { json?: boolean }) => {
      const { lib } = ctx.library()
      // A bar only where a person watches a terminal; scripts get clean output.
      const bar =
        ctx.io.isTTY && process.stderr.isTTY
          ? new SingleBar({
              format: 'Importing {bar} {value}/{total} files',
              stream: process.stderr,
              clearOnComplete: true,
              hideCursor: true,
            })
          : null
      let started = false
      const report = importPaths(lib, paths, {
        onProgress(done, total) {
          if (!bar || total < 200) return
          if (!started) {
            bar.start(total, 0)
            started = true
          }
          bar.update(done)
        },
      })
      if (started) bar?.stop()

      if (opts.json) {
        printJson(ctx.io, {
          imported: report.imported,
          ids: report.ids,
          skipped: report.skipped,
          warnings: report.warnings,
        })
      } else {
        ctx.io.out(`Imported ${report.imported} article${report.imported === 1 ? '' : 's'}.\n`)
        for (const s of report.skipped) ctx.io.out(`Skipped ${s.path}: ${s.reason}\n`)
        for (const w of report.warnings) ctx.io.out(`Warning for ${w.path}: ${w.message}\n`)
      }
      // Nothing imported, and not because it was all there already: the command failed.
      const failed = report.skipped.filter((s) => !s.reason.startsWith('already in the library'))
      if (report.imported === 0 && failed.length > 0) ctx.setExitCode(1)
    })
}
