/**
 * Syntax highlighting of fenced code with highlight.js. Only the core and a fixed list of
 * common languages are loaded, so the renderer bundle stays small; any other language is
 * shown as escaped plain text.
 */
import hljs from 'highlight.js/lib/core'
import bash from 'highlight.js/lib/languages/bash'
import c from 'highlight.js/lib/languages/c'
import cpp from 'highlight.js/lib/languages/cpp'
import csharp from 'highlight.js/lib/languages/csharp'
import css from 'highlight.js/lib/languages/css'
import diff from 'highlight.js/lib/languages/diff'
import dockerfile from 'highlight.js/lib/languages/dockerfile'
import go from 'highlight.js/lib/languages/go'
import ini from 'highlight.js/lib/languages/ini'
import java from 'highlight.js/lib/languages/java'
import javascript from 'highlight.js/lib/languages/javascript'
import json from 'highlight.js/lib/languages/json'
import kotlin from 'highlight.js/lib/languages/kotlin'
import lua from 'highlight.js/lib/languages/lua'
import makefile from 'highlight.js/lib/languages/makefile'
import markdown from 'highlight.js/lib/languages/markdown'
import php from 'highlight.js/lib/languages/php'
import plaintext from 'highlight.js/lib/languages/plaintext'
import powershell from 'highlight.js/lib/languages/powershell'
import python from 'highlight.js/lib/languages/python'
import r from 'highlight.js/lib/languages/r'
import ruby from 'highlight.js/lib/languages/ruby'
import rust from 'highlight.js/lib/languages/rust'
import scss from 'highlight.js/lib/languages/scss'
import shell from 'highlight.js/lib/languages/shell'
import sql from 'highlight.js/lib/languages/sql'
import swift from 'highlight.js/lib/languages/swift'
import typescript from 'highlight.js/lib/languages/typescript'
import xml from 'highlight.js/lib/languages/xml'
import yaml from 'highlight.js/lib/languages/yaml'
import { LruCache } from './lru'

const LANGUAGES = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  dockerfile,
  go,
  ini,
  java,
  javascript,
  json,
  kotlin,
  lua,
  makefile,
  markdown,
  php,
  plaintext,
  powershell,
  python,
  r,
  ruby,
  rust,
  scss,
  shell,
  sql,
  swift,
  typescript,
  xml,
  yaml,
}

let registered = false

function register(): void {
  if (registered) return
  for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language)
  // TOML is close enough to INI for highlight.js, which has no TOML grammar of its own.
  hljs.registerAliases(['toml'], { languageName: 'ini' })
  registered = true
}

/** Longer code is not highlighted: highlight.js is linear but slow, and the preview must keep up. */
const MAX_HIGHLIGHT_LENGTH = 100_000

const cache = new LruCache<string>(300)

/**
 * The class-safe language name of a fence info string: its first word, reduced to the
 * characters `[A-Za-z0-9_+#-]`. The info string is untrusted text (an old XSS route in
 * several editors), so nothing else of it ever reaches the HTML.
 */
export function fenceLanguage(info: string): string {
  const word = info.trim().split(/\s+/, 1)[0] ?? ''
  return word.replace(/[^A-Za-z0-9_+#-]/g, '').slice(0, 40)
}

/**
 * Highlighted HTML for `code` in `language`, or `null` when the language is not registered
 * (the caller then escapes the code as plain text).
 */
export function highlightCode(code: string, language: string): string | null {
  if (language === '' || code.length > MAX_HIGHLIGHT_LENGTH) return null
  register()
  if (!hljs.getLanguage(language)) return null
  const key = `${language.toLowerCase()}\u0000${code}`
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  let html: string
  try {
    html = hljs.highlight(code, { language, ignoreIllegals: true }).value
  } catch {
    return null
  }
  cache.set(key, html)
  return html
}
