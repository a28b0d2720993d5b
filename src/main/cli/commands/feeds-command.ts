import type { SingleBar } from 'cli-progress'
import type { Command } from 'commander'
import { readFileSync, writeFileSync } from 'node:fs'
import { BroadsheetError } from '../../../shared/errors'
import type { Feed, FeedRefreshResult } from '../../../shared/model'
import { type CliContext, EXIT, UsageError } from '../main'
import { day, plain, printJson } from '../output'

/** `--folder News/Tech` as a folder path. */
function folderPath(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split('/')
        .map((f) => f.trim())
        .filter(Boolean)
}

function feedLine(f: Feed): string {
  const folder = f.folder.length ? `  [${f.folder.join('/')}]` : ''
  const counts = `${String(f.unreadCount).padStart(5)}/${String(f.articleCount).padEnd(5)}`
  const error = f.error ? `\n      ! ${plain(f.error)}` : ''
  return `${String(f.id).padStart(4)}  ${counts} ${plain(f.title)}${plain(folder)}\n      ${plain(f.url)}  (last fetched ${day(f.lastFetchedAt)})${error}`
}

function resultLine(r: FeedRefreshResult): string {
  if (r.outcome === 'failed')
    return `${r.feedId}  ${plain(r.title)}: failed: ${plain(r.error ?? '')}`
  if (r.outcome === 'unchanged') return `${r.feedId}  ${plain(r.title)}: unchanged`
  const kept = r.keptEdits ? `, ${r.keptEdits} edited by you (kept)` : ''
  return `${r.feedId}  ${plain(r.title)}: ${r.added} new, ${r.updated} updated${kept}`
}

/** The feed service (fetching, parsing, Readability): loaded only by the commands that fetch. */
const feedService = () => import('../../feeds/service')

/** A progress bar on stderr when a person watches a terminal; nothing for scripts. */
async function progressBar(ctx: CliContext): Promise<SingleBar | null> {
  const { SingleBar } = await import('cli-progress')
  return ctx.io.isTTY && process.stderr.isTTY
    ? new SingleBar({
        format: 'Refreshing {bar} {value}/{total} feeds',
        stream: process.stderr,
        clearOnComplete: true,
        hideCursor: true,
      })
    : null
}

