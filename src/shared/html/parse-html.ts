/**
 * Parsing an HTML string into an inert document, in the browser renderer and under Node alike.
 * A document from DOMParser never runs scripts or loads images. Under Node there is no
 * DOMParser, so jsdom's is used (loaded on first use through `process.getBuiltinModule`, so
 * this shared file imports nothing that the renderer bundle cannot have).
 */

type Parser = { parseFromString(html: string, type: 'text/html'): Document }

let parser: Parser | null = null

function nodeParser(): Parser {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  const moduleApi = proc?.getBuiltinModule?.('node:module') as
    { createRequire(from: string): (id: string) => unknown } | undefined
  if (!moduleApi) throw new Error('No HTML parser is available here (no DOMParser, no Node).')
  const { JSDOM } = moduleApi.createRequire(import.meta.url)('jsdom') as {
    JSDOM: new (html: string) => { window: { DOMParser: new () => Parser } }
  }
  return new new JSDOM('').window.DOMParser()
}

/** Parse `html` as a whole document (fragments land in its body). Scripts never run. */
export function parseHtml(html: string): Document {
  parser ??= typeof DOMParser === 'undefined' ? nodeParser() : new DOMParser()
  return parser.parseFromString(html, 'text/html')
}
