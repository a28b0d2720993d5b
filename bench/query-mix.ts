/**
 * What people type into the search box, as a fixed mix for `npm run bench`, each query beside
 * the ripgrep command a user would run over the same articles as Markdown files.
 *
 * Every word comes from what `synthetic-corpus.ts` really writes, so every query has matches
 * in the 100,000-article corpus (rates below are measured on it, seed 42). Queries on planted
 * facts name them, so the bench can check result counts exactly (`plantedArticleCount`).
 */
import { englishWordAtRank, PLANTED, type PlantedKey } from './synthetic-corpus'

/** One benchmark query. */
export interface BenchQuery {
  /** What kind of search this is (one row of the report). */
  kind: string
  /** The text typed into Broadsheet's search box. */
  query: string
  /**
   * ripgrep arguments (pattern included, `-l` and the folder left to `ripgrepSearch`) that find
   * the same articles, or `null` where ripgrep has no one-run equivalent (library state, front
   * matter fields combined with body words, negation).
   */
  rg: string[] | null
  /** The planted fact the query finds; its exact article count is known. */
  planted?: PlantedKey
  /** Why `rg` is what it is, where that is not obvious. */
  note?: string
}

/** A pseudo-word of rank 50,000: in about 0.1% of articles (around 100 of 100,000). */
const RARE_WORD = englishWordAtRank(50_000)

/** Two regexes anywhere in the file, in either order (ripgrep's only way to AND two words). */
const both = (a: string, b: string): string[] => ['-i', '-U', `(?s)${a}.*${b}|${b}.*${a}`]

/**
 * The mix: 23 queries. Document frequencies are for the 100,000-article corpus, seed 42.
 * Default: English words are matched as whole words, case-insensitively, as FTS5 does.
 */
export const QUERY_MIX: BenchQuery[] = [
  { kind: 'common word (~90%)', query: 'said', rg: ['-i', '-w', '-F', 'said'] },
  { kind: 'frequent word (~50%)', query: 'government', rg: ['-i', '-w', '-F', 'government'] },
  { kind: 'rare word (~0.1%)', query: RARE_WORD, rg: ['-i', '-w', '-F', RARE_WORD] },
  {
    kind: 'rare exact word (10 articles)',
    query: PLANTED.zyxwvut.text,
    rg: ['-i', '-w', '-F', PLANTED.zyxwvut.text],
    planted: 'zyxwvut',
  },
  {
    kind: 'two words (AND)',
    query: 'central bank',
    rg: both('\\bcentral\\b', '\\bbank\\b'),
    note: 'multiline regex: both words anywhere in the file',
  },
  { kind: 'phrase', query: '"climate change"', rg: ['-i', '-F', 'climate change'] },
  { kind: 'prefix', query: 'infla*', rg: ['-i', '\\binfla'] },
  {
    kind: 'last word as typed (prefix)',
    query: 'climate chan',
    rg: both('\\bclimate\\b', '\\bchan'),
    note: 'multiline regex: "climate" and a word starting "chan" anywhere in the file',
  },
  {
    kind: 'negation',
    query: 'climate -weather',
    rg: null,
    note: 'needs two runs: rg -l climate, minus rg -l weather',
  },
  {
    kind: 'OR',
    query: 'inflation OR recession',
    rg: ['-i', '-w', '-e', 'inflation', '-e', 'recession'],
  },
  {
    kind: 'tag filter + word',
    query: 'tag:economy inflation',
    rg: null,
    note: 'ripgrep cannot tie a match to the front matter tags and AND it with a body word',
  },
  {
    kind: 'planted tag (case, hyphen) + word',
    query: 'tag:ai-generated government',
    rg: null,
    note: 'as for tag:economy',
  },
  {
    kind: 'is:unread + word',
    query: 'is:unread election',
    rg: null,
    note: 'library state, not in the files',
  },
  {
    kind: 'is:starred + word',
    query: 'is:starred climate',
    rg: null,
    note: 'library state, not in the files',
  },
  {
    kind: 'date filter + word',
    query: 'after:2024-01-01 election',
    rg: null,
    note: 'dates are compared, not matched',
  },
  {
    kind: 'date range + word',
    query: 'after:2016-01-01 before:2018-01-01 inflation',
    rg: null,
    note: 'dates are compared, not matched',
  },
  {
    kind: 'German substring (compounds only)',
    query: PLANTED.kamera.text,
    rg: ['-i', '-F', PLANTED.kamera.text],
    planted: 'kamera',
  },
  { kind: 'German word', query: 'Bundesregierung', rg: ['-i', '-w', '-F', 'Bundesregierung'] },
  {
    kind: '13-character substring',
    query: PLANTED.verfassungsgericht.substring13,
    rg: ['-i', '-F', PLANTED.verfassungsgericht.substring13],
    planted: 'verfassungsgericht',
  },
  {
    kind: 'CJK word in running text',
    query: PLANTED.rengongzhineng.text,
    rg: ['-F', PLANTED.rengongzhineng.text],
    planted: 'rengongzhineng',
  },
  {
    kind: 'CJK word (rarer)',
    query: PLANTED.qihoubianhua.text,
    rg: ['-F', PLANTED.qihoubianhua.text],
    planted: 'qihoubianhua',
  },
  {
    kind: 'diacritic fold (cafe finds café)',
    query: 'cafe',
    rg: ['-i', '-w', 'caf[eé]'],
    planted: 'cafe',
    note: 'ripgrep does not fold accents: the user must spell the alternatives',
  },
  {
    kind: 'accented word',
    query: PLANTED.eleve.text,
    rg: ['-i', '-w', '-F', PLANTED.eleve.text],
    planted: 'eleve',
  },
]
