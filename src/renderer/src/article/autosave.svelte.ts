/**
 * Autosave for one open article: saves within a second of the last keystroke, on demand
 * (switching article, blur, close), always with the version the text was based on. A change
 * made elsewhere in the meantime comes back as a conflict, which stops autosaving until the
 * person chooses what to keep: nothing is ever silently overwritten.
 */
import type { Article } from '../../../shared/model'
import { api } from '../api'
import { clearDraft, writeDraft } from './draft-store'

/** What the status bar shows. */
export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'conflict' | 'error'

/** Quiet time after the last keystroke before saving. */
const SAVE_DELAY_MS = 600
/** Longest time unsaved text waits while typing goes on without a pause. */
const MAX_WAIT_MS = 5000
/**
 * The same for a long document: sending one (about 0.1 s of the main thread for 1 MB in
 * Chromium's fetch) holds up the key typed at that moment, so mid-typing saves come rarer.
 * A pause still saves it within SAVE_DELAY_MS, and closing the window keeps it as a draft.
 */
const LONG_MAX_WAIT_MS = 15_000
/** Documents longer than this (in characters) wait up to LONG_MAX_WAIT_MS. */
const LONG_DOCUMENT = 200_000
/** Wait before retrying a save that failed (server gone, disk full, …). */
const RETRY_MS = 5000

interface ApiError extends Error {
  code?: string
  current?: unknown
}

/** Saves one article's text. `getText` reads the editor's text at the moment of saving. */
export class ArticleSaver {
  status: SaveStatus = $state('saved')
  /** Why the last save failed, for the person. */
  error = $state('')
  /** The article as changed elsewhere, while a conflict is open. */
  theirs: Article | null = $state(null)

  readonly id: string
  /** The version the text in the editor is based on. */
  baseVersion: number
  /** The text the library has (as far as this window knows). */
  savedText: string
  private timer: ReturnType<typeof setTimeout> | undefined
  /**
   * Changes made so far: a save remembers the count it sent, so its reply can tell whether the
   * editor changed meanwhile without copying and comparing the whole text (1 MB documents).
   */
  private edits = 0
  /** When the oldest unsaved change was made (0: none waiting). */
  private waitingSince = 0
  private inFlight: Promise<void> | null = null
  private sent = 0
  private closedText: string | null = null
  /** `restore` for the save that settles a conflict as "keep mine" (never coalesced). */
  private nextReason: 'edit' | 'restore' = 'edit'

  constructor(
    article: Article,
    private getText: () => string,
    /** Called with the article after each successful save. */
    private onSaved: (article: Article) => void,
  ) {
    this.id = article.id
    this.baseVersion = article.version
    this.savedText = article.markdown
  }

  /** Whether the editor holds text the library does not have. */
  get dirty(): boolean {
    return this.status === 'unsaved' || this.status === 'error' || this.status === 'conflict'
  }

  /** The editor changed (its document is now `length` characters): save after a quiet moment. */
  changed(length = 0): void {
    this.edits++
    if (this.status === 'conflict') return
    if (this.status !== 'saving') this.status = 'unsaved'
    const now = Date.now()
    this.waitingSince ||= now
    clearTimeout(this.timer)
    // After a quiet moment; but during long unbroken typing, no later than MAX_WAIT_MS.
    const maxWait = length > LONG_DOCUMENT ? LONG_MAX_WAIT_MS : MAX_WAIT_MS
    const delay = Math.min(SAVE_DELAY_MS, Math.max(0, this.waitingSince + maxWait - now))
    this.timer = setTimeout(() => void this.save(), delay)
  }

