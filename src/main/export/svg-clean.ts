/**
 * SVG images made safe to travel inside an export: an SVG is a document that can hold script
 * and event handlers, and although an `<img>` never runs them, no exported file may carry
 * one. DOMPurify's SVG profile (over jsdom) keeps the drawing and drops the rest.
 */
import createDOMPurify, { type DOMPurify, type WindowLike } from 'dompurify'
import { loadJsdom } from '../../shared/markdown/load-jsdom'

let purify: DOMPurify | null = null

function instance(): DOMPurify {
  if (purify === null) {
    const { JSDOM } = loadJsdom()
    purify = createDOMPurify(new JSDOM('').window as unknown as WindowLike)
  }
  return purify
}

/** The SVG without script, handlers, foreign content or outside references, as a file. */
export function cleanSvg(bytes: Uint8Array): Buffer {
  let svg = instance().sanitize(Buffer.from(bytes).toString('utf8'), {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['script', 'foreignObject', 'a', 'use', 'image', 'style'],
  })
  // Serialized as HTML: the root may have lost the namespaces an SVG file must declare.
  svg = svg.replace(/^<svg\b(?![^>]*\sxmlns=)/, '<svg xmlns="http://www.w3.org/2000/svg"')
  if (/\sxlink:/.test(svg)) {
    svg = svg.replace(
      /^<svg\b(?![^>]*\sxmlns:xlink=)/,
      '<svg xmlns:xlink="http://www.w3.org/1999/xlink"',
    )
  }
  if (!svg.startsWith('<svg')) svg = '<svg xmlns="http://www.w3.org/2000/svg"/>'
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, 'utf8')
}
