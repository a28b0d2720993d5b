// Pure allow-list for links leaving the app: what `shell.openExternal` may be given.
import { hasControlChar } from './app-protocol-paths'

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])
const MAX_URL_LENGTH = 8192

/**
 * Whether `url` may be opened in the system's browser or mail program: only http:, https: and
 * mailto: after `new URL()` parsing, with no credentials, no control characters or whitespace
 * and a host for http(s). Everything else (javascript:, file:, data:, app:, custom schemes,
 * relative or unparsable strings, non-strings) is refused.
 */
export function isAllowedExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return false
  // URL parsing strips leading/trailing spaces and tabs/newlines inside; refuse such strings.
  if (url.includes(' ') || hasControlChar(url)) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return false
  if (parsed.username !== '' || parsed.password !== '') return false
  if (parsed.protocol === 'mailto:') return parsed.pathname !== ''
  return parsed.hostname !== ''
}
