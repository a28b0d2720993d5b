/**
 * Everything the Markdown editor is made of, as one list of extensions: the language,
 * history, search and replace, soft wrap, the Markdown and formatting keymaps, image paste,
 * and the compartments for vim and focus mode.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { indentOnInput } from '@codemirror/language'
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search'
import { EditorState, type Extension } from '@codemirror/state'
import {
  dropCursor,
  EditorView,
  highlightActiveLine,
  keymap,
  runScopeHandlers,
  type ViewUpdate,
} from '@codemirror/view'
import { editorTheme } from './editor-theme'
import { focusModeCompartment } from './focus-mode'
import { FORMAT_SCOPE, formatKeymap } from './format-commands'
import { editorHighlighting } from './highlight-style'
import { htmlPaste } from './html-paste'
import { imagePaste, type StoreImage } from './image-paste'
import { markdownWithFrontMatter } from './markdown-language'
import { parseCatchUp } from './parse-catch-up'
import { selectionDrawing } from './selection-drawing'
import { vimCompartment } from './vim-mode'

/** What the editor tells its owner, and what it needs from it. */
export interface EditorHooks {
  /** Stores a pasted or dropped image; resolves to `assets/<sha256>.<ext>`. */
  storeImage: StoreImage
  /** A message for the person (an image that could not be stored, …). */
  onMessage: (message: string) => void
  /** Every update of the view (document, selection, viewport, focus). */
  onUpdate: (update: ViewUpdate) => void
  /** A formatting key ran the command with this id. */
  onFormatKey?: (id: string) => void
}

/** The extensions of every article's editor state. */
export function editorExtensions(hooks: EditorHooks): Extension[] {
  return [
    // Vim first, so its keys win over the others when it is on.
    vimCompartment.of([]),
    history(),
    selectionDrawing(),
    dropCursor(),
    highlightActiveLine(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    EditorView.lineWrapping,
    markdownWithFrontMatter(),
    parseCatchUp,
    editorHighlighting(),
    search({ top: true }),
    highlightSelectionMatches(),
    keymap.of(formatKeymap((id) => hooks.onFormatKey?.(id))),
    EditorView.domEventHandlers({
      keydown(event, view) {
        if (!runScopeHandlers(view, event, FORMAT_SCOPE)) return false
        // Handled here: the window's shortcut handler must not run it again.
        event.stopPropagation()
        return true
      },
    }),
    keymap.of([...searchKeymap, ...historyKeymap, indentWithTab, ...defaultKeymap]),
    focusModeCompartment.of([]),
    // Images first: a copied web image comes with HTML too, and the image is what is meant.
    imagePaste(hooks.storeImage, hooks.onMessage),
    htmlPaste(),
    EditorView.contentAttributes.of({
      'aria-label': 'Editor',
      spellcheck: 'true',
      autocapitalize: 'sentences',
    }),
    EditorView.updateListener.of(hooks.onUpdate),
    editorTheme,
  ]
}
