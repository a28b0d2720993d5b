/**
 * Exports that run while the app watches: `export.start` chooses the articles and starts the
 * writer without waiting for it, `export.progress` reads how far it got, `export.cancel` stops
 * it between two articles, and `export.take` (or browser mode's `GET /export?job=ID`) hands
 * over the finished file once. The same contract serves the desktop app over IPC and browser
 * mode over HTTP, so both show the same progress.
 */
import { randomBytes } from 'node:crypto'
import type { ExportJobStatus, ParsedInput } from '../../shared/contract'
import { BroadsheetError } from '../../shared/errors'
import type { Library } from '../library/open-library'
import { bundleOf, defaultTitle, oneFile } from './export-articles'
import { exportMime } from './export-methods'
import { ExportCancelled } from './progress'
import { selectArticles } from './select-articles'

/** Exports one library may run at once; more is surely a page polling in a loop. */
export const MAX_RUNNING_EXPORTS = 4
/** A finished export nobody took is dropped after this long, with its file. */
export const FINISHED_EXPORT_TTL_MS = 10 * 60_000

interface ExportJob {
  status: ExportJobStatus
  controller: AbortController
  file: { name: string; data: Uint8Array } | null
  /** Settles when the writer has stopped, whatever the outcome. */
  finished: Promise<void>
}

const tables = new WeakMap<Library, Map<string, ExportJob>>()

function jobsOf(lib: Library): Map<string, ExportJob> {
  let jobs = tables.get(lib)
  if (!jobs) {
    jobs = new Map()
    tables.set(lib, jobs)
  }
  return jobs
}

function jobOf(lib: Library, id: string): ExportJob {
  const job = jobsOf(lib).get(id)
  if (!job) {
    throw new BroadsheetError(
      'not_found',
      'That export is not known here: it was collected already, expired, or the app restarted.',
    )
  }
  return job
}

/** Start an export; answers at once with its id and the number of articles chosen. */
export function startExportJob(
  lib: Library,
  input: ParsedInput<'export.start'>,
): { job: string; total: number } {
  const jobs = jobsOf(lib)
  const running = [...jobs.values()].filter((j) => j.status.state === 'running').length
  if (running >= MAX_RUNNING_EXPORTS) {
    throw new BroadsheetError(
      'invalid_input',
      `${running} exports are running already; wait for one to finish or cancel it.`,
    )
  }
  // Chosen now, so a wrong id or an empty search is the answer to this call.
  const articles = selectArticles(lib, input.scope)
  const options = input.options ?? {}
  const title = options.title ?? defaultTitle(input.scope)
  const id = randomBytes(16).toString('hex')
  const controller = new AbortController()
  const status: ExportJobStatus = {
    state: 'running',
    done: 0,
    total: articles.length,
    current: articles[0]?.title ?? null,
    name: null,
    error: null,
    warnings: [],
  }
  const job: ExportJob = { status, controller, file: null, finished: Promise.resolve() }
  job.finished = (async () => {
    try {
      const bundle = await bundleOf(
        lib,
        articles,
        input.format,
        {
          ...options,
          signal: controller.signal,
          onProgress(done, total, current) {
            status.done = done
            status.total = total
            status.current = current ?? null
          },
        },
        title,
      )
      job.file = oneFile(bundle, title)
      Object.assign(status, {
        state: 'done',
        done: status.total,
        current: null,
        name: job.file.name,
        warnings: bundle.warnings ?? [],
      })
    } catch (err) {
      status.current = null
      if (err instanceof ExportCancelled) status.state = 'cancelled'
      else {
        status.state = 'failed'
        status.error =
          err instanceof BroadsheetError ? err.message : `The export failed: ${String(err)}`
      }
    }
    // Forget it later if nobody collects it (the timer must not keep a CLI process alive).
    setTimeout(() => {
      if (jobs.get(id) === job) jobs.delete(id)
    }, FINISHED_EXPORT_TTL_MS).unref()
  })()
  jobs.set(id, job)
  return { job: id, total: articles.length }
}

/** How far an export has got (a copy: the caller may keep it). */
export function exportJobStatus(lib: Library, id: string): ExportJobStatus {
  const { status } = jobOf(lib, id)
  return { ...status, warnings: [...status.warnings] }
}

/** Ask a running export to stop; it ends (as `cancelled`) before its next article. */
export function cancelExportJob(lib: Library, id: string): { cancelled: boolean } {
  const job = jobOf(lib, id)
  if (job.status.state !== 'running') return { cancelled: false }
  job.controller.abort()
  return { cancelled: true }
}

/** Wait until an export has stopped (tests, and a server closing). */
export function exportJobFinished(lib: Library, id: string): Promise<void> {
  return jobOf(lib, id).finished
}

/** A finished export's file, handed over once (then the job is forgotten). */
export function takeExportJob(
  lib: Library,
  id: string,
): { name: string; data: Uint8Array; warnings: string[] } {
  const job = jobOf(lib, id)
  const { state } = job.status
  if (state !== 'done' || !job.file) {
    throw new BroadsheetError(
      'invalid_input',
      state === 'running'
        ? 'That export is still running; wait until export.progress says it is done.'
        : state === 'cancelled'
          ? 'That export was cancelled; it has no file.'
          : (job.status.error ?? 'That export failed.'),
    )
  }
  jobsOf(lib).delete(id)
  return { ...job.file, warnings: job.status.warnings }
}

/** `takeExportJob` for the contract: the file base64-encoded with its media type. */
export function takeExportJobBase64(
  lib: Library,
  id: string,
): { name: string; mime: string; dataBase64: string; warnings: string[] } {
  const file = takeExportJob(lib, id)
  return {
    name: file.name,
    mime: exportMime(file.name),
    dataBase64: Buffer.from(file.data).toString('base64'),
    warnings: file.warnings,
  }
}
