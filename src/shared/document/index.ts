/** The article document: front matter, derived metadata, plain text and in-place edits. */
export { splitFrontMatter, type FrontMatter } from './front-matter'
export { markdownToPlainText } from './plain-text'
export {
  countWords,
  readingMinutes,
  formatReadingTime,
  DEFAULT_WORDS_PER_MINUTE,
  CJK_CHARS_PER_MINUTE,
} from './reading-time'
export { deriveMetadata, type DerivedDocument } from './derive-metadata'
export { rewriteFrontMatter, type MetadataPatch } from './rewrite-front-matter'
