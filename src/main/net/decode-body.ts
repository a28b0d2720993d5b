/**
 * Turning fetched bytes into text with the right character encoding, following the WHATWG
 * encoding-sniffing order: a byte order mark, then the HTTP charset, then what the document
 * itself declares (the XML declaration, or a `<meta>` charset in HTML's first 1024 bytes).
 *
 * Two departures from the letter of the standard, both because real feeds and pages lie:
 * - When nothing declares an encoding, the text is UTF-8 if it is valid UTF-8, else
 *   windows-1252 (the standard's default for HTML); a browser guesses in a similar way. A
 *   `<meta>` charset after the first 1024 bytes still counts when the text is not UTF-8
 *   (browsers honour it by parsing again).
 * - A declared single- or multi-byte legacy encoding is overridden by UTF-8 when the bytes
 *   are valid UTF-8 and not plain ASCII: a legacy text almost never happens to be valid UTF-8,
 *   while a UTF-8 body behind a stale `ISO-8859-1` declaration is common (miniflux's
 *   "incorrect prolog" feeds).
 */
import { isAscii, isUtf8 } from 'node:buffer'

/** Hints for `decodeBody`. */
export interface DecodeHints {
  /** The HTTP Content-Type header, if any (its `charset` parameter is used). */
  contentType?: string | null
  /** Which in-document declaration to look for. */
  kind: 'html' | 'xml'
}

/** Decoded text and the WHATWG name of the encoding used (`utf-8`, `windows-1251`, …). */
export interface DecodedBody {
  text: string
  charset: string
}

/** Bytes scanned for a `<meta>` charset, as the HTML standard's prescan does. */
const META_PRESCAN_BYTES = 1024
/** Bytes scanned for a later `<meta>` charset when the text is not UTF-8. */
const LATE_META_BYTES = 64 * 1024

/**
 * Decode a fetched body to text. Never throws on bad bytes: they become U+FFFD, as in a
 * browser. A byte order mark is removed.
 */
export function decodeBody(bytes: Uint8Array, hints: DecodeHints): DecodedBody {
  const bom = bomEncoding(bytes)
  if (bom) return decodeWith(bytes, bom)
  const declared =
    canonical(charsetFromContentType(hints.contentType)) ??
    canonical(hints.kind === 'xml' ? xmlDeclaredEncoding(bytes) : metaCharset(bytes))
  // Browsers also honour a <meta> found later by the parser (they start again in the
  // declared encoding); only needed when the bytes are not UTF-8 anyway.
  const late =
    declared === null && hints.kind === 'html' && !isUtf8(bytes)
      ? canonical(metaCharset(bytes, LATE_META_BYTES))
      : null
  if (late) return decodeWith(bytes, late.startsWith('utf-16') ? 'windows-1252' : late)
  if (declared) {
    // UTF-16 cannot be declared from inside a document that was readable as ASCII.
    const label = declared.startsWith('utf-16') ? 'utf-8' : declared
    if (label !== 'utf-8' && !isAscii(bytes) && isUtf8(bytes)) return decodeWith(bytes, 'utf-8')
    return decodeWith(bytes, label)
  }
  return decodeWith(bytes, isUtf8(bytes) ? 'utf-8' : 'windows-1252')
}

function decodeWith(bytes: Uint8Array, encoding: string): DecodedBody {
  const decoder = new TextDecoder(encoding)
  const text = decoder.decode(bytes)
  return {
    text: decoder.encoding === 'windows-1252' ? fixWindows1252(text) : text,
    charset: decoder.encoding,
  }
}

/**
 * windows-1252's characters for bytes 0x80–0x9F (€, curly quotes, dashes…); the five bytes it
 * leaves undefined stay as they are. Node 20's TextDecoder decodes windows-1252 (and so every
 * `iso-8859-1` label, which WHATWG maps to it) as Latin-1, turning these into C1 controls.
 */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!)
}

function bomEncoding(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8'
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be'
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le'
  return null
}

/** The WHATWG name for an encoding label, or null when the label is unknown. */
function canonical(label: string | null): string | null {
  if (!label) return null
  try {
    return new TextDecoder(label.trim()).encoding
  } catch {
    return null
  }
}

/** The `charset` parameter of a Content-Type header. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType)
  return m ? m[2]! : null
}

/** The encoding named by an XML declaration at the very start of the document. */
function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  const head = latin1(bytes, 200)
  const decl = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)
  return decl ? decl[1]! : null
}

/**
 * The charset of a `<meta charset>` or `<meta http-equiv="Content-Type" content="…;
 * charset=…">` within the first 1024 bytes, comments skipped.
 */
function metaCharset(bytes: Uint8Array, limit = META_PRESCAN_BYTES): string | null {
  const head = latin1(bytes, limit).replace(/<!--[\s\S]*?(-->|$)/g, '')
  for (const tag of head.matchAll(/<meta\s[^>]*>?/gi)) {
    const attrs = tag[0]
    const direct = /\scharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(attrs)
    if (direct) return direct[1]!
    if (/http-equiv\s*=\s*["']?\s*content-type/i.test(attrs)) {
      const content = /\scontent\s*=\s*(["'])([^"']*)\1/i.exec(attrs)
      const charset = content ? /charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(content[2]!) : null
      if (charset) return charset[1]!
    }
  }
  return null
}

function latin1(bytes: Uint8Array, max: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, max)).toString(
    'latin1',
  )
}
