import { type Command, Option } from 'commander'
import { IS_FILTERS, type IsFilter } from '../../../shared/model'
import { type CliContext, positiveInt } from '../main'
import { formatSummaryLine, printJson, snippetForTerminal } from '../output'

/** The `--state` values of `list`: the sidebar's views. */
const STATES = ['all', ...IS_FILTERS] as const
const SORTS = ['updated', 'created', 'published', 'title', 'reading'] as const

/** `list`, `search` and `tags`: the read commands over many articles. */
export function registerListCommands(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('list articles, newest first')
    .option('--tag <tag>', 'only articles with this tag')
    .addOption(new Option('--state <state>', 'which articles').choices(STATES).default('all'))
    .addOption(new Option('--sort <key>', 'sort order').choices(SORTS).default('updated'))
    .option('--reverse', 'reverse the sort order')
    .option('--limit <n>', 'how many to show', positiveInt, 50)
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        tag?: string
        state: (typeof STATES)[number]
        sort: (typeof SORTS)[number]
        reverse?: boolean
        limit: number
        json?: boolean
      }) => {
        const { api } = ctx.library()
        const is: IsFilter[] = opts.state === 'all' ? [] : [opts.state]
        const items = []
        let cursor: string | null = null
        // Pages of at most 500; --limit may ask for more.
        do {
          const page = await api['articles.list']({
            filter: { tags: opts.tag ? [opts.tag] : [], is },
            sort: opts.sort,
            reverse: opts.reverse,
            limit: Math.min(500, opts.limit - items.length),
            cursor,
          })
          items.push(...page.items)
          cursor = page.nextCursor
        } while (cursor && items.length < opts.limit)
        if (opts.json) return printJson(ctx.io, items)
        if (items.length === 0) return ctx.io.out('No articles.\n')
        for (const a of items) ctx.io.out(`${formatSummaryLine(a)}\n`)
      },
    )

  program
    .command('search')
    .description(
      'search articles (words, "phrases", prefix*, -word, OR, tag:, author:, is:, before:, after:)',
    )
    .argument('<query...>', 'what to search for')
    .option('--limit <n>', 'how many results', positiveInt, 20)
    .option('--json', 'print JSON')
    .action(async (words: string[], opts: { limit: number; json?: boolean }) => {
      const { api } = ctx.library()
      const items = []
      let cursor: string | null = null
      let warnings: string[]
      do {
        const page = await api.search({
          query: words.join(' '),
          // A whole query typed at a prompt is finished: no last-word prefix.
          prefixLastWord: false,
          limit: Math.min(200, opts.limit - items.length),
          cursor,
        })
        items.push(...page.items)
        warnings = page.warnings
        cursor = page.nextCursor
      } while (cursor && items.length < opts.limit)
      for (const w of warnings) ctx.io.err(`note: ${w}\n`)
      if (opts.json) return printJson(ctx.io, items)
      if (items.length === 0) return ctx.io.out('No matches.\n')
      for (const hit of items) {
        ctx.io.out(`${formatSummaryLine(hit)}\n`)
        if (hit.snippet) ctx.io.out(`    ${snippetForTerminal(hit.snippet, ctx.io.isTTY)}\n`)
      }
    })

  program
    .command('tags')
    .description('list tags with how many articles use each')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const tags = await ctx.library().api['tags.list']({})
      if (opts.json) return printJson(ctx.io, tags)
      for (const t of tags) ctx.io.out(`${String(t.count).padStart(6)}  ${t.tag}\n`)
    })
}
