// The native menus: the application menu and the right-click menu. Their contents are built
// by the pure functions in menu-template.ts and context-menu-template.ts.
import { clipboard, Menu, type WebContents } from 'electron'
import { buildContextMenuTemplate } from './context-menu-template'
import { openExternalSafely } from './external-links'
import { buildMenuTemplate, type MenuOptions } from './menu-template'

/** Set (or replace, e.g. when the theme changes) the application menu. */
export function installAppMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)))
}

/** Show spelling suggestions, link actions and the editing items on right-click in `contents`. */
export function attachContextMenu(contents: WebContents): void {
  contents.on('context-menu', (_event, params) => {
    const template = buildContextMenuTemplate(params, {
      replaceMisspelling: (suggestion) => contents.replaceMisspelling(suggestion),
      addToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word),
      openLink: (url) => openExternalSafely(url),
      copyLink: (url) => clipboard.writeText(url),
    })
    if (template.length > 0) Menu.buildFromTemplate(template).popup()
  })
}
