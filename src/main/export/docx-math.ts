/**
 * Math for DOCX as Word's own equations (Office Math Markup, OMML), so Word and LibreOffice
 * show and edit real equations instead of TeX source. KaTeX, which renders the preview's math,
 * turns the TeX into MathML; mathml2omml turns that into OMML, which goes into the paragraph
 * as raw XML (the docx library's own Math classes would need a converter of our own).
 */
import { ImportedXmlComponent, type ParagraphChild } from 'docx'
import katex from 'katex'
import { mml2omml } from 'mathml2omml'

const OMML_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/math'

/** TeX as MathML, or null when KaTeX cannot read it (the TeX then stays as text). */
function mathml(tex: string, display: boolean): string | null {
  let html: string
  try {
    html = katex.renderToString(tex, {
      output: 'mathml',
      displayMode: display,
      throwOnError: true,
      strict: 'ignore',
    })
  } catch {
    return null
  }
  const math = /<math[\s\S]*<\/math>/.exec(html)?.[0]
  // The annotation holds the TeX source for copying; OMML has no place for it. A phantom
  // (space the size of its content) has no converter, which would show its content.
  return math
    ? math
        .replace(/<annotation\b[\s\S]*?<\/annotation>/g, '')
        .replace(/<mphantom>[\s\S]*?<\/mphantom>/g, '')
    : null
}

/**
 * An equation for a paragraph: inline (`m:oMath`) or, for display math, one on its own line
 * (`m:oMathPara`). Null when the TeX cannot be converted.
 */
export function ommlEquation(tex: string, display: boolean): ParagraphChild | null {
  const source = mathml(tex.trim(), display)
  if (source === null) return null
  let omml: string
  // The converter writes "Type not supported: mpadded" (and the like) to the console for
  // elements it has no handler for, and converts their content in place, which is what we
  // want; the CLI must not print that, so the warnings are dropped for this synchronous call.
  const warn = console.warn
  console.warn = () => {}
  try {
    omml = mml2omml(source)
  } catch {
    return null
  } finally {
    console.warn = warn
  }
  if (!omml.includes('<m:oMath')) return null
  const xml = display ? `<m:oMathPara xmlns:m="${OMML_NS}">${omml}</m:oMathPara>` : omml
  // The imported XML is written as it is; the library's types only list its own components.
  return ImportedXmlComponent.fromXmlString(xml) as unknown as ParagraphChild
}
