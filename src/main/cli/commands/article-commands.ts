import type { Command } from 'commander'
import { type CliContext, positiveInt } from '../main'
import { plain, printJson } from '../output'

/** `show`, `rm`, `restore`, `purge`, `empty-trash` and `revisions`: commands on one article. */
export function registerArticleCommands(program: Command, ctx: CliContext): void {
  program
    .command('show')
    .description('print an article: its Markdown exactly as stored, or JSON with --json')
    .argument('<id>', 'article id (or a unique prefix of it)')
    .option('--json', 'print metadata, state and markdown as JSON')
    .option('--revision <n>', 'print this revision instead', positiveInt)
    .action(async (id: string, opts: { json?: boolean; revision?: number }) => {
      const { api } = ctx.library()
      const doc = opts.revision
        ? await api['revisions.get']({ id, revisionId: opts.revision })
        : await api['articles.get']({ id })
      if (opts.json) return printJson(ctx.io, doc)
      ctx.io.out(doc.markdown)
    })

  program
    .command('rm')
    .description('move an article to the trash (kept 30 days; `restore` brings it back)')
    .argument('<id...>', 'article ids')
    .action(async (ids: string[]) => {
      const { api } = ctx.library()
      for (const id of ids) {
        const a = await api['articles.delete']({ id })
        ctx.io.out(
          `Moved "${plain(a.title)}" to the trash; \`broadsheet restore ${a.id}\` brings it back.\n`,
        )
      }
    })

  program
    .command('restore')
    .description(
      'take an article out of the trash, or with --revision make an old revision current',
    )
    .argument('<id>', 'article id')
    .option(
      '--revision <n>',
      'restore this revision (the current text is kept as a revision)',
      positiveInt,
    )
    .action(async (id: string, opts: { revision?: number }) => {
      const { api } = ctx.library()
      if (opts.revision) {
        const a = await api['revisions.restore']({ id, revisionId: opts.revision })
        return ctx.io.out(
          `Restored revision ${opts.revision} of "${plain(a.title)}" (now version ${a.version}).\n`,
        )
      }
      const a = await api['articles.restore']({ id })
      ctx.io.out(`Restored "${plain(a.title)}" from the trash.\n`)
    })

  program
    .command('purge')
    .description('delete a trashed article for good, with its history')
    .argument('<id...>', 'ids of articles in the trash')
    .action(async (ids: string[]) => {
      const { api } = ctx.library()
      for (const id of ids) await api['articles.purge']({ id })
      ctx.io.out(`Deleted ${ids.length} article${ids.length === 1 ? '' : 's'} for good.\n`)
    })

  program
    .command('empty-trash')
    .description('delete for good everything in the trash (or only what was trashed N days ago)')
    .option('--older-than <days>', 'only articles trashed at least this many days ago', positiveInt)
    .action(async (opts: { olderThan?: number }) => {
      const { purged } = await ctx
        .library()
        .api['trash.empty']({ olderThanDays: opts.olderThan ?? 0 })
      ctx.io.out(`Deleted ${purged} article${purged === 1 ? '' : 's'} from the trash for good.\n`)
    })

  program
    .command('revisions')
    .description("list an article's revisions, newest first")
    .argument('<id>', 'article id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const revisions = await ctx.library().api['revisions.list']({ id })
      if (opts.json) return printJson(ctx.io, revisions)
      if (revisions.length === 0) return ctx.io.out('No revisions yet.\n')
      for (const r of revisions) {
        ctx.io.out(
          `${String(r.id).padStart(6)}  ${r.createdAt.replace('T', ' ').slice(0, 19)}  ${r.reason.padEnd(8)}  ${String(r.bytes).padStart(8)} B  ${plain(r.title)}\n`,
        )
      }
      ctx.io.out(
        `\nShow one with \`broadsheet show ${id} --revision N\`; make it current with \`broadsheet restore ${id} --revision N\`.\n`,
      )
    })
}
