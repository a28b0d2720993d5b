/**
 * The app's commands: everything a user can do, each with a title and an optional shortcut.
 * The command palette lists them, the keyboard handler runs them by shortcut, and the
 * desktop menu sends their ids. Each part of the window registers its own commands while it
 * is shown and unregisters them when it goes away.
 */
import { untrack } from 'svelte'
import { normalizeShortcut } from './shortcuts'

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
   * elsewhere), or a sequence of such chords separated by a space (`g a`: g, then a).
   * Shortcuts without Ctrl/Cmd/Alt never fire while typing in a text field or editor.
   */
  shortcut?: string
  /** More keys for the same command (`Mod+1` beside `g a`); the palette shows only `shortcut`. */
  alsoKeys?: string[]
  /** When this returns false the command is hidden from the palette and its keys do nothing. */
  enabled?: () => boolean
  /**
   * Which of two enabled commands with the same shortcut wins: the higher priority (default
   * 0), then the later registration. The list's row keys use 1 and are enabled only while no
   * article is open, so `s` stars the selected row then, and the open article otherwise.
   */
  priority?: number
  run: () => void | Promise<void>
}

let commands: AppCommand[] = $state([])

/** Add commands; returns a function that removes exactly these again. A later id wins. */
export function registerCommands(list: AppCommand[]): () => void {
  const ids = list.map((c) => c.id)
  // Untracked: registering from inside an $effect must not make that effect depend on the
  // list it changes (it would run again and again).
  untrack(() => {
    commands = [...commands.filter((c) => !ids.includes(c.id)), ...list]
  })
  return () =>
    untrack(() => {
      commands = commands.filter((c) => !list.includes(c))
    })
}

/** Every key combination a command answers to, normalised. */
export function commandKeys(command: AppCommand): string[] {
  return [command.shortcut, ...(command.alsoKeys ?? [])]
    .filter((k): k is string => !!k)
    .map(normalizeShortcut)
}

/**
 * Every registered command that is enabled now, in registration order. When two enabled
 * commands share a shortcut, only the winner (see `priority`) is listed and runs by key.
 */
export function availableCommands(): AppCommand[] {
  const enabled = commands.filter((c) => c.enabled?.() ?? true)
  const winner: Record<string, AppCommand> = {}
  for (const command of enabled) {
    if (!command.shortcut) continue
    const key = normalizeShortcut(command.shortcut)
    const other = winner[key]
    if (!other || (command.priority ?? 0) >= (other.priority ?? 0)) winner[key] = command
  }
  return enabled.filter((c) => !c.shortcut || winner[normalizeShortcut(c.shortcut)] === c)
}

/** Whether a command with this id is registered (enabled or not). */
export function isRegistered(id: string): boolean {
  return commands.some((c) => c.id === id)
}

/** Run the command with this id if it is registered and enabled; says whether it ran. */
export function runCommand(id: string): boolean {
  const command = availableCommands().find((c) => c.id === id)
  if (!command) return false
  void command.run()
  return true
}