/** `feeds …`: follow, list, refresh and unfollow feeds; OPML in and out. */
export function registerFeedsCommand(program: Command, ctx: CliContext): void {
  const feeds = program.command('feeds').description('follow RSS, Atom and JSON feeds')

  feeds
    .command('add')
    .description(
      "follow a feed by its URL, or a site's URL (its announced feed), and import its items",
    )
    .argument('<url>', 'the feed or site address')
    .option('--folder <path>', 'put it in this folder (nested with /, e.g. News/Tech)')
    .option('--title <title>', 'your own name for it')
    .option('--full-text', "fetch each item's page for its full text (summary-only feeds)")
    .option('--no-images', 'do not download images for offline reading')
    .option('--json', 'print the feed and what was imported as JSON')
    .action(
      async (
        url: string,
        opts: {
          folder?: string
          title?: string
          fullText?: boolean
          images: boolean
          json?: boolean
        },
      ) => {
        const { addFeed } = await feedService()
        const { lib } = ctx.library()
        const sub = await addFeed(lib, url, {
          folder: folderPath(opts.folder),
          title: opts.title ?? null,
          fullText: opts.fullText,
          images: opts.images,
        })
        if (opts.json) return printJson(ctx.io, sub)
        const n = sub.refresh.added
        ctx.io.out(
          `Following "${plain(sub.feed.title)}" (feed ${sub.feed.id}): ${n} new article${n === 1 ? '' : 's'}.\n`,
        )
      },
    )

  feeds
    .command('list')
    .description('list followed feeds: id, unread/total, title, folder, address and any error')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await ctx.library().api['feeds.list']({})
      if (opts.json) return printJson(ctx.io, list)
      if (list.length === 0) {
        return ctx.io.out('No feeds yet; follow one with `broadsheet feeds add URL`.\n')
      }
      for (const f of list) ctx.io.out(`${feedLine(f)}\n`)
    })

  feeds
    .command('refresh')
    .description(
      'fetch one feed now, or every feed with --all (a few at a time); exits 1 when the feed, or every feed, failed',
    )
    .argument('[id]', 'the feed id or URL')
    .option('--all', 'refresh every feed')
    .option('--no-images', 'do not download images for offline reading')
    .option('--json', 'print each feed’s result as JSON')
    .action(
      async (id: string | undefined, opts: { all?: boolean; images: boolean; json?: boolean }) => {
        if ((id === undefined) === !opts.all) {
          throw new UsageError('give a feed id, or --all to refresh every feed (not both).')
        }
        const { refresh } = await feedService()
        const { lib } = ctx.library()
        const bar = await progressBar(ctx)
        let started = false
        const results = await refresh(lib, id ?? null, {
          images: opts.images,
          onProgress(done, total) {
            if (!bar || total < 2) return
            if (!started) {
              bar.start(total, 0)
              started = true
            }
            bar.update(done)
          },
        })
        if (started) bar?.stop()
        if (opts.json) printJson(ctx.io, results)
        else {
          for (const r of results) {
            if (r.outcome === 'failed') ctx.io.err(`${resultLine(r)}\n`)
            else if (results.length === 1 || r.outcome === 'ok') ctx.io.out(`${resultLine(r)}\n`)
          }
          const sum = (k: 'added' | 'updated') => results.reduce((n, r) => n + r[k], 0)
          const failed = results.filter((r) => r.outcome === 'failed').length
          if (results.length > 1) {
            ctx.io.out(
              `Refreshed ${results.length} feeds: ${sum('added')} new, ${sum('updated')} updated, ${failed} failed.\n`,
            )
          }
        }
        if (results.length > 0 && results.every((r) => r.outcome === 'failed')) {
          ctx.setExitCode(EXIT.failed)
        }
      },
    )

  feeds
    .command('remove')
    .description('unfollow a feed; its articles stay in the library unless --trash-articles')
    .argument('<id>', 'the feed id or URL')
    .option('--trash-articles', 'also move its articles to the trash')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, opts: { trashArticles?: boolean; json?: boolean }) => {
      const r = await ctx.library().api['feeds.remove']({
        id,
        articles: opts.trashArticles ? 'trash' : 'keep',
      })
      if (opts.json) return printJson(ctx.io, r)
      ctx.io.out(
        opts.trashArticles
          ? `Unfollowed feed ${id}; ${r.trashed} article${r.trashed === 1 ? '' : 's'} moved to the trash.\n`
          : `Unfollowed feed ${id}; its articles stay in the library.\n`,
      )
    })

  feeds
    .command('import-opml')
    .description('follow every feed in an OPML file (folders kept); fetched by the next refresh')
    .argument('<file>', 'the OPML file')
    .option('--json', 'print what was added and skipped as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch (err) {
        throw new BroadsheetError(
          'io_error',
          `Cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the path.`,
        )
      }
      const r = await ctx.library().api['feeds.importOpml']({ text })
      if (opts.json) return printJson(ctx.io, r)
      ctx.io.out(
        `Following ${r.added.length} new feed${r.added.length === 1 ? '' : 's'}` +
          (r.skipped.length ? ` (${r.skipped.length} already followed)` : '') +
          '; fetch them with `broadsheet feeds refresh --all`.\n',
      )
    })

  feeds
    .command('export-opml')
    .description('write every followed feed, with its folder, to an OPML file (- for stdout)')
    .argument('<file>', 'where to write')
    .action(async (file: string) => {
      const { text } = await ctx.library().api['feeds.exportOpml']({})
      if (file === '-') return ctx.io.out(text)
      try {
        writeFileSync(file, text)
      } catch (err) {
        throw new BroadsheetError(
          'io_error',
          `Cannot write ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); choose another path.`,
        )
      }
      ctx.io.out(`Wrote ${file}.\n`)
    })
}
