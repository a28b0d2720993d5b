/**
 * jsdom, loaded on first use. It takes seconds to load on a slow machine and most commands
 * (list, search, show, serving the app) never need it, so nothing imports it at the top.
 * `require` keeps the callers synchronous. Node only (the renderer has a real DOM).
 */
import { createRequire } from 'node:module'

let jsdom: typeof import('jsdom') | null = null

/** The jsdom module. */
export function loadJsdom(): typeof import('jsdom') {
  jsdom ??= createRequire(import.meta.url)('jsdom') as typeof import('jsdom')
  return jsdom
}
