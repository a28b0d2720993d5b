/**
 * Split mode's scroll sync: the editor and the preview scroll together by source line, in
 * both directions. The preview's block positions (anchors) are measured only when a scroll
 * needs them, not after every render: measuring lays out the whole preview, which for a long
 * document costs far more than a frame.
 */
import type { EditorView } from '@codemirror/view'
import { scrollToLine, topLine } from '../editor/scroll-position'
import { lineForTop, measureAnchors, topForLine } from '../preview/scroll-sync'

/** What the sync reads from the pane. */
export interface ScrollSides {
  editor: () => EditorView | null
  preview: () => HTMLElement | undefined
  /** Whether the preview is showing (Split mode). */
  active: () => boolean
}

type Side = 'editor' | 'preview'

/** Keeps the two sides of Split mode on the same source line. */
export class PaneScrollSync {
  private anchors: ReturnType<typeof measureAnchors> | null = null
  /** Where this sync itself last scrolled each side: the scroll event that echoes it is not a person's. */
  private readonly echo = { editor: -1, preview: -1 }
  /** The preview was scrolled by a person lately: a render then does not move it. */
  private previewLedAt = 0

  constructor(private readonly sides: ScrollSides) {}

  /** The editor scrolled. */
  readonly onEditorScroll = (): void => {
    const view = this.sides.editor()
    if (!this.sides.active() || !view || this.isEcho('editor', view.scrollDOM)) return
    this.previewFollowsEditor()
  }

  /** The preview scrolled. */
  readonly onPreviewScroll = (): void => {
    const view = this.sides.editor()
    const preview = this.sides.preview()
    if (!this.sides.active() || !view || !preview) return
    if (this.isEcho('preview', preview)) return
    this.previewLedAt = performance.now()
    const editor = view.scrollDOM
    if (atEnd(preview)) {
      this.setScroll('editor', editor, editor.scrollHeight)
      return
    }
    const before = editor.scrollTop
    scrollToLine(view, lineForTop(this.measured(preview), preview.scrollTop, preview.scrollHeight))
    if (editor.scrollTop !== before) this.echo.editor = editor.scrollTop
  }

  /** The preview was rendered again: its blocks moved. */
  readonly onPreviewRender = (): void => {
    this.anchors = null
    // While typing, the editor leads: keep the preview on the text being written.
    if (performance.now() - this.previewLedAt > 1000) this.previewFollowsEditor()
  }

  private previewFollowsEditor(): void {
    const view = this.sides.editor()
    const preview = this.sides.preview()
    if (!view || !preview) return
    const editor = view.scrollDOM
    // The ends meet: at the end of the text, the end of the preview (it may be longer).
    const top = atEnd(editor)
      ? preview.scrollHeight
      : topForLine(this.measured(preview), topLine(view), preview.scrollHeight)
    this.setScroll('preview', preview, top)
  }

  private measured(preview: HTMLElement): ReturnType<typeof measureAnchors> {
    if (!this.anchors) {
      const content = preview.querySelector<HTMLElement>('article.reader')
      if (!content) this.anchors = []
      else if (preview.classList.contains('long-document'))
        this.anchors = topLevel(preview, content)
      else this.anchors = measureAnchors(preview, content)
    }
    return this.anchors
  }

  private isEcho(side: Side, scroller: HTMLElement): boolean {
    const expected = this.echo[side]
    this.echo[side] = -1
    return expected >= 0 && Math.abs(scroller.scrollTop - expected) < 2
  }

  private setScroll(side: Side, scroller: HTMLElement, top: number): void {
    const max = scroller.scrollHeight - scroller.clientHeight
    const target = Math.round(Math.max(0, Math.min(max, top)))
    if (Math.abs(scroller.scrollTop - target) < 1) return
    scroller.scrollTop = target
    this.echo[side] = scroller.scrollTop
  }
}

function atEnd(scroller: HTMLElement): boolean {
  return (
    scroller.scrollTop > 0 &&
    scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2
  )
}

/**
 * The anchors of a long document's preview: its top-level blocks only. Their contents are
 * skipped while out of view (content-visibility), and asking where an element inside one
 * is would lay that block out, thousands of times over.
 */
function topLevel(preview: HTMLElement, content: HTMLElement): ReturnType<typeof measureAnchors> {
  const base = preview.getBoundingClientRect().top - preview.scrollTop
  const anchors: ReturnType<typeof measureAnchors> = []
  for (const block of content.children) {
    const line = Number((block as HTMLElement).dataset.line)
    if (!Number.isFinite(line)) continue
    const top = block.getBoundingClientRect().top - base
    const last = anchors[anchors.length - 1]
    if (last && (line <= last.line || top < last.top)) continue
    anchors.push({ line, top })
  }
  return anchors
}
