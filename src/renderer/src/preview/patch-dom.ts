/**
 * Updates a rendered article in place: idiomorph turns the old DOM into the new one, keeping
 * every node that did not change. Images are not reloaded, text selection and scroll
 * position hold, and the preview does not flicker while typing. The live preview patches
 * piece by piece (`incremental-preview.ts`) and uses this for a whole article only when its
 * raw HTML cannot be cut into pieces.
 */
import { Idiomorph } from 'idiomorph'

/** Replace `container`'s children with `safeHtml` (already sanitized) by patching. */
export function patchHtml(container: Element, safeHtml: string): void {
  if (!container.firstChild) {
    // First paint: nothing to keep, so skip the diff.
    container.innerHTML = safeHtml
    return
  }
  Idiomorph.morph(container, safeHtml, { morphStyle: 'innerHTML', ignoreActiveValue: true })
}
