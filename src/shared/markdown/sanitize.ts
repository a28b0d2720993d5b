/**
 * The sanitizer policy for rendered articles, shared by the preview (DOMPurify over the
 * browser's window) and Node exports (DOMPurify over jsdom), so both keep exactly the same
 * markup. The threat list is the XSS history of Joplin, MarkText, Typora, Obsidian and
 * Zettlr: raw HTML, SVG and MathML tricks, script URLs, code-fence info strings, math,
 * front-matter fields and mutation XSS.
 *
 * Styles: KaTeX positions every glyph with inline `style` (heights, vertical offsets, rule
 * widths), and math without it is unreadable. So `style` is kept only inside KaTeX output
 * (`.katex` / `.katex-error`), and even there only declarations from a fixed list of
 * properties with plain values (lengths, numbers, colour names, `#hex`, `rgb()`): no `url()`,
 * no `expression()`, no escapes or comments, no `position` but `relative`. Raw HTML can forge
 * the `katex` class, but what that buys is limited to moving and colouring its own text
 * within the article; it can load nothing and run nothing. Every other `style` is removed.
 */
import type { Config, DOMPurify, ElementHook, UponSanitizeAttributeHook } from 'dompurify'

/** Elements never kept, whatever their attributes. */
const FORBID_TAGS = [
  // Script and its containers, and elements that parse their content differently (mXSS).
  'script',
  'noscript',
  'template',
  'style',
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
  // Other documents and plugins.
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  // Forms: phishing inside an article. Task-list checkboxes are let through by a hook.
  'form',
  'button',
  'select',
  'option',
  'optgroup',
  'datalist',
  'textarea',
  'keygen',
  // Document-level elements that change how the page behaves.
  'base',
  'meta',
  'link',
  'dialog',
  // Obsolete web-component elements.
  'slot',
  'shadow',
  'content',
  'element',
  'decorator',
  // SVG: HTML islands and attribute-rewriting animations.
  'foreignobject',
  'animate',
  'animatecolor',
  'animatemotion',
  'animatetransform',
  'set',
  'discard',
  'handler',
  'listener',
  // MathML's HTML island.
  'annotation-xml',
]

/** Attributes never kept (event handlers go anyway: DOMPurify drops every `on*`). */
const FORBID_ATTR = ['srcdoc', 'action', 'formaction', 'ping', 'autofocus', 'is', 'srcset']

/**
 * URL schemes allowed in any URL attribute: the web, mail, phone, and `app:` (the Electron
 * door's own protocol for assets); relative URLs and fragments too. Anything else
 * (`javascript:`, `vbscript:`, `file:`, `data:` but for images, unknown schemes) is removed.
 */
const ALLOWED_URI = /^(?:(?:https?|mailto|tel|app):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i

/**
 * The DOMPurify configuration: exported so the preview (browser DOMPurify) and Node exports
 * (DOMPurify over jsdom) sanitize identically.
 */
export const SANITIZE_CONFIG: Config = {
  USE_PROFILES: { html: true, svg: true, mathMl: true },
  // KaTeX's MathML wraps every formula in <semantics> with the TeX source as an annotation.
  ADD_TAGS: ['semantics', 'annotation'],
  ADD_ATTR: ['target', 'loading', 'decoding', 'encoding'],
  FORBID_TAGS,
  FORBID_ATTR,
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  ALLOW_DATA_ATTR: true,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // Removes ids and names that would clobber `document` or form properties.
  SANITIZE_DOM: true,
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  RETURN_DOM: false,
  RETURN_DOM_FRAGMENT: false,
}

/** CSS properties KaTeX writes, with the values it writes them with. */
const KATEX_STYLE_PROPERTIES = new Set([
  'height',
  'width',
  'min-width',
  'max-width',
  'top',
  'bottom',
  'vertical-align',
  'margin',
  'margin-left',
  'margin-right',
  'margin-top',
  'margin-bottom',
  'padding-left',
  'padding-right',
  'padding-top',
  'padding-bottom',
  'border',
  'border-width',
  'border-style',
  'border-color',
  'border-top-width',
  'border-bottom-width',
  'border-right-width',
  'border-left-width',
  'border-right-style',
  'border-top-style',
  'color',
  'background-color',
  'position',
])

/** One value word: a number with an optional unit, a keyword, `#hex` or `rgb()`/`rgba()`. */
const STYLE_WORD =
  /^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[a-z]{1,4}|%)?|[a-z][a-z-]{0,30}|#[0-9a-f]{3,8}|rgba?\([\d.,\s%]{1,60}\))$/i

