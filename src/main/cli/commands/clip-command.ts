import type { Command } from 'commander'
import { BroadsheetError } from '../../../shared/errors'
import type { CliContext } from '../main'
import { plain, printJson } from '../output'

const STEPS = {
  fetching: 'Fetching the page…',
  extracting: 'Finding the article…',
  images: 'Downloading images…',
  saving: 'Saving…',
} as const

/** `clip URL`: save a web page as an article. */
export function registerClipCommand(program: Command, ctx: CliContext): void {
  program
    .command('clip')
    .description('save the web page at URL as an article (text, metadata and images)')
    .argument('<url>', 'the page address (http or https)')
    .option('--no-images', 'keep links to the images instead of downloading them')
    .option('--force', 'save the page even if it does not look like an article')
    .option('--json', 'print the saved article (and what happened to its images) as JSON')
    .action(async (url: string, opts: { images: boolean; force?: boolean; json?: boolean }) => {
      // Fetching and extracting (jsdom, Readability, Turndown) load only when a page is clipped.
      const [{ clipUrl }, { NOT_AN_ARTICLE }] = await Promise.all([
        import('../../clip/clip-url'),
        import('../../clip/extract-article'),
      ])
      const { lib } = ctx.library()
      // A status line only where a person watches a terminal; it is cleared when done.
      const tty = ctx.io.isTTY && process.stderr.isTTY
      const status = (text: string) => tty && process.stderr.write(`\r\x1b[K${text}`)
      let result
      try {
        result = await clipUrl(lib, url, {
          downloadImages: opts.images,
          force: opts.force,
          onProgress: (step) => status(STEPS[step]),
        })
      } catch (err) {
        if (err instanceof BroadsheetError && err.message.startsWith(NOT_AN_ARTICLE)) {
          throw new BroadsheetError(err.code, `${err.message} Save it anyway with --force.`)
        }
        throw err
      } finally {
        status('')
      }
      const { article: a, existing, imagesSaved, imagesFailed } = result
      if (opts.json) {
        return printJson(ctx.io, { article: a, existing, imagesSaved, imagesFailed })
      }
      if (existing) {
        ctx.io.out(`Already in the library as ${a.id}: "${plain(a.title)}".\n`)
        return
      }
      const by = a.author ? ` by ${plain(a.author)}` : ''
      ctx.io.out(`Saved "${plain(a.title)}"${by} as ${a.id} (${a.readingMinutes} min read).\n`)
      if (opts.images) {
        const kept = imagesFailed.length
        ctx.io.out(
          `${imagesSaved} image${imagesSaved === 1 ? '' : 's'} stored in the library` +
            (kept > 0 ? `; ${kept} kept as web links:\n` : '.\n'),
        )
        for (const f of imagesFailed.slice(0, 10))
          ctx.io.out(`  ${plain(f.url)}: ${plain(f.reason)}\n`)
      }
    })
}
