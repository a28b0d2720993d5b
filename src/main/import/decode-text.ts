/** Turning a file's bytes into the text that is stored, or a reason why it is not text. */
import { TextDecoder } from 'node:util'

/** How much of a file is looked at for NUL bytes (Git and grep use the same heuristic). */
const SNIFF_BYTES = 8192

// Decoders are reusable; `ignoreBOM: true` keeps a UTF-8 BOM in the string, so the stored text
// encodes back to the file's exact bytes.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
// A UTF-16 BOM only says how to read the bytes: the stored document is UTF-8, so it is dropped.
const utf16le = new TextDecoder('utf-16le', { fatal: true })
const utf16be = new TextDecoder('utf-16be', { fatal: true })

/** The decoded text of a file, or why it was not imported. */
export type DecodedText =
  { text: string; reason?: undefined } | { text?: undefined; reason: string }

/** Reason given for a file with NUL bytes near its start. */
export const BINARY_REASON = 'binary file, not Markdown'
/** Reason given for bytes that are not UTF-8. */
export const INVALID_UTF8_REASON = 'not valid UTF-8 text (save it as UTF-8 and import again)'

/**
 * Decode a Markdown file: UTF-8 byte for byte (a BOM included), or UTF-16 when the file starts
 * with a UTF-16 byte-order mark. Anything else is refused with a reason a person can act on.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const b0 = bytes[0]
  const b1 = bytes[1]
  // UTF-16 is full of NUL bytes, so its BOM must be recognised before the binary check.
  if (b0 === 0xff && b1 === 0xfe) {
    if (bytes[2] === 0 && bytes[3] === 0) {
      return { reason: 'UTF-32 text is not supported (save it as UTF-8 and import again)' }
    }
    return decodeWith(utf16le, bytes, 'UTF-16')
  }
  if (b0 === 0xfe && b1 === 0xff) return decodeWith(utf16be, bytes, 'UTF-16')

  const head = bytes.length > SNIFF_BYTES ? bytes.subarray(0, SNIFF_BYTES) : bytes
  if (head.indexOf(0) !== -1) return { reason: BINARY_REASON }
  try {
    return { text: utf8.decode(bytes) }
  } catch {
    return { reason: INVALID_UTF8_REASON }
  }
}

function decodeWith(decoder: TextDecoder, bytes: Uint8Array, name: string): DecodedText {
  try {
    return { text: decoder.decode(bytes) }
  } catch {
    return { reason: `not valid ${name} text (save it as UTF-8 and import again)` }
  }
}
