/**
 * The article pane's versioned changes: everything that writes the open article's text or
 * front matter with the version it was based on (restoring a revision, changing tags,
 * trashing), catching up with changes made elsewhere, settling a conflict, and bringing back
 * text a closing window kept. The saver (autosave.svelte.ts) does the saving itself; this
 * decides what the editor shows around it, so nothing is ever silently overwritten.
 */
import type { Article, ArticleSummary } from '../../../shared/model'
import { api } from '../api'
import type { EditorSession } from '../editor/editor-session'
import { closeArticle, libraryChanged } from '../shell/app-state.svelte'
import type { ArticleSaver } from './autosave.svelte'
import { clearDraft, readDraft } from './draft-store'

interface ApiError extends Error {
  code?: string
  current?: unknown
}

/** What these actions need of the pane. */
export interface PaneAccess {
  session: () => EditorSession | null
  /** The saver of the open article (null while none is open). */
  saver: () => ArticleSaver | null
  /** The open article as last reported by the library. */
  article: () => Article | null
  /** The open article as the library reports it now. */
  setArticle: (article: Article) => void
  /** A passing message for the person. */
  say: (message: string) => void
}

/** The pane's versioned changes, bound to `pane`. */
export class SavingAndConflicts {
  constructor(private readonly pane: PaneAccess) {}

  /** Text that a closing window kept but could not save: bring it back (or show a conflict). */
  recoverDraft(loaded: Article): void {
    const draft = readDraft(loaded.id)
    if (!draft) return
    if (draft.markdown === loaded.markdown) {
      clearDraft(loaded.id)
      return
    }
    if (draft.baseVersion !== loaded.version) this.pane.saver()?.openConflict(loaded)
    this.pane.session()?.replaceText(draft.markdown)
    this.pane.say('Recovered text that had not been saved when the window closed.')
  }

  /**
   * The library changed (here, in another window or from the CLI): catch up with it. Unsaved
   * text is not saved early for this: every save of this window's own changes is such a change
   * too, so saving here would send a long document again and again while the person types. The
   * autosave sends it with the version it was based on, and a change made elsewhere shows as a
   * conflict right away below.
   */
  async followLibrary(): Promise<void> {
    const s = this.pane.saver()
    const session = this.pane.session()
    if (!s || !session) return
    let current: ArticleSummary | Article
    for (;;) {
      // A save in flight may be what changed the library: compare with the version it made.
      await s.settled()
      const sent = s.savesSent
      try {
        // Most changes heard of are this window's own saves: the version tells, without
        // fetching the document (which for a 1 MB article held up the keys typed meanwhile).
        current = await api()['articles.summary']({ id: s.id })
        if (current.version > s.baseVersion) current = await api()['articles.get']({ id: s.id })
      } catch (err) {
        if ((err as ApiError).code === 'not_found' && this.pane.saver() === s) {
          this.pane.say('This article was deleted elsewhere.')
        }
        return
      }
      // A save sent meanwhile may have made `current`: look again once it is answered.
      if (s.savesSent === sent) break
    }
    if (this.pane.saver() !== s) return
    if (current.version === s.baseVersion) {
      // The same document; its state (starred, read…) may have changed elsewhere.
      const shown = this.pane.article()
      if (shown?.id === current.id) this.pane.setArticle({ ...shown, ...current })
    } else if (current.version > s.baseVersion && 'markdown' in current) {
      if (s.status === 'saved') {
        s.adopt(current)
        session.replaceText(current.markdown)
        this.pane.setArticle(current)
      } else if (s.status === 'conflict') {
        s.theirs = current
      } else {
        s.openConflict(current)
      }
    }
  }

  /** Conflict choice: keep this window's text (theirs stays a revision). */
  async keepMine(): Promise<void> {
    await this.pane
      .saver()
      ?.keepMine()
      .catch((err: Error) => this.pane.say(err.message))
  }

  /** Conflict choice: show their text, as an edit that undo takes back. */
  takeTheirs(): void {
    const theirs = this.pane.saver()?.takeTheirs()
    const session = this.pane.session()
    if (!theirs || !session) return
    session.replaceText(theirs.markdown)
    this.pane.setArticle(theirs)
    this.pane.say('Showing their version; undo (Ctrl+Z) brings yours back.')
  }

  /** Put revision `revisionId` back as the article's text (the text it replaces is kept). */
  async restoreRevision(revisionId: number): Promise<void> {
    await this.versioned(
      (s) => api()['revisions.restore']({ id: s.id, revisionId, baseVersion: s.baseVersion }),
      'Restored. The text it replaced is kept in Revisions (and undo brings it back).',
    )
  }

  /** Set the article's tags (they live in the front matter: the editor shows the new text). */
  async setTags(tags: string[]): Promise<void> {
    await this.versioned((s) =>
      api()['articles.setMetadata']({
        id: s.id,
        patch: { tags: tags.length ? tags : null },
        baseVersion: s.baseVersion,
      }),
    )
  }

  /** Move the article to the trash, after saving what the editor holds. */
  async trash(): Promise<void> {
    const s = this.pane.saver()
    if (!s) return
    await s.flush()
    try {
      await api()['articles.delete']({ id: s.id })
      this.pane.session()?.forget(s.id)
      closeArticle()
      libraryChanged()
    } catch (err) {
      this.pane.say((err as Error).message)
    }
  }

  /**
   * Save what the editor holds, then make a change on top of that version; the editor then
   * shows the changed document. A change made elsewhere meanwhile opens a conflict instead.
   */
  private async versioned(
    change: (s: ArticleSaver) => Promise<Article>,
    done?: string,
  ): Promise<void> {
    const s = this.pane.saver()
    const session = this.pane.session()
    if (!s || !session) return
    if (s.status === 'conflict') return this.pane.say('Resolve the conflict first.')
    await s.flush()
    try {
      const updated = await change(s)
      s.adopt(updated)
      session.replaceText(updated.markdown)
      this.pane.setArticle(updated)
      libraryChanged()
      if (done) this.pane.say(done)
    } catch (err) {
      const error = err as ApiError
      if (error.code === 'conflict' && error.current) s.openConflict(error.current as Article)
      else this.pane.say(error.message)
    }
  }
}
