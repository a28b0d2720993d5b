import { shell } from 'electron'
import { isAllowedExternalUrl } from './external-url'

export { isAllowedExternalUrl } from './external-url'

/**
 * Open `url` in the system's browser or mail program if it passes `isAllowedExternalUrl`;
 * anything else is dropped. Returns whether it was handed to the system.
 */
export function openExternalSafely(url: unknown): boolean {
  if (!isAllowedExternalUrl(url)) return false
  shell.openExternal(new URL(url as string).href).catch(() => {
    // No handler for the scheme on this system: nothing to do.
  })
  return true
}
