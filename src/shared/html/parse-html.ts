/**
 * Parsing an HTML string into an inert document, in the browser renderer and under Node alike.
 * A document from DOMParser never runs scripts or loads images. Under Node there is no
 * DOMParser, so domino's HTML5 parser is used: turndown's own DOM under Node, several times
 * faster than jsdom's (feeds convert thousands of items), and like it it runs nothing. It is
 * loaded on first use through `process.getBuiltinModule`, so this shared file imports nothing
 * the renderer bundle cannot have. domino lacks a few newer DOM methods (`append`, `:scope`),
 * so the cleaning code sticks to older ones.
 */

type Parser = { parseFromString(html: string, type: 'text/html'): Document }

let parser: Parser | null = null

function nodeParser(): Parser {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  const moduleApi = proc?.getBuiltinModule?.('node:module') as
    { createRequire(from: string): (id: string) => unknown } | undefined
  if (!moduleApi) throw new Error('No HTML parser is available here (no DOMParser, no Node).')
  const domino = moduleApi.createRequire(import.meta.url)('@mixmark-io/domino') as {
    createDocument(html: string): Document
  }
  return { parseFromString: (html) => domino.createDocument(html) }
}

/** Parse `html` as a whole document (fragments land in its body). Scripts never run. */
export function parseHtml(html: string): Document {
  parser ??= typeof DOMParser === 'undefined' ? nodeParser() : new DOMParser()
  return parser.parseFromString(html, 'text/html')
}
