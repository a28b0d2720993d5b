/**
 * Split mode's scroll sync: the editor and the preview scroll together by source line, in
 * both directions. The preview's block positions (anchors) are measured only when a scroll
 * needs them, not after every render: measuring lays out the whole preview, which for a long
 * document costs far more than a frame. A long document's are read one by one as a lookup
 * needs them, afresh for every lookup (`topLevelAnchors`).
 *
 * The preview leads only while the person is scrolling it (wheel, pointer, keys or touch on
 * it, lately). Its other scrolls are the browser's: keeping the view in place while blocks
 * above it change size (a long preview builds and lays out blocks as the view nears them),
 * or showing a find-in-page match. Following those moved the editor off the text being
 * written, and off the end of the document the preview was following.
 */
import type { EditorView } from '@codemirror/view'
import { scrollToLine, topLine } from '../editor/scroll-position'
import {
  type Anchors,
  lineForTop,
  measureAnchors,
  topForLine,
  topLevelAnchors,
} from '../preview/scroll-sync'

/** What the sync reads from the pane. */
export interface ScrollSides {
  editor: () => EditorView | null
  preview: () => HTMLElement | undefined
  /** Whether the preview is showing (Split mode). */
  active: () => boolean
}

type Side = 'editor' | 'preview'

/** How long after the person's last wheel, key or touch on the preview its scrolls lead. */
const INTENT_MS = 800
/** What a person does to scroll the preview. */
const PERSON_EVENTS = ['wheel', 'keydown', 'touchstart', 'touchmove', 'pointerdown']
/** The pointer let go, wherever it is by then (a scrollbar drag can end outside the pane). */
const RELEASE_EVENTS = ['pointerup', 'pointercancel']

/** Keeps the two sides of Split mode on the same source line. */
export class PaneScrollSync {
  /** A short preview's measured blocks, kept until it renders or moves them (see `measured`). */
  private anchors: Anchors | null = null
  /** Where this sync itself last scrolled each side: the scroll event that echoes it is not a person's. */
  private readonly echo = { editor: -1, preview: -1 }
  /** The preview was scrolled by a person lately: a render then does not move it. */
  private previewLedAt = 0
  /** When the person last wheeled, pressed a key or touched the preview. */
  private previewInputAt = -Infinity
  /** A pointer is down on the preview (dragging its scrollbar, say). */
  private pointerDown = false

  constructor(private readonly sides: ScrollSides) {}

  /** The editor scrolled. */
  readonly onEditorScroll = (): void => {
    const view = this.sides.editor()
    if (!this.sides.active() || !view || this.isEcho('editor', view.scrollDOM)) return
    this.previewFollowsEditor()
  }

  /**
   * Listen to what the person does to `scroller` (the preview): its scrolls lead for a while
   * after. Returns the function that stops listening.
   */
  watchPreviewInput(scroller: HTMLElement): () => void {
    const options = { capture: true, passive: true }
    for (const kind of PERSON_EVENTS) scroller.addEventListener(kind, this.onPreviewInput, options)
    for (const kind of RELEASE_EVENTS) window.addEventListener(kind, this.onPreviewInput, options)
    return () => {
      for (const kind of PERSON_EVENTS)
        scroller.removeEventListener(kind, this.onPreviewInput, options)
      for (const kind of RELEASE_EVENTS)
        window.removeEventListener(kind, this.onPreviewInput, options)
    }
  }

  /**
   * The person acted on the preview (a `PERSON_EVENTS` event on it, or a `RELEASE_EVENTS`
   * one anywhere, which ends a pointer pressed on it).
   */
  private readonly onPreviewInput = (event: Event): void => {
    if (event.type === 'pointerup' || event.type === 'pointercancel') {
      if (!this.pointerDown) return
      this.pointerDown = false
    }
    if (event.type === 'pointerdown') this.pointerDown = true
    this.previewInputAt = performance.now()
  }

  /** The preview scrolled. */
  readonly onPreviewScroll = (): void => {
    const view = this.sides.editor()
    const preview = this.sides.preview()
    if (!this.sides.active() || !view || !preview) return
    if (this.isEcho('preview', preview)) return
    if (!this.pointerDown && performance.now() - this.previewInputAt > INTENT_MS) return
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

  /** The preview's blocks moved without a render (a long preview built or laid out some). */
  readonly onPreviewLayout = (): void => {
    this.anchors = null
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
    // The ends meet: with the end of the text in view, the end of the preview.
    const top = showsEnd(view)
      ? preview.scrollHeight
      : topForLine(this.measured(preview), topLine(view), preview.scrollHeight)
    this.setScroll('preview', preview, top)
  }

  private measured(preview: HTMLElement): Anchors {
    const content = preview.querySelector<HTMLElement>('article.reader')
    // A long preview's blocks are read afresh for every lookup (a dozen of them): blocks that
    // come into view take their real size a frame later, which moves every block below, and
    // positions kept from before put the other side sections off.
    if (content && preview.classList.contains('long-document'))
      return topLevelAnchors(preview, content)
    if (!this.anchors) {
      if (!content) this.anchors = { count: 0, line: () => 0, top: () => 0 }
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

/**
 * Whether the editor, scrolled down, shows the end of the document: the writer is at the
 * end, and the preview shows its own end too (its blocks are taller than their source, so
 * following the top line would leave what is being typed below the preview's fold).
 */
function showsEnd(view: EditorView): boolean {
  const scroller = view.scrollDOM
  if (scroller.scrollTop <= 0) return false
  const last = view.lineBlockAt(view.state.doc.length)
  return view.documentTop + last.bottom <= scroller.getBoundingClientRect().bottom + 1
}

function atEnd(scroller: HTMLElement): boolean {
  return (
    scroller.scrollTop > 0 &&
    scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2
  )
}
