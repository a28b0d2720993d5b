/**
 * Rules exports add to the reader stylesheet: a collection's contents and article breaks, and
 * print fitting (PDF, and printing an exported HTML file): headings kept with their text,
 * code wrapped rather than cut off, tables and images within the page width, links shown.
 */
export const EXPORT_CSS = `
html, body { margin: 0; padding: 0; }
body { background: var(--reader-bg, #fff); }
.reader .collection-title { font-size: 2.2em; line-height: 1.2; margin: 0 0 1rem; }
.reader nav.collection-toc ol { padding-left: 1.4em; }
.reader nav.collection-toc li { margin: 0.3em 0; }
.reader nav.collection-toc .toc-meta { color: var(--reader-muted, #5f6368); font-size: 0.85em; }
.reader .exported-article + .exported-article {
  margin-top: 3rem; padding-top: 2rem; border-top: 1px solid var(--reader-border, #ddd);
}
.reader img, .reader svg, .reader video { max-width: 100%; height: auto; }
.reader table { max-width: 100%; }
.reader pre, .reader pre code { white-space: pre-wrap; overflow-wrap: anywhere; }
@media print {
  .reader { max-width: none; margin: 0; padding: 0; }
  .reader h1, .reader h2, .reader h3, .reader h4, .reader h5, .reader h6 {
    break-after: avoid; page-break-after: avoid; break-inside: avoid;
  }
  .reader p, .reader li, .reader blockquote { orphans: 3; widows: 3; }
  .reader pre, .reader figure, .reader img, .reader tr, .reader .math-display { break-inside: avoid; }
  .reader table { width: 100%; table-layout: fixed; overflow: visible; }
  .reader th, .reader td { overflow-wrap: anywhere; word-break: break-word; }
  .reader .exported-article + .exported-article {
    break-before: page; page-break-before: always; border-top: 0; margin-top: 0; padding-top: 0;
  }
  .reader nav.collection-toc { break-after: page; page-break-after: always; }
  .reader a { color: inherit; }
  /* A small featured image stretched to the page width would fill half a page. */
  .reader .featured-image img { width: auto; max-width: 100%; max-height: 9cm; margin: 0 auto; }
}
`
