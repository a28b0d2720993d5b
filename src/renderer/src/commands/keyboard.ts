/**
 * The window's keyboard handler: runs the command whose shortcut was pressed. Listens on the
 * window in the bubble phase, so an editor or dialog that handled a key (and called
 * `preventDefault`) keeps it.
 */
import { type AppCommand, availableCommands, commandKeys } from './registry.svelte'
import { eventChord, hasCommandModifier } from './shortcuts'

/** How long the first key of a sequence (`g` of `g a`) waits for the second. */
const SEQUENCE_MS = 1200

/**
 * Whether the event comes from somewhere text is typed: an input, a textarea, a select, or
 * anything editable (CodeMirror's content is contenteditable).
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'))
    return true
  return target.closest('.cm-editor') !== null
}

/** Whether Enter or Space on the target already does something (a button, a link …). */
function isActivatable(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('button, a[href], summary, [role="button"], [role="menuitem"], [role="tab"]') !==
      null
  )
}

/** Start handling shortcuts for `target` (default the window); returns the function that stops. */
export function installKeyboard(target: Window = window): () => void {
  let pending: string | null = null
  let pendingTimer: ReturnType<typeof setTimeout> | undefined

  const clearPending = () => {
    pending = null
    clearTimeout(pendingTimer)
  }

  function find(keys: string) {
    // availableCommands has already settled shared shortcuts; for the extra keys, the higher
    // priority and then the later registration wins, as there.
    let found: AppCommand | null = null
    for (const command of availableCommands()) {
      if (!commandKeys(command).includes(keys)) continue
      if (!found || (command.priority ?? 0) >= (found.priority ?? 0)) found = command
    }
    return found
  }

  const isPrefix = (keys: string) =>
    availableCommands().some((c) => commandKeys(c).some((k) => k.startsWith(`${keys} `)))

  function onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return
    const chord = eventChord(event)
    if (!chord) return
    // Plain keys (j, s, /, Escape, Shift+?) belong to whoever has the text cursor, and Enter
    // and Space to a focused button or link.
    if (isTypingTarget(event.target) && !hasCommandModifier(chord)) return
    if ((chord === 'Enter' || chord === 'Space') && isActivatable(event.target)) return
    const attempts = pending ? [`${pending} ${chord}`, chord] : [chord]
    clearPending()
    for (const keys of attempts) {
      const command = find(keys)
      if (command) {
        event.preventDefault()
        void command.run()
        return
      }
      if (isPrefix(keys)) {
        event.preventDefault()
        pending = keys
        pendingTimer = setTimeout(clearPending, SEQUENCE_MS)
        return
      }
    }
  }

  target.addEventListener('keydown', onKeydown)
  return () => {
    clearPending()
    target.removeEventListener('keydown', onKeydown)
  }
}
