/**
 * The app's commands: everything a user can do, each with a title and an optional shortcut.
 * The command palette lists them, the keyboard handler runs them by shortcut, and the
 * desktop menu sends their ids. Each part of the window registers its own commands while it
 * is shown and unregisters them when it goes away.
 */

/** One command. */
export interface AppCommand {
  /** Stable id, e.g. `article.star`; the desktop menu refers to commands by it. */
  id: string
  /** What the palette shows, e.g. "Star article". */
  title: string
  /** Palette section, e.g. "Article", "View", "Go". */
  group?: string
  /**
   * Keys in the form `Mod+K`, `Shift+?`, `j`, `Escape` (`Mod` is Cmd on macOS and Ctrl
   * elsewhere). Single-letter shortcuts never fire while typing in a text field or editor.
   */
  shortcut?: string
  /** When this returns false the command is hidden from the palette and its keys do nothing. */
  enabled?: () => boolean
  run: () => void | Promise<void>
}

let commands: AppCommand[] = $state([])

/** Add commands; returns a function that removes exactly these again. A later id wins. */
export function registerCommands(list: AppCommand[]): () => void {
  const ids = new Set(list.map((c) => c.id))
  commands = [...commands.filter((c) => !ids.has(c.id)), ...list]
  return () => {
    commands = commands.filter((c) => !list.includes(c))
  }
}

/** Every registered command that is enabled now, in registration order. */
export function availableCommands(): AppCommand[] {
  return commands.filter((c) => c.enabled?.() ?? true)
}

/** Run the command with this id if it is registered and enabled; says whether it ran. */
export function runCommand(id: string): boolean {
  const command = availableCommands().find((c) => c.id === id)
  if (!command) return false
  void command.run()
  return true
}
