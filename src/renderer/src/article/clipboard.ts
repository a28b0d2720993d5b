/**
 * "Copy as Markdown" and "Copy as HTML". The HTML goes on the clipboard as rich text (with
 * the HTML source as its plain-text form), rendered and sanitized exactly as the reader view
 * shows it, with library images inlined so it still shows where it is pasted.
 */
import { renderSafeHtml } from '../preview/render-article'

/** Put the article's Markdown on the clipboard. */
export async function copyMarkdown(markdown: string): Promise<void> {
  await navigator.clipboard.writeText(markdown)
}

/** A library image as a `data:` URL, or null when it cannot be read. */
async function inlineImage(url: string): Promise<string | null> {
  try {
    const response = await fetch(url, { credentials: 'same-origin' })
    if (!response.ok) return null
    const blob = await response.blob()
    if (!/^image\/(?:png|jpeg|gif|webp|avif)$/.test(blob.type)) return null
    return await new Promise((resolve) => {
      const reader = new FileReader()
      reader.onload = () => resolve(String(reader.result))
      reader.onerror = () => resolve(null)
      reader.readAsDataURL(blob)
    })
  } catch {
    return null
  }
}

/** The article as sanitized HTML with its library images inlined. */
export async function articleHtml(markdown: string, wordsPerMinute?: number): Promise<string> {
  const template = document.createElement('template')
  template.innerHTML = renderSafeHtml(markdown, wordsPerMinute).html
  const images = Array.from(template.content.querySelectorAll('img[src^="/assets/"]'))
  await Promise.all(
    images.map(async (img) => {
      const data = await inlineImage(img.getAttribute('src')!)
      if (data) img.setAttribute('src', data)
    }),
  )
  return template.innerHTML
}

/** Put the article on the clipboard as rich text (HTML) with its HTML source as plain text. */
export async function copyHtml(markdown: string, wordsPerMinute?: number): Promise<void> {
  const html = await articleHtml(markdown, wordsPerMinute)
  const item = new ClipboardItem({
    'text/html': new Blob([html], { type: 'text/html' }),
    'text/plain': new Blob([html], { type: 'text/plain' }),
  })
  await navigator.clipboard.write([item])
}
