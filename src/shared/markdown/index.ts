/**
 * The shared Markdown renderer: render, then sanitize. Node code sanitizes with
 * `sanitize-node`, the renderer with `sanitize-browser`; neither is re-exported here, so this
 * module is safe to import from both sides.
 */
export { renderMarkdown, type RenderOptions, type RenderedArticle, type TocEntry } from './render'
export { SANITIZE_CONFIG, sanitizeWith } from './sanitize'
export { HEADING_ID_PREFIX, slugify } from './toc'
export { KATEX_OPTIONS } from './math'
