/**
 * Where the window loads a library asset from. Both doors serve assets at `/assets/<name>` of
 * the page's own origin: browser mode (`broadsheet serve`, behind the same token cookie) and
 * the desktop's `app://broadsheet/assets/<name>`. So one root-relative URL serves both.
 */

/** `assets/<sha256>.<ext>` (or `./assets/…`) → the URL this window loads it from. */
export function assetUrl(link: string): string {
  const name = link.replace(/^(?:\.\/)?assets\//, '')
  return `/assets/${name}`
}
