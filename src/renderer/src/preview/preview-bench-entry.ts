/**
 * Not part of the app: the browser side of `npm run bench -- editor` (bench/editor-bench.ts
 * bundles this file with esbuild and loads it into Chromium). It times the preview's own
 * pipeline (the shared renderer, the shared sanitizer and the patch, piece by piece as
 * `IncrementalPreview` does them) on an article being edited, beside raw markdown-it on the
 * same text.
 */
import MarkdownIt from 'markdown-it'
import { renderMarkdown } from '../../../shared/markdown/render'
import { sanitizeHtml } from '../../../shared/markdown/sanitize-browser'
import { assetUrl } from './asset-url'
import { IncrementalPreview } from './incremental-preview'

/** Per-iteration timings in ms. */
export interface PreviewSamples {
  render: number[]
  sanitize: number[]
  patch: number[]
  total: number[]
  /** The same plus the style and layout the patch causes (forced right away). */
  totalWithLayout: number[]
  rawMarkdownIt: number[]
}

/** `text` with the `i`-th edit of a run: a letter typed after a space, somewhere else each time. */
function edit(text: string, i: number): string {
  const at = text.indexOf(' ', Math.floor((((i * 7919) % 997) / 997) * text.length)) + 1
  return `${text.slice(0, at)}x${text.slice(at)}`
}

/**
 * Type `iterations` characters into `markdown` (one per edit, at spread-out places) and time
 * each preview update; then make the same edits again and time raw markdown-it on each text.
 * The two run one after the other, not interleaved, so neither's garbage is collected in
 * the middle of the other's timing.
 */
function run(markdown: string, iterations: number, warmup: number): PreviewSamples {
  const container = document.createElement('article')
  container.className = 'reader'
  document.body.append(container)
  const samples: PreviewSamples = {
    render: [],
    sanitize: [],
    patch: [],
    total: [],
    totalWithLayout: [],
    rawMarkdownIt: [],
  }
  let text = markdown
  const preview = new IncrementalPreview(container)
  preview.update(text)
  for (let i = 0; i < warmup + iterations; i++) {
    text = edit(text, i)
    const t0 = performance.now()
    const timings = preview.update(text)
    const t3 = performance.now()
    void container.offsetHeight
    const t4 = performance.now()
    if (i < warmup) continue
    samples.render.push(timings.render)
    samples.sanitize.push(timings.sanitize)
    samples.patch.push(timings.patch)
    samples.total.push(t3 - t0)
    samples.totalWithLayout.push(t4 - t0)
  }
  const raw = new MarkdownIt({ html: true, linkify: true })
  text = markdown
  raw.render(text)
  for (let i = 0; i < warmup + iterations; i++) {
    text = edit(text, i)
    const r0 = performance.now()
    raw.render(text)
    const r1 = performance.now()
    if (i >= warmup) samples.rawMarkdownIt.push(r1 - r0)
  }
  return samples
}

/** One full render + sanitize of `markdown` (no patch), in ms: the cost the preview defers for huge documents. */
function fullRender(markdown: string): number {
  const t0 = performance.now()
  sanitizeHtml(renderMarkdown(markdown, { resolveAsset: assetUrl }).html)
  return performance.now() - t0
}

;(window as unknown as { editorBench: object }).editorBench = { run, fullRender }
