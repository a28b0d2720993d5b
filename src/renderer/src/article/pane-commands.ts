/**
 * The article pane's command wiring: binds the commands of article-commands.ts (palette,
 * shortcuts, desktop menu) to the open article, its editor and the window's mode and settings.
 */
import type { Article } from '../../../shared/model'
import { registerCommands } from '../commands/registry.svelte'
import type { EditorSession } from '../editor/editor-session'
import { app } from '../shell/app-state.svelte'
import { changeSettings, settingsState } from '../shell/settings-state.svelte'
import { articleCommands, type ArticleActions } from './article-commands'

/**
 * The formatting command a key ran last in the editor, so that the window's shortcut for the
 * same key press does not run it a second time.
 */
export class FormatKeyMemo {
  private last = { id: '', at: 0 }

  /** The editor ran formatting command `id` for a key press. */
  note(id: string): void {
    this.last = { id, at: performance.now() }
  }

  /** Whether the editor has just run `id` for the key press being handled. */
  ranByKey(id: string): boolean {
    return this.last.id === id && performance.now() - this.last.at < 100
  }
}

/** What the pane provides to its commands (the rest comes from the window's state). */
export type PaneActions = Pick<
  ArticleActions,
  'setState' | 'openTags' | 'trash' | 'copy' | 'toggleRevisions' | 'save' | 'toggleFocus'
> & {
  article: () => Article | null
  session: () => EditorSession | null
  formatKeys: FormatKeyMemo
  say: (message: string) => void
}

/** Register the open article's commands; returns the function that removes them. */
export function registerPaneCommands(pane: PaneActions): () => void {
  return registerCommands(
    articleCommands({
      ...pane,
      mode: () => app.mode,
      setMode: (mode) => {
        app.mode = mode
        if (mode !== 'read') requestAnimationFrame(() => pane.session()?.view.focus())
      },
      toggleVim: () => {
        const on = !settingsState.value.vimMode
        void changeSettings({ vimMode: on })
        pane.say(on ? 'Vim keys on.' : 'Vim keys off.')
      },
      editorView: () => pane.session()?.view ?? null,
      formatRanByKey: (id) => pane.formatKeys.ranByKey(id),
    }),
  )
}
