/**
 * The commands of the open article (palette, shortcuts, desktop menu): modes, library
 * actions, copying, revisions, editor toggles and formatting.
 */
import type { EditorView } from '@codemirror/view'
import type { Article } from '../../../shared/model'
import type { AppCommand } from '../commands/registry.svelte'
import { FORMAT_COMMANDS } from '../editor/format-commands'
import { runFormat } from '../editor/formatting'
import type { ArticleMode } from '../shell/app-state.svelte'

/** What the commands act on: the article pane's functions. */
export interface ArticleActions {
  mode: () => ArticleMode
  setMode: (mode: ArticleMode) => void
  article: () => Article | null
  setState: (patch: { read?: boolean; starred?: boolean; archived?: boolean }) => void
  openTags: () => void
  trash: () => void
  copy: (kind: 'markdown' | 'html') => void
  toggleRevisions: () => void
  save: () => void
  toggleFocus: () => void
  toggleVim: () => void
  editorView: () => EditorView | null
  /** True when the editor itself just ran this formatting command for the same key press. */
  formatRanByKey: (id: string) => boolean
}

/** The article's commands, bound to `a`. */
export function articleCommands(a: ArticleActions): AppCommand[] {
  const group = 'Article'
  const editing = (): boolean => a.mode() !== 'read'
  const commands: AppCommand[] = [
    { id: 'article.read', title: 'Read', group, shortcut: 'r', run: () => a.setMode('read') },
    { id: 'article.edit', title: 'Edit', group, shortcut: 'e', run: () => a.setMode('edit') },
    {
      id: 'article.split',
      title: 'Edit with preview (split)',
      group,
      run: () => a.setMode('split'),
    },
    {
      id: 'article.star',
      title: 'Star or unstar',
      group,
      shortcut: 's',
      run: () => a.setState({ starred: !a.article()?.starred }),
    },
    {
      id: 'article.archive',
      title: 'Archive or unarchive',
      group,
      shortcut: 'a',
      run: () => a.setState({ archived: !a.article()?.archived }),
    },
    {
      id: 'article.markUnread',
      title: 'Mark as unread',
      group,
      shortcut: 'u',
      run: () => a.setState({ read: false }),
    },
    { id: 'article.tag', title: 'Edit tags', group, shortcut: 't', run: a.openTags },
    { id: 'article.trash', title: 'Move to trash', group, shortcut: 'Delete', run: a.trash },
    { id: 'article.copyMarkdown', title: 'Copy as Markdown', group, run: () => a.copy('markdown') },
    { id: 'article.copyHtml', title: 'Copy as HTML', group, run: () => a.copy('html') },
    { id: 'article.revisions', title: 'Show revisions', group, run: a.toggleRevisions },
    { id: 'article.save', title: 'Save now', group, shortcut: 'Mod+S', run: a.save },
    {
      id: 'editor.focusMode',
      title: 'Focus mode',
      group: 'Editor',
      shortcut: 'Mod+Shift+F',
      enabled: editing,
      run: a.toggleFocus,
    },
    { id: 'editor.toggleVim', title: 'Vim keys on or off', group: 'Editor', run: a.toggleVim },
  ]
  for (const format of FORMAT_COMMANDS) {
    commands.push({
      id: format.id,
      title: format.title,
      group: 'Format',
      shortcut: format.shortcut,
      enabled: editing,
      run: () => {
        const view = a.editorView()
        if (view && !a.formatRanByKey(format.id)) runFormat(view, format.run)
      },
    })
  }
  return commands
}