  /**
   * Resolves once no save is in flight (without starting one): then `baseVersion` is the
   * version of the last text the library took from this window.
   */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight.catch(() => undefined)
  }

  /** How many saves this saver has sent: a change in it tells that one started meanwhile. */
  get savesSent(): number {
    return this.sent
  }

  /** Save now if anything is unsaved; resolves when the library has the text (or failed). */
  async flush(): Promise<void> {
    clearTimeout(this.timer)
    if (this.inFlight) await this.inFlight
    if (this.status === 'unsaved' || this.status === 'error') await this.save()
  }

  /**
   * Keep the unsaved text where a closing window can still write it (local storage), then
   * try to save it too. Called on pagehide / beforeunload, which cannot wait for a reply.
   */
  keepForUnload(): void {
    if (!this.dirty) return
    writeDraft(
      this.id,
      this.text(),
      this.status === 'conflict' ? this.baseVersion : this.baseVersion,
    )
    if (this.status !== 'conflict') void this.save()
  }

  /**
   * The article is being closed: from now on the text is what it is now, whatever the editor
   * shows next; any unsaved text is saved.
   */
  close(): Promise<void> {
    this.closedText = this.getText()
    if (this.dirty) writeDraft(this.id, this.closedText, this.baseVersion)
    return this.flush()
  }

  private text(): string {
    return this.closedText ?? this.getText()
  }

  private save(): Promise<void> {
    if (this.inFlight) {
      // One request at a time: the next save starts when this one is answered.
      return this.inFlight.then(() => (this.status === 'unsaved' ? this.save() : undefined))
    }
    this.waitingSince = 0
    const text = this.text()
    if (text === this.savedText) {
      this.status = 'saved'
      clearDraft(this.id)
      return Promise.resolve()
    }
    this.status = 'saving'
    this.sent++
    const run = this.send(text, this.edits).finally(() => (this.inFlight = null))
    this.inFlight = run
    return run
  }

  private async send(text: string, edits: number): Promise<void> {
    try {
      const article = await api()['articles.update']({
        id: this.id,
        markdown: text,
        baseVersion: this.baseVersion,
        reason: this.nextReason,
      })
      this.nextReason = 'edit'
      this.accept(article, text, edits)
    } catch (err) {
      const error = err as ApiError
      if (error.code === 'conflict' && error.current) {
        this.openConflict(error.current as Article)
      } else {
        this.status = 'error'
        this.error = error.message
        writeDraft(this.id, text, this.baseVersion)
        clearTimeout(this.timer)
        this.timer = setTimeout(() => void this.save(), RETRY_MS)
      }
    }
  }

  private accept(article: Article, text: string, edits: number): void {
    this.baseVersion = article.version
    this.savedText = text
    this.error = ''
    this.theirs = null
    if (this.edits === edits) {
      this.status = 'saved'
      clearDraft(this.id)
    } else {
      this.status = 'unsaved'
      this.changed(text.length)
    }
    this.onSaved(article)
  }

  /** Someone else's version arrived while this window has unsaved text. */
  openConflict(theirs: Article): void {
    clearTimeout(this.timer)
    this.theirs = theirs
    this.status = 'conflict'
    writeDraft(this.id, this.text(), this.baseVersion)
  }

  /** The library changed elsewhere and this window had nothing unsaved: adopt that version. */
  adopt(article: Article): void {
    this.baseVersion = article.version
    this.savedText = article.markdown
    this.theirs = null
    this.status = 'saved'
    clearDraft(this.id)
  }

  /** Conflict choice: save this window's text on top of theirs (theirs stays a revision). */
  async keepMine(): Promise<void> {
    const theirs = this.theirs
    if (!theirs) return
    this.baseVersion = theirs.version
    this.savedText = theirs.markdown
    this.theirs = null
    this.status = 'unsaved'
    // Theirs must survive as a revision, however recently the article was edited.
    this.nextReason = 'restore'
    await this.save()
  }

  /**
   * Conflict choice: take their text. The caller puts it in the editor (as an undoable edit,
   * so this window's text is one undo away).
   */
  takeTheirs(): Article | null {
    const theirs = this.theirs
    if (!theirs) return null
    this.adopt(theirs)
    return theirs
  }

  /** Stop the timer (the pane is going away; call `close` first to save). */
  dispose(): void {
    clearTimeout(this.timer)
  }
}
