/**
 * One editor view for the window, and one editor state per article opened since: switching
 * articles swaps states, so each article keeps its own undo history, selection and scroll.
 */
import { EditorState, type Extension, type Text } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { editorExtensions, type EditorHooks } from './editor-setup'
import { focusMode, focusModeCompartment } from './focus-mode'
import { vimCompartment, vimMode } from './vim-mode'

/** States kept for articles opened earlier (the oldest are dropped beyond this). */
const MAX_KEPT_STATES = 20

/** The window's Markdown editor. */
export class EditorSession {
  readonly view: EditorView
  private readonly extensions: Extension[]
  private readonly states = new Map<string, EditorState>()
  private currentId: string | null = null
  private vim = false
  private focus = false
  /** The document `lastText` is the text of (see `text`). */
  private textOf: Text | null = null
  private lastText = ''

  constructor(parent: HTMLElement, hooks: EditorHooks) {
    this.extensions = editorExtensions(hooks)
    this.view = new EditorView({
      parent,
      state: EditorState.create({ extensions: this.extensions }),
    })
  }

  /** The id of the article in the editor, or null. */
  get articleId(): string | null {
    return this.currentId
  }

  /**
   * The document text now. The last one is kept for as long as the document is the same: a
   * pause in typing asks for it three times (preview, word count, autosave), and joining a
   * 1 MB document's lines costs the page several ms each time.
   */
  text(): string {
    const doc = this.view.state.doc
    if (doc !== this.textOf) {
      this.textOf = doc
      this.lastText = doc.toString()
    }
    return this.lastText
  }

  /**
   * Show article `id` with document `markdown`. A state kept from earlier is reused (with its
   * history) when its text is the same; when the text changed elsewhere meanwhile, the new
   * text is applied as an edit, so undo still reaches the old one.
   */
  open(id: string, markdown: string): void {
    if (this.currentId !== null) this.states.set(this.currentId, this.view.state)
    this.currentId = id
    const kept = this.states.get(id)
    this.states.delete(id)
    const state = kept ?? EditorState.create({ doc: markdown, extensions: this.extensions })
    this.view.setState(state)
    // Compartments are per state: bring the window's current choices along.
    this.reconfigure()
    if (kept && kept.doc.toString() !== markdown) this.replaceText(markdown)
    this.trimKept()
  }

  /** Forget the kept state of `id` (the article was deleted). */
  forget(id: string): void {
    this.states.delete(id)
  }

  /**
   * Replace the document with `markdown` as one undoable edit that touches only the lines that
   * differ, so the cursor and scroll stay where they were.
   */
  replaceText(markdown: string): void {
    const current = this.view.state.doc.toString()
    if (current === markdown) return
    let start = 0
    const max = Math.min(current.length, markdown.length)
    while (start < max && current.charCodeAt(start) === markdown.charCodeAt(start)) start++
    let end = 0
    while (
      end < max - start &&
      current.charCodeAt(current.length - 1 - end) ===
        markdown.charCodeAt(markdown.length - 1 - end)
    ) {
      end++
    }
    this.view.dispatch({
      changes: {
        from: start,
        to: current.length - end,
        insert: markdown.slice(start, markdown.length - end),
      },
      userEvent: 'input.replace',
    })
  }

  /** Turn the vim keymap on or off (loads it the first time). */
  async setVim(on: boolean): Promise<void> {
    this.vim = on
    const extension = await vimMode(on)
    if (this.vim !== on) return
    this.view.dispatch({ effects: vimCompartment.reconfigure(extension) })
  }

  get vimOn(): boolean {
    return this.vim
  }

  /** Turn focus mode on or off. */
  setFocusMode(on: boolean): void {
    this.focus = on
    this.view.dispatch({ effects: focusModeCompartment.reconfigure(focusMode(on)) })
  }

  get focusOn(): boolean {
    return this.focus
  }

  private reconfigure(): void {
    this.view.dispatch({ effects: focusModeCompartment.reconfigure(focusMode(this.focus)) })
    if (this.vim) void this.setVim(true)
  }

  private trimKept(): void {
    while (this.states.size > MAX_KEPT_STATES) {
      const oldest = this.states.keys().next().value
      if (oldest === undefined) break
      this.states.delete(oldest)
    }
  }

  /** Remove the editor from the page. */
  destroy(): void {
    this.view.destroy()
  }
}