/** The style with only the declarations KaTeX needs, or `null` when nothing is left. */
export function filterKatexStyle(style: string): string | null {
  // Escapes and comments are how filters are fooled; KaTeX never writes them.
  if (/[\\@<>]|\/\*|url\s*\(|expression|image-set|var\s*\(/i.test(style)) return null
  const kept: string[] = []
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':')
    if (colon < 0) continue
    const property = declaration.slice(0, colon).trim().toLowerCase()
    const value = declaration.slice(colon + 1).trim()
    if (!KATEX_STYLE_PROPERTIES.has(property) || value === '') continue
    if (property === 'position' && value.toLowerCase() !== 'relative') continue
    const words = value.split(/\s+(?![^(]*\))/)
    if (words.length > 4 || !words.every((w) => STYLE_WORD.test(w))) continue
    kept.push(`${property}:${value}`)
  }
  return kept.length > 0 ? kept.join(';') : null
}

/** Attributes holding a URL, checked again after DOMPurify (defence in depth). */
const URL_ATTRIBUTES = [
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'poster',
  'background',
  'cite',
  'data',
]

/** Images that may be inlined as `data:` URLs; SVG is not among them (it can carry script). */
const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif)[;,]/i

// Control characters, spaces and invisible separators, which browsers skip inside a scheme.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff]+/g

/** A URL as a browser reads its scheme: no whitespace or control characters, lower case. */
function schemeOf(url: string): string {
  return url.replace(INVISIBLE, '').toLowerCase()
}

const keepKatexStyles: UponSanitizeAttributeHook = (node, data) => {
  if (data.attrName !== 'style') return
  const inKatex =
    typeof node.closest === 'function' && node.closest('.katex, .katex-error') !== null
  const filtered = inKatex ? filterKatexStyle(data.attrValue) : null
  if (filtered === null) data.keepAttr = false
  else data.attrValue = filtered
}

const finishElement: ElementHook = (element) => {
  if (typeof element.getAttribute !== 'function') return
  const tag = element.localName.toLowerCase()

  for (const name of URL_ATTRIBUTES) {
    const value = element.getAttribute(name)
    if (value === null) continue
    const scheme = schemeOf(value)
    const dataImage = tag === 'img' && name === 'src' && DATA_IMAGE.test(scheme)
    if (
      /^(?:javascript|vbscript|file):/.test(scheme) ||
      (scheme.startsWith('data:') && !dataImage)
    ) {
      element.removeAttribute(name)
    }
  }

  if (tag === 'input') {
    // Only the disabled checkbox of a task-list item survives, with only what it needs.
    if (
      element.getAttribute('type')?.toLowerCase() !== 'checkbox' ||
      !element.hasAttribute('disabled')
    ) {
      element.remove()
      return
    }
    for (const { name } of Array.from(element.attributes)) {
      if (!['type', 'checked', 'disabled', 'class'].includes(name)) element.removeAttribute(name)
    }
  }

  if (tag === 'use') {
    // <use> may only point inside the document, never at another (remote) SVG.
    for (const name of ['href', 'xlink:href']) {
      const value = element.getAttribute(name)
      if (value !== null && !value.trim().startsWith('#')) element.removeAttribute(name)
    }
  }

  if (tag === 'img') {
    if (!element.hasAttribute('loading')) element.setAttribute('loading', 'lazy')
    if (!element.hasAttribute('decoding')) element.setAttribute('decoding', 'async')
  }

  // Links out of the article open apart from the app, and never get a handle back on it.
  const href = element.getAttribute('href')
  if (tag === 'a' && href !== null && /^https?:/.test(schemeOf(href))) {
    element.setAttribute('target', '_blank')
  }
  const target = element.getAttribute('target')
  if (target !== null) {
    if (target !== '_blank') element.removeAttribute('target')
    else element.setAttribute('rel', 'noopener noreferrer')
  }
}

/** Sanitize rendered HTML with the given DOMPurify instance. */
export function sanitizeWith(purify: DOMPurify, html: string): string {
  // The hooks are added for this call only: the instance may serve other policies too.
  purify.addHook('uponSanitizeAttribute', keepKatexStyles)
  purify.addHook('afterSanitizeAttributes', finishElement)
  try {
    return purify.sanitize(html, SANITIZE_CONFIG)
  } finally {
    purify.removeHook('afterSanitizeAttributes', finishElement)
    purify.removeHook('uponSanitizeAttribute', keepKatexStyles)
  }
}
