/**
 * The formatting commands with their ids and shortcuts, in one table: the editor's keymap and
 * the app's command registry (palette, shell shortcuts, desktop menu) are both built from it.
 */
import type { Command, KeyBinding } from '@codemirror/view'
import {
  insertLink,
  toggleBold,
  toggleCode,
  toggleHeading,
  toggleItalic,
  toggleQuote,
  toggleTask,
} from './formatting'

/** One formatting command. */
export interface FormatCommand {
  id: string
  title: string
  /** In the registry's form, e.g. `Mod+Shift+K` (Mod+K belongs to the palette). */
  shortcut: string
  run: Command
}

/** Every formatting command, in menu order. */
export const FORMAT_COMMANDS: readonly FormatCommand[] = [
  { id: 'format.bold', title: 'Bold', shortcut: 'Mod+B', run: toggleBold },
  { id: 'format.italic', title: 'Italic', shortcut: 'Mod+I', run: toggleItalic },
  { id: 'format.link', title: 'Insert link', shortcut: 'Mod+Shift+K', run: insertLink },
  {
    id: 'format.heading',
    title: 'Heading (cycle levels)',
    shortcut: 'Mod+Shift+H',
    run: toggleHeading,
  },
  { id: 'format.quote', title: 'Quote', shortcut: 'Mod+Shift+U', run: toggleQuote },
  { id: 'format.code', title: 'Code', shortcut: 'Mod+E', run: toggleCode },
  { id: 'format.task', title: 'Task list item', shortcut: 'Mod+Shift+L', run: toggleTask },
]

/** `Mod+Shift+K` → CodeMirror's `Mod-Shift-k`. */
function toCodeMirrorKey(shortcut: string): string {
  const parts = shortcut.split('+')
  const key = parts.pop()!
  return [...parts, key.length === 1 ? key.toLowerCase() : key].join('-')
}

/**
 * The formatting keymap, in its own scope: the editor runs it first and stops the key event
 * there, so the window's shortcut handler does not apply the same format a second time.
 */
export const FORMAT_SCOPE = 'broadsheet-format'

/** Key bindings for `FORMAT_SCOPE`; `ran` hears which command a key ran. */
export function formatKeymap(ran: (id: string) => void): KeyBinding[] {
  return FORMAT_COMMANDS.map((c) => ({
    key: toCodeMirrorKey(c.shortcut),
    scope: FORMAT_SCOPE,
    preventDefault: true,
    run: (view) => {
      ran(c.id)
      return c.run(view)
    },
  }))
}
