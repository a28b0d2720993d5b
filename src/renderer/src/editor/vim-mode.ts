/**
 * The optional vim keymap (setting `vimMode`), from @replit/codemirror-vim. Loaded only when
 * turned on, so people who never use it never download it.
 */
import { Compartment, type Extension } from '@codemirror/state'
import { drawSelection } from '@codemirror/view'

/** The compartment holding the vim keymap (empty when off). Must come before other keymaps. */
export const vimCompartment = new Compartment()

/**
 * The vim extension when `on`, nothing otherwise. With vim the selection is always drawn
 * (selection-drawing.ts leaves a single one to the browser): vim hides the browser's, and its
 * visual mode shows its selection only through `drawSelection`.
 */
export async function vimMode(on: boolean): Promise<Extension> {
  if (!on) return []
  const { vim } = await import('@replit/codemirror-vim')
  return [vim(), drawSelection()]
}
