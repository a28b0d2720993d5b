import type { Command } from 'commander'
import type { CliContext } from '../main'
import { printJson } from '../output'

/** Skipped files and warnings printed before the rest are summarised. */
const MAX_LINES = 20

/** `import PATH...`: Markdown files and folders into the library. */
export function registerImportCommand(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description(
      'import .md, .markdown and .txt files and folders (recursively, with their images), or restore a .json backup made by `export --format json`',
    )
    .argument('<path...>', 'files or folders')
    .option('--json', 'print {"imported", "ids", "skipped"} as JSON')
    .action(async (paths: string[], opts: { json?: boolean }) => {
      // Loaded when an import runs, not with every command.
      const [{ SingleBar }, { importPaths }, { restoreBackupFile }] = await Promise.all([
        import('cli-progress'),
        import('../../import/markdown-files'),
        import('../../library/backup'),
      ])
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
      // A JSON backup (from `export --format json`) is restored, ids and history included.
      const backups = paths.filter((p) => p.toLowerCase().endsWith('.json'))
      const restored = backups.map((p) => restoreBackupFile(lib, p))
      const markdown = paths.filter((p) => !backups.includes(p))
      const report = importPaths(lib, markdown, {
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
      for (const r of restored) {
        report.ids.push(...r.ids)
        report.imported += r.ids.length
        report.skipped.push(...r.skipped.map((s) => ({ path: s.id, reason: s.reason })))
        report.warnings.push(...r.warnings.map((message) => ({ path: 'backup', message })))
      }

      if (opts.json) {
        printJson(ctx.io, {
          imported: report.imported,
          ids: report.ids,
          skipped: report.skipped,
          warnings: report.warnings,
        })
      } else {
        ctx.io.out(`Imported ${report.imported} article${report.imported === 1 ? '' : 's'}.\n`)
        const lines = [
          ...report.skipped.map((s) => `Skipped ${s.path}: ${s.reason}`),
          ...report.warnings.map((w) => `Warning for ${w.path}: ${w.message}`),
        ]
        // A big folder can have thousands; the first ones show what kind, --json has all.
        for (const line of lines.slice(0, MAX_LINES)) ctx.io.out(`${line}\n`)
        if (lines.length > MAX_LINES) {
          ctx.io.out(`… and ${lines.length - MAX_LINES} more; --json lists them all.\n`)
        }
      }
      // Nothing imported, and not because it was all there already: the command failed.
      const failed = report.skipped.filter((s) => !s.reason.startsWith('already in the library'))
      if (report.imported === 0 && failed.length > 0) ctx.setExitCode(1)
    })
}
