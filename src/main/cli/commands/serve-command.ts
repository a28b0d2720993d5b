import { type Command, InvalidArgumentError } from 'commander'
import { BroadsheetError } from '../../../shared/errors'
import type { Library } from '../../library/open-library'
import type { CliContext } from '../main'

/** Parse `--port`: 0 (any free port) to 65535. */
function portNumber(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n > 65535) {
    throw new InvalidArgumentError(`use a port number from 0 to 65535, not "${value}".`)
  }
  return n
}

/** Resolves on the first SIGINT or SIGTERM, then stops listening for them. */
function untilInterrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve(signal)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

/** Start the server, turning the usual reasons it cannot listen into sentences. */
async function listen(lib: Library, host: string, port: number) {
  const { startServer } = await import('../../server/http-server')
  try {
    return await startServer(lib, { host, port })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') {
      throw new BroadsheetError(
        'invalid_input',
        `Port ${port} is already in use; choose another with --port, or leave it out for a free one.`,
      )
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') {
      throw new BroadsheetError(
        'invalid_input',
        `Cannot listen on ${host} port ${port} (${code}); choose another --host or --port.`,
      )
    }
    throw err
  }
}

/**
 * `serve`: browser mode. Serves the app and the library over HTTP until interrupted, and
 * prints the address to open (token included) on a line of its own.
 */
export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the app in a web browser (on this computer only, unless --host says so)')
    .option('--port <n>', 'the port (0: any free one)', portNumber, 0)
    .option('--host <host>', 'the interface to listen on', '127.0.0.1')
    .action(async (opts: { port: number; host: string }) => {
      // The server and the feed scheduler load only when serving.
      const [{ isLoopback }, { startFeedScheduler }] = await Promise.all([
        import('../../server/security'),
        import('../../feeds/scheduler'),
      ])
      const { lib } = ctx.library()
      const server = await listen(lib, opts.host, opts.port)
      // Feeds refresh on their schedule while the server runs.
      const feeds = startFeedScheduler(lib)
      // Listen for signals before the URL is printed: whoever reads it may interrupt at once.
      const interrupted = untilInterrupted()
      if (!isLoopback(opts.host)) {
        ctx.io.err(
          `broadsheet: warning: listening on ${opts.host}, so anyone on your network who has the link can read and change your library.\n`,
        )
      }
      ctx.io.out(`${server.url}\n`)
      if (ctx.io.isTTY) ctx.io.err('Open the address above in a browser; press Ctrl+C to stop.\n')
      await interrupted
      // main() closes the library once this resolves, so the server must be gone first.
      await feeds.stop()
      await server.close()
    })
}
