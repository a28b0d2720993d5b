/** Test helpers: render + sanitize, and a strict, generic checker of sanitized HTML. */
import { JSDOM } from 'jsdom'
import { renderMarkdown, type RenderOptions } from '../../../src/shared/markdown/render'
import { sanitizeHtml } from '../../../src/shared/markdown/sanitize-node'

/** Renders and sanitizes, as every door does. */
export function renderSafe(markdown: string, options?: RenderOptions): string {
  return sanitizeHtml(renderMarkdown(markdown, options).html)
}

/** Parses HTML into a fragment (jsdom runs no script and loads nothing). */
export function fragment(html: string): DocumentFragment {
  return JSDOM.fragment(html)
}

const decoder = new JSDOM('').window.document.createElement('textarea')

/** HTML entities decoded, repeatedly, in case a value was encoded twice. */
function decodeEntities(value: string): string {
  let current = value
  for (let i = 0; i < 3; i++) {
    decoder.innerHTML = current
    const next = decoder.value
    if (next === current) break
    current = next
  }
  return current
}

/** A URL as a browser reads its scheme: trimmed, decoded, lower case, whitespace removed. */
export function normaliseUrl(value: string): string {
  return (
    decodeEntities(value.trim())
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff]/g, '')
      .toLowerCase()
  )
}

const BANNED_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'button',
  'textarea',
  'select',
  'base',
  'meta',
  'link',
  'style',
  'noscript',
  'template',
  'foreignobject',
  'animate',
  'animatemotion',
  'animatetransform',
  'set',
  'annotation-xml',
])

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'srcdoc',
  'data',
  'poster',
  'background',
  'srcset',
  'cite',
  'ping',
  'lowsrc',
  'dynsrc',
])

const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif)[;,]/

/**
 * Everything dangerous left in sanitized HTML, as readable strings (empty: safe). It walks
 * every element and every attribute; nothing in it knows about particular vectors.
 */
export function findDangers(html: string): string[] {
  const found: string[] = []
  const root = fragment(html)
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.localName.toLowerCase()
    if (BANNED_ELEMENTS.has(tag)) found.push(`<${tag}> element`)
    if (
      tag === 'input' &&
      (el.getAttribute('type')?.toLowerCase() !== 'checkbox' || !el.hasAttribute('disabled'))
    ) {
      found.push('<input> that is not a disabled checkbox')
    }
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase()
      const value = normaliseUrl(attr.value)
      if (name.startsWith('on')) found.push(`${name} handler on <${tag}>`)
      if (name === 'srcdoc') found.push(`srcdoc on <${tag}>`)
      if (URL_ATTRIBUTES.has(name) || name.endsWith(':href')) {
        if (/^(?:javascript|vbscript|livescript|file):/.test(value)) {
          found.push(`${name}="${attr.value}" on <${tag}>`)
        }
        // data: is allowed only as a raster image in <img src>.
        if (
          value.startsWith('data:') &&
          !(tag === 'img' && name === 'src' && DATA_IMAGE.test(value))
        ) {
          found.push(`data URL in ${name} on <${tag}>`)
        }
      }
      if (value.includes('javascript:') && /^(?:href|src|style|values|to|from|by)$/.test(name)) {
        found.push(`script URL inside ${name} on <${tag}>`)
      }
      if (name === 'style') {
        if (!el.closest('.katex, .katex-error')) found.push(`style outside KaTeX on <${tag}>`)
        if (/url\(|expression|@import|position:(?:fixed|absolute)/.test(value)) {
          found.push(`dangerous style "${attr.value}" on <${tag}>`)
        }
      }
      if (name === 'target') {
        const rel = (el.getAttribute('rel') ?? '').split(/\s+/)
        if (value !== '_blank') found.push(`target=${attr.value} on <${tag}>`)
        else if (!rel.includes('noopener') || !rel.includes('noreferrer')) {
          found.push(`target=_blank without rel=noopener noreferrer on <${tag}>`)
        }
      }
      if (tag === 'use' && (name === 'href' || name === 'xlink:href') && !value.startsWith('#')) {
        found.push(`external <use ${name}>`)
      }
    }
  }
  return found
}
