import { BroadsheetError } from '../../shared/errors'

/** Encode a keyset position (the last row's sort value and id) as an opaque cursor. */
export function encodeCursor(value: string | number, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url')
}

/** Decode a cursor made by `encodeCursor`; a damaged one is an input error, not a crash. */
export function decodeCursor(cursor: string): [string | number, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      Number.isInteger(parsed[1])
    ) {
      return [parsed[0], parsed[1] as number]
    }
  } catch {
    // fall through to the error below
  }
  throw new BroadsheetError(
    'invalid_input',
    'The page cursor is not valid; start again from the first page.',
  )
}
