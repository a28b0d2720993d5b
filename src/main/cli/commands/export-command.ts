import { type Command, Option } from 'commander'
import {
  EXPORT_FORMATS,
  type ExportFormat,
  PANDOC_FORMATS,
  type PageSize,
} from '../../export/types'
import { type CliContext, UsageError } from '../main'
import { printJson } from '../output'

/** Exports shorter than this show no bar: it would only flash. */
const BAR_MIN_ARTICLES = 5

interface ExportOpts {
  tag?: string
  query?: string
  all?: boolean
  format: ExportFormat
  out?: string
  combine?: boolean
  pageSize: PageSize
  frontMatter: boolean
  title?: string
  force?: boolean
  json?: boolean
}

/** `export [ID...]`: articles to Markdown, HTML, PDF, EPUB, DOCX or a JSON backup. */
export function registerExportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('export articles as Markdown, HTML, PDF, EPUB, DOCX or a JSON backup')
    .argument('[id...]', 'article ids (or unambiguous prefixes), exported in this order')
    .option('--tag <tag>', 'every article with this tag')
    .option('--query <query>', 'every article matching this search')
    .option('--all', 'every article not in the trash')
    .addOption(
      new Option('--format <format>', 'output format (odt, rtf, latex need Pandoc)')
        .choices([...EXPORT_FORMATS, ...PANDOC_FORMATS])
        .makeOptionMandatory(),
    )
    .option('--out <path>', 'a file, a folder (one file per article) or a path ending in .zip')
    .option('--combine', 'one document of all the articles (HTML, PDF, EPUB, DOCX)')
    .addOption(
      new Option('--page-size <size>', 'PDF page size').choices(['A4', 'Letter']).default('A4'),
    )
    .option('--no-front-matter', 'Markdown: leave the front matter out')
    .option('--title <title>', 'title of a combined document')
    .option('--force', 'replace files that exist')
    .option('--json', 'print what was written as JSON')
    .action(async (ids: string[], opts: ExportOpts) => {
      // The writers (jsdom, KaTeX, DOCX, Chromium…) load only when an export runs.
      const [
        { SingleBar },
        { exportToPath },
        { hasScope, selectArticles },
        { manyToOneFile, namesOneFile },
      ] = await Promise.all([
        import('cli-progress'),
        import('../../export/export-articles'),
        import('../../export/select-articles'),
        import('../../export/write-output'),
      ])
      const scope = { ids, tag: opts.tag, query: opts.query, all: opts.all }
      if (!hasScope(scope)) {
        throw new UsageError('name article ids, or use --tag, --query or --all.')
      }
      if (!opts.out) throw new UsageError('say where to export with --out PATH.')
      const { lib } = ctx.library()
      // Caught before the export's work, not after it: many articles, one file name.
      const separate = !opts.combine && opts.format !== 'json'
      if (separate && namesOneFile(opts.out)) {
        const n = selectArticles(lib, scope).length
        if (n > 1) throw new UsageError(manyToOneFile(n))
      }
      const bar =
        ctx.io.isTTY && process.stderr.isTTY
          ? new SingleBar({
              format: 'Exporting {bar} {value}/{total} articles',
              stream: process.stderr,
              clearOnComplete: true,
              hideCursor: true,
            })
          : null
      let started = false
      try {
        const result = await exportToPath(lib, scope, opts.format, opts.out, {
          combine: opts.combine,
          pageSize: opts.pageSize,
          frontMatter: opts.frontMatter,
          title: opts.title,
          force: opts.force,
          onProgress(done, total) {
            if (!bar || total < BAR_MIN_ARTICLES) return
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
            format: result.format,
            articles: result.articles,
            documents: result.documents,
            files: result.files,
            bytes: result.bytes,
            warnings: result.warnings,
          })
          return
        }
        const n = result.articles
        const where =
          result.documents.length === 1 ? result.documents[0] : `${result.documents.length} files`
        ctx.io.out(`Exported ${n} article${n === 1 ? '' : 's'} to ${where}.\n`)
        for (const w of result.warnings) ctx.io.err(`warning: ${w}\n`)
      } finally {
        if (started) bar?.stop()
      }
    })
}
