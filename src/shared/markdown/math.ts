/**
 * KaTeX rendering for `$…$`, `$$…$$` and ```` ```math ```` blocks. The options are the
 * security boundary for math: `trust: false` turns `\href`, `\url`, `\htmlClass`, `\htmlId`,
 * `\htmlStyle` and `\includegraphics` into plain error-coloured text, and `maxExpand` and
 * `maxSize` stop macro bombs and absurd sizes from freezing or flooding the preview.
 */
import katex, { type KatexOptions } from 'katex'
import { LruCache } from './lru'

/** The options every formula is rendered with (the display mode is added per formula). */
export const KATEX_OPTIONS: Readonly<KatexOptions> = Object.freeze({
  throwOnError: false,
  trust: false,
  // Macro expansions per formula: plenty for real documents, too few for exponential ones.
  maxExpand: 500,
  // Largest size in em for rules, kerns and boxes; user sizes beyond it are clamped.
  maxSize: 50,
  // Non-standard input is rendered as well as possible, without console warnings.
  strict: 'ignore',
  output: 'htmlAndMathml',
  errorColor: '#cc0000',
})

/** Formulas longer than this are shown as source: KaTeX's cost grows with the input. */
const MAX_TEX_LENGTH = 20_000

const cache = new LruCache<string>(500)

/** The formula's source, escaped, in the shape KaTeX uses for its own errors. */
function asError(tex: string, displayMode: boolean, escape: (s: string) => string): string {
  const tag = displayMode ? 'div' : 'span'
  return `<${tag} class="katex-error">${escape(tex)}</${tag}>`
}

/**
 * KaTeX HTML (with MathML) for `tex`. Never throws: a formula KaTeX cannot read comes back
 * as its escaped source.
 */
export function renderMath(
  tex: string,
  displayMode: boolean,
  escape: (s: string) => string,
): string {
  if (tex.length > MAX_TEX_LENGTH) return asError(tex, displayMode, escape)
  const key = (displayMode ? 'D' : 'I') + tex
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  let html: string
  try {
    html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode })
  } catch {
    // throwOnError: false only covers parse errors; anything else still must not break a render.
    html = asError(tex, displayMode, escape)
  }
  cache.set(key, html)
  return html
}
