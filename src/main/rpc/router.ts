import type { z } from 'zod'
import { contract, type MethodName, type MethodOutput, type RpcResult } from '../../shared/contract'
import { BroadsheetError, type ErrorPayload } from '../../shared/errors'
import type { Library } from '../library/open-library'
import { type Handlers, libraryHandlers } from './handlers'

/** Calls a contract method by name with untrusted input; never throws. */
export type Dispatch = (method: string, input: unknown) => Promise<RpcResult>

/**
 * The router every door uses: look the method up in the contract, validate the input against
 * its schema, run the handler, and turn any failure into a typed error a person can act on.
 */
export function createRouter(lib: Library, handlers: Handlers = libraryHandlers): Dispatch {
  return async (method, input) => {
    if (!Object.hasOwn(contract, method)) {
      return fail({ code: 'invalid_input', message: `There is no method "${method}".` })
    }
    const name = method as MethodName
    const parsed = contract[name].input.safeParse(input ?? {})
    if (!parsed.success) {
      return fail({ code: 'invalid_input', message: describeIssues(parsed.error) })
    }
    try {
      const handler = handlers[name] as (lib: Library, input: unknown) => unknown
      const value = (await handler(lib, parsed.data)) as MethodOutput<typeof name>
      return { ok: true, value }
    } catch (err) {
      return fail(toErrorPayload(err))
    }
  }
}

function fail(error: ErrorPayload): RpcResult {
  return { ok: false, error }
}

/** One sentence naming each invalid field and what it needs. */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : 'the input'
    return `${where}: ${issue.message}`
  })
  return `Invalid input (${parts.join('; ')}); correct it and try again.`
}

/**
 * Map any thrown value to the error payload. Known causes of failure that are not bugs (a
 * full disk, a locked or read-only database) get messages that say what to do.
 */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof BroadsheetError) return err.toPayload()
  const code = (err as { code?: unknown }).code
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return {
      code: 'io_error',
      message: 'The disk is full, so nothing was saved; free some space and save again.',
    }
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return {
      code: 'io_error',
      message: 'The library is busy in another program; try again in a moment.',
    }
  }
  if (code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EPERM') {
    return {
      code: 'io_error',
      message:
        'The library cannot be written (read-only or no permission); check the folder permissions.',
    }
  }
  return {
    code: 'internal',
    message: `Something went wrong inside Broadsheet (${(err as Error)?.message ?? String(err)}); please report it.`,
  }
}
