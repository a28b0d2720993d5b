/**
 * The real-world feeds in the shared corpus (tests/helpers/corpus.ts) and what each must give. Item counts were
 * taken by counting `<item>`/`<entry>` elements in each file by hand (grep), not from our
 * parser; a text sample per feed checks that its characters were decoded right.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { corpusDir } from '../../helpers/corpus'

/** The corpus's feeds folder (see tests/helpers/corpus.ts). */
export const CORPUS_FEEDS = resolve(corpusDir(), 'feeds')

/** One corpus feed's expectations. */
export interface CorpusFeed {
  file: string
  format: 'rss' | 'rdf' | 'atom'
  items: number
  /** Distinct items by identity (guid, link, hash) when the feed repeats one. */
  distinct?: number
  /** Text that must appear, decoded, in the feed title or some item title. */
  sample?: string
}

export const CORPUS: CorpusFeed[] = [
  { file: 'miniflux/encoding_ISO-8859-1.xml', format: 'rss', items: 40, sample: 'Porträt für' },
  { file: 'miniflux/encoding_WINDOWS-1251.xml', format: 'rss', items: 50, sample: 'Цитата #17703' },
  { file: 'miniflux/invalid-prolog.xml', format: 'atom', items: 1, sample: '테스트 피드' },
  { file: 'miniflux/iso-8859-1.xml', format: 'rss', items: 0, sample: 'Café' },
  { file: 'miniflux/koi8r.xml', format: 'rss', items: 2, sample: 'Пример RSS ленты' },
  { file: 'miniflux/large_atom.xml', format: 'atom', items: 25, sample: 'Hacker’s Guide' },
  { file: 'miniflux/large_rss.xml', format: 'rss', items: 25, sample: 'Hacker’s Guide' },
  { file: 'miniflux/no_encoding_ISO-8859-1.xml', format: 'rss', items: 10, sample: 'très' },
  { file: 'miniflux/rdf_UTF8.xml', format: 'rdf', items: 60, sample: 'Vorsichtsmaßnahmen' },
  {
    file: 'miniflux/small_atom.xml',
    format: 'atom',
    items: 20,
    sample: 'Parse podcast categories',
  },
  { file: 'miniflux/urdu_UTF8.xml', format: 'rss', items: 26, sample: 'امریکی عسکری امداد' },
  { file: 'miniflux/utf8-incorrect-prolog.xml', format: 'atom', items: 1, sample: '테스트 피드' },
  { file: 'miniflux/utf8.xml', format: 'atom', items: 1, sample: 'Café' },
  { file: 'miniflux/windows-1252-incorrect-prolog.xml', format: 'rss', items: 0, sample: 'Euro €' },
  { file: 'miniflux/windows-1252.xml', format: 'rss', items: 0, sample: 'Euro €' },
  {
    file: 'rss-parser/atom-customfields.atom',
    format: 'atom',
    items: 15,
    sample: 'Asshole ≠ Innovative',
  },
  { file: 'rss-parser/content-encoded.rss', format: 'rss', items: 7, sample: 'Shouldn’t Grow' },
  { file: 'rss-parser/craigslist.rss', format: 'rdf', items: 25, sample: 'Victorian' },
  { file: 'rss-parser/customfields.rss', format: 'rss', items: 15, sample: '‘mu-X’' },
  {
    file: 'rss-parser/encoding.rss',
    format: 'rss',
    items: 40,
    sample: 'Mãe de utente é a nova presidente da Raríssimas',
  },
  {
    file: 'rss-parser/feedburner.atom',
    format: 'atom',
    items: 25,
    sample: 'Google Ads Developer Blog',
  },
  {
    file: 'rss-parser/giantbomb-podcast.rss',
    format: 'rss',
    items: 730,
    sample: 'I’ve Always Cared',
  },
  { file: 'rss-parser/guardian.rss', format: 'rss', items: 55, sample: 'Trump’s speech' },
  { file: 'rss-parser/gulp-atom.atom', format: 'atom', items: 10, sample: 'v3.9.0' },
  { file: 'rss-parser/heise.atom', format: 'atom', items: 15, sample: 'Bewerbungen für Vorträge' },
  { file: 'rss-parser/heraldsun.rss', format: 'rss', items: 2, sample: 'The First Item' },
  { file: 'rss-parser/incomplete-fields.atom', format: 'atom', items: 1 },
  {
    file: 'rss-parser/instant-article.rss',
    format: 'rss',
    items: 1,
    sample: 'My first Instant Article',
  },
  {
    file: 'rss-parser/item-itunes-episodeType.rss',
    format: 'rss',
    items: 1,
    sample: 'Baywatch Berlin',
  },
  { file: 'rss-parser/itunes-category.rss', format: 'rss', items: 1, sample: 'Temporal Anomaly' },
  {
    file: 'rss-parser/itunes-href.rss',
    format: 'rss',
    items: 10,
    sample: 'lobt BVB für Pulisic-Deal',
  },
  {
    file: 'rss-parser/itunes-keywords-array.rss',
    format: 'rss',
    items: 1,
    sample: 'nächste Heuschreckenplage',
  },
  {
    file: 'rss-parser/itunes-keywords-astext.rss',
    format: 'rss',
    items: 32,
    sample: 'Endorphine für Delfine',
  },
  { file: 'rss-parser/itunes-keywords.rss', format: 'rss', items: 1, sample: 'Temporal Anomaly' },
  // Two of its items share one guid: one item, told twice.
  {
    file: 'rss-parser/itunes-missing-image.rss',
    format: 'rss',
    items: 131,
    distinct: 130,
    sample: 'Episode 15…Found!',
  },
  { file: 'rss-parser/many-links.rss', format: 'atom', items: 25, sample: 'Google Testing Blog' },
  { file: 'rss-parser/missing-fields.atom', format: 'atom', items: 1 },
  { file: 'rss-parser/narro.rss', format: 'rss', items: 1, sample: 'FAQ for Narro' },
  { file: 'rss-parser/pagination-links.rss', format: 'rss', items: 1, sample: 'The First Episode' },
  {
    file: 'rss-parser/reddit-atom.rss',
    format: 'rss',
    items: 24,
    sample: 'The Difficulties in Space',
  },
  { file: 'rss-parser/reddit-home.rss', format: 'atom', items: 24, sample: '‘not refugees’' },
  { file: 'rss-parser/reddit.rss', format: 'rss', items: 24, sample: 'The water is too deep' },
  { file: 'rss-parser/rss-1.rss', format: 'rdf', items: 69, sample: 'Food for fungi' },
  { file: 'rss-parser/uolNoticias.rss', format: 'rss', items: 15, sample: 'simulações' },
  { file: 'rss-parser/xml2js-options.rss', format: 'rdf', items: 69, sample: 'Food for fungi' },
]

/** The corpus file that is a web page, not a feed. */
export const NOT_A_FEED = 'rss-parser/unrecognized.rss'

/** Every corpus file, so a feed added to the corpus without an expectation fails the test. */
export function corpusFiles(): string[] {
  if (!existsSync(CORPUS_FEEDS)) return []
  return readdirSync(CORPUS_FEEDS).flatMap((dir) =>
    readdirSync(join(CORPUS_FEEDS, dir)).map((f) => `${dir}/${f}`),
  )
}
