/**
 * Pasting from a web page: the clipboard's HTML arrives as Markdown (headings, lists, links,
 * tables, code), converted by the shared `htmlToMarkdown`, which drops scripts, frames,
 * handlers and unsafe URLs. Clipboard HTML that carries no structure (text copied from a code
 * editor or a terminal, which wrap plain text in spans) is pasted as its plain text, so
 * nothing in it gets escaped.
 */
import { EditorView } from '@codemirror/view'
import { htmlToMarkdown } from '../../../shared/html/html-to-markdown'

/** Elements whose presence makes clipboard HTML worth converting. */
const STRUCTURE =
  /<(?:a\s|img\s|h[1-6][\s>]|ul[\s>]|ol[\s>]|li[\s>]|table[\s>]|blockquote[\s>]|pre[\s>]|strong[\s>]|b[\s>]|em[\s>]|i[\s>]|del[\s>]|s[\s>]|code[\s>]|hr[\s>/]|p[\s>])/i

/** Markdown for clipboard HTML, or null when the plain text should be pasted instead. */
export function clipboardHtmlToMarkdown(html: string): string | null {
  if (!STRUCTURE.test(html)) return null
  const markdown = htmlToMarkdown(html).replace(/\n+$/, '')
  return markdown.trim() === '' ? null : markdown
}

/** The paste handler that turns web page HTML into Markdown. */
export function htmlPaste() {
  return EditorView.domEventHandlers({
    paste(event, view) {
      const html = event.clipboardData?.getData('text/html')
      if (!html) return false
      const markdown = clipboardHtmlToMarkdown(html)
      if (markdown === null) return false
      event.preventDefault()
      view.dispatch(view.state.replaceSelection(markdown), {
        scrollIntoView: true,
        userEvent: 'input.paste',
      })
      return true
    },
  })
}
