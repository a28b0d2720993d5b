/**
 * Shortcut strings (`Mod+K`, `Shift+?`, `g a`) and key events in one canonical form, so a
 * declared shortcut and a pressed key compare as plain strings, and the palette can show them
 * the way the platform spells them.
 */

/** Whether this is a Mac (Cmd is the command modifier there, Ctrl elsewhere). */
export const IS_MAC =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || '')

const MODIFIER_ORDER = ['Mod', 'Ctrl', 'Alt', 'Shift'] as const

/** A key name as compared: single letters lower case, everything else as the browser names it. */
function keyName(key: string): string {
  if (key === ' ') return 'Space'
  if (key.length === 1) return key.toLowerCase()
  if (key === 'Esc') return 'Escape'
  if (key === 'Del') return 'Delete'
  return key
}

/** One chord (`shift+mod+k`) in canonical form (`Mod+Shift+k`). */
function normalizeChord(chord: string): string {
  // `Mod++` means the plus key: split on '+' only where it separates parts.
  const parts = chord === '+' ? ['+'] : chord.split(/\+(?!$)/)
  const key = keyName(parts.pop() ?? '')
  const mods = new Set(parts.map((p) => p.toLowerCase()))
  const out: string[] = []
  for (const m of MODIFIER_ORDER) if (mods.has(m.toLowerCase())) out.push(m)
  return [...out, key].join('+')
}

/** A shortcut (one chord or a space-separated sequence) in canonical form. */
export function normalizeShortcut(shortcut: string): string {
  return shortcut.trim().split(/\s+/).map(normalizeChord).join(' ')
}

/** The canonical chord of a key event, or null for a lone modifier key. */
export function eventChord(event: KeyboardEvent): string | null {
  if (['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'CapsLock'].includes(event.key)) return null
  const mods: string[] = []
  const mod = IS_MAC ? event.metaKey : event.ctrlKey
  if (mod) mods.push('Mod')
  if (IS_MAC && event.ctrlKey) mods.push('Ctrl')
  if (event.altKey) mods.push('Alt')
  if (event.shiftKey) mods.push('Shift')
  return [...mods, keyName(event.key)].join('+')
}

/** Whether a click carries the command modifier (Cmd on a Mac, Ctrl elsewhere): Ctrl+click. */
export function isModClick(event: MouseEvent): boolean {
  return IS_MAC ? event.metaKey : event.ctrlKey
}

/** Whether a chord has Ctrl/Cmd/Alt, and so may fire even while typing. */
export function hasCommandModifier(chord: string): boolean {
  // Canonical chords list their modifiers first, Shift last.
  return /^(Mod|Ctrl|Alt)\+/.test(chord)
}

const KEY_LABELS: Record<string, string> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
  Delete: 'Del',
}

/** A shortcut as the palette shows it: `Ctrl+K` (or `⌘K` on a Mac), `G then A`. */
export function formatShortcut(shortcut: string): string {
  return normalizeShortcut(shortcut)
    .split(' ')
    .map((chord) =>
      chord
        .split(/\+(?!$)/)
        .map((part) => {
          if (part === 'Mod') return IS_MAC ? '⌘' : 'Ctrl'
          if (part === 'Shift' && IS_MAC) return '⇧'
          if (part === 'Alt' && IS_MAC) return '⌥'
          return KEY_LABELS[part] ?? (part.length === 1 ? part.toUpperCase() : part)
        })
        .join(IS_MAC ? '' : '+'),
    )
    .join(' then ')
}
