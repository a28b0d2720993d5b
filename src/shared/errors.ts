/**
 * Errors every door (IPC, HTTP, CLI) reports the same way. Messages are one sentence a person
 * can act on; `code` lets a program react.
 */

/** What went wrong, for programs. */
export type ErrorCode =
  'not_found' | 'conflict' | 'invalid_input' | 'library_unusable' | 'io_error' | 'internal'

/** The shape an error takes when it crosses a boundary (IPC, HTTP, `--json`). */
export interface ErrorPayload {
  code: ErrorCode
  message: string
  /** For `conflict`: the article as it is now, so the client can show or merge it. */
  current?: unknown
}

/** An error raised by a service on purpose, with a message meant for a person. */
export class BroadsheetError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly current?: unknown,
  ) {
    super(message)
    this.name = 'BroadsheetError'
  }

  /** The serialisable form sent over IPC or HTTP. */
  toPayload(): ErrorPayload {
    return this.current === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, current: this.current }
  }
}

/** Shorthand for the most common error: the thing asked for does not exist. */
export function notFound(what: string): BroadsheetError {
  return new BroadsheetError(
    'not_found',
    `${what} was not found; list what exists with \`broadsheet list\`.`,
  )
}
