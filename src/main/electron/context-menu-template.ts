// The right-click menu as data: spelling suggestions, link actions and the editing roles,
// built from what Electron reports about the click. Pure, so it is tested under Node.
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron'
import { isAllowedExternalUrl } from './external-url'

/** The parts of Electron's `context-menu` params the menu looks at. */
export type ContextMenuInput = Pick<
  ContextMenuParams,
  'misspelledWord' | 'dictionarySuggestions' | 'isEditable' | 'selectionText' | 'linkURL'
> & {
  editFlags: Pick<
    ContextMenuParams['editFlags'],
    'canCut' | 'canCopy' | 'canPaste' | 'canSelectAll'
  >
}

/** What the menu's own items do (the editing items are Electron roles). */
export interface ContextMenuActions {
  /** Replace the misspelled word under the cursor with `suggestion`. */
  replaceMisspelling: (suggestion: string) => void
  /** Add `word` to the user's spellcheck dictionary. */
  addToDictionary: (word: string) => void
  /** Open an allowed link in the system browser. */
  openLink: (url: string) => void
  /** Put a link's address on the clipboard. */
  copyLink: (url: string) => void
}

/** At most this many spelling suggestions are listed. */
export const MAX_SUGGESTIONS = 5

/**
 * The context menu for one click: spelling suggestions (up to five, or "No Guesses Found")
 * and "Add to Dictionary" on a misspelled word; "Open Link in Browser" and "Copy Link Address"
 * on a link the app would open (http, https, mailto); Cut, Copy, Paste and Select All in an
 * editable field, enabled as the page allows; Copy on other selected text. An empty list
 * means no menu.
 */
export function buildContextMenuTemplate(
  params: ContextMenuInput,
  actions: ContextMenuActions,
): MenuItemConstructorOptions[] {
  const sections: MenuItemConstructorOptions[][] = []
  const word = params.misspelledWord
  if (params.isEditable && word) {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS)
    sections.push([
      ...(suggestions.length
        ? suggestions.map((s) => ({ label: s, click: () => actions.replaceMisspelling(s) }))
        : [{ label: 'No Guesses Found', enabled: false }]),
      { label: 'Add to Dictionary', click: () => actions.addToDictionary(word) },
    ])
  }
  const link = params.linkURL
  if (link && isAllowedExternalUrl(link)) {
    sections.push([
      { label: 'Open Link in Browser', click: () => actions.openLink(link) },
      { label: 'Copy Link Address', click: () => actions.copyLink(link) },
    ])
  }
  const flags = params.editFlags
  if (params.isEditable) {
    sections.push([
      { role: 'cut', enabled: flags.canCut },
      { role: 'copy', enabled: flags.canCopy },
      { role: 'paste', enabled: flags.canPaste },
    ])
    sections.push([{ role: 'selectAll', enabled: flags.canSelectAll }])
  } else if (params.selectionText.trim() !== '') {
    sections.push([{ role: 'copy', enabled: flags.canCopy }])
  }
  return sections.flatMap((items, i) =>
    i === 0 ? items : [{ type: 'separator' as const }, ...items],
  )
}
