import { describe, expect, it } from 'vitest'
import { clipboardHtmlToMarkdown } from '../../../src/renderer/src/editor/html-paste'

// What pasting HTML into the editor inserts.
describe('clipboardHtmlToMarkdown', () => {
  it('turns a web page fragment into Markdown without its scripts or handlers', () => {
    const md = clipboardHtmlToMarkdown(
      '<h2>Rivers</h2><p>See <a href="https://example.org/r" onclick="x()">the map</a>.</p>' +
        '<script>alert(1)</script><ul><li>Rhine</li></ul>',
    )
    expect(md).toBe('## Rivers\n\nSee [the map](https://example.org/r).\n\n- Rhine')
  })

  it('leaves structure-less HTML (a code editor or terminal copy) to the plain-text paste', () => {
    expect(
      clipboardHtmlToMarkdown('<div><span style="color:red">const a = b * c</span></div>'),
    ).toBeNull()
  })

  it('gives nothing for HTML with nothing readable left', () => {
    expect(clipboardHtmlToMarkdown('<p><script>alert(1)</script></p>')).toBeNull()
  })
})
