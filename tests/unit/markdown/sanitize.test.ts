import { describe, expect, it } from 'vitest'
import { filterKatexStyle } from '../../../src/shared/markdown/sanitize'
import { sanitizeHtml } from '../../../src/shared/markdown/sanitize-node'
import { fragment } from './dom'

const clean = (html: string) => fragment(sanitizeHtml(html))

describe('sanitize policy', () => {
  it('keeps only the style declarations KaTeX writes, with plain values', () => {
    expect(filterKatexStyle('height:1.04em;vertical-align:-0.25em;')).toBe(
      'height:1.04em;vertical-align:-0.25em',
    )
    expect(filterKatexStyle('position:relative;top:-3.2em;color:#cc0000')).toBe(
      'position:relative;top:-3.2em;color:#cc0000',
    )
    expect(filterKatexStyle('position:fixed;top:0')).toBe('top:0')
    expect(filterKatexStyle('background:url(https://x)')).toBeNull()
    expect(filterKatexStyle('width:expression(alert(1))')).toBeNull()
    expect(filterKatexStyle('color:re\\64')).toBeNull()
    expect(filterKatexStyle('display:none;z-index:9')).toBeNull()
  })

  it('keeps style inside KaTeX output only', () => {
    const root = clean(
      '<span class="katex"><span style="height:1em">x</span></span><span style="height:1em">y</span>',
    )
    expect(root.querySelector('.katex span')?.getAttribute('style')).toBe('height:1em')
    expect(root.querySelectorAll('[style]')).toHaveLength(1)
  })

  it('allows data: URLs only for raster images in img src', () => {
    const root = clean(
      '<img src="data:image/png;base64,iVBORw0KGgo="><img src="data:image/svg+xml;base64,PHN2Zz4="><video src="data:video/mp4;base64,AAAA"></video>',
    )
    const [png, svg] = Array.from(root.querySelectorAll('img'))
    expect(png?.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=')
    expect(svg?.hasAttribute('src')).toBe(false)
    expect(root.querySelector('video')?.hasAttribute('src')).toBe(false)
  })

  it("keeps the app's own asset URLs and relative paths, drops file: URLs", () => {
    const root = clean(
      '<img src="app://assets/a.png"><img src="/assets/b.png"><img src="assets/c.png"><a href="file:///etc/passwd">f</a>',
    )
    expect(Array.from(root.querySelectorAll('img')).map((i) => i.getAttribute('src'))).toEqual([
      'app://assets/a.png',
      '/assets/b.png',
      'assets/c.png',
    ])
    expect(root.querySelector('a')?.hasAttribute('href')).toBe(false)
  })

  it('forces target=_blank with rel=noopener noreferrer, and nothing else', () => {
    const root = clean(
      '<a href="https://x.example" target="_top">a</a><a href="#h-x" target="_blank" rel="opener">b</a><a href="/local" target="frame">c</a>',
    )
    const [a, b, c] = Array.from(root.querySelectorAll('a'))
    expect([a?.getAttribute('target'), a?.getAttribute('rel')]).toEqual([
      '_blank',
      'noopener noreferrer',
    ])
    expect(b?.getAttribute('rel')).toBe('noopener noreferrer')
    expect(c?.hasAttribute('target')).toBe(false)
  })

  it('keeps disabled task checkboxes only', () => {
    const root = clean(
      '<input type="checkbox" disabled checked name="x" value="y"><input type="checkbox"><input type="text" disabled>',
    )
    const inputs = Array.from(root.querySelectorAll('input'))
    expect(inputs).toHaveLength(1)
    expect(
      Array.from(inputs[0]!.attributes)
        .map((a) => a.name)
        .sort(),
    ).toEqual(['checked', 'disabled', 'type'])
  })

  it('removes clobbering ids and names but keeps prefixed heading ids', () => {
    const root = clean(
      '<h2 id="h-links">a</h2><img name="cookie" id="location"><a id="forms">x</a>',
    )
    expect(root.querySelector('h2')?.id).toBe('h-links')
    expect(root.querySelector('img')?.hasAttribute('name')).toBe(false)
    expect(root.querySelector('img')?.hasAttribute('id')).toBe(false)
    expect(root.querySelector('a')?.hasAttribute('id')).toBe(false)
  })

  it('keeps KaTeX MathML with its TeX annotation', () => {
    const root = clean(
      '<math><semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">x</annotation></semantics></math>',
    )
    expect(root.querySelector('semantics annotation')?.getAttribute('encoding')).toBe(
      'application/x-tex',
    )
  })
})
