/**
 * A deterministic synthetic news corpus for `npm run bench`: Markdown articles with YAML front
 * matter, English text drawn from a Zipf-distributed vocabulary (common words in most articles,
 * a long tail of pseudo-words in few), about 5% German, 3% Chinese and 1% French, and a few
 * planted needles whose exact article counts are known in advance (see `PLANTED`).
 *
 * Every article depends only on (seed, index), so the first 2,000 articles of a 100,000-article
 * corpus are the same 2,000 articles a smaller run produces, and an article can be rebuilt alone.
 * Language and planted facts come from hashes of (seed, index) independent of the body's random
 * stream, so `plantedArticleCount` knows how many articles hold each fact without writing them.
 */
import type { Library } from '../src/main/library/open-library'

/** A generated article: the file name and the Markdown document. */
export interface SyntheticArticle {
  name: string
  markdown: string
}

/** Languages the generator writes. */
export type SyntheticLang = 'en' | 'de' | 'zh' | 'fr'

type Rng = () => number

/** mulberry32: small, fast, good enough for synthetic text. Returns floats in [0, 1). */
function mulberry32(seed: number): Rng {
  let a = seed | 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** murmur3-style mixing of a few integers into one 32-bit hash. */
function hash32(...parts: number[]): number {
  let h = 0x9e3779b9
  for (const p of parts) {
    h = Math.imul(h ^ Math.imul(p | 0, 0xcc9e2d51), 0x1b873593)
    h ^= h >>> 13
    h = Math.imul(h, 0x85ebca6b)
    h ^= h >>> 16
  }
  return h >>> 0
}

/** A uniform [0, 1) value for one decision about one article, independent of its body. */
function decide(seed: number, index: number, salt: number): number {
  return hash32(seed, index, salt, 0x51ed) / 4294967296
}

const at = <T>(list: readonly T[], i: number): T => list[i] as T
const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T
/** Zipf-like (log-uniform rank) pick: item k has probability about 1 / (k · ln n). */
const zipf = <T>(r: Rng, list: readonly T[]): T =>
  list[Math.floor(Math.exp(r() * Math.log(list.length + 1))) - 1] as T
const split = (s: string): string[] => s.split(/\s+/).filter(Boolean)
const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1)
const between = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1))

// ---------------------------------------------------------------------------------------------
// Word lists

/** Most frequent English words, roughly in frequency order (ranks 1..). */
const EN_COMMON = split(`
the of and to a in that is was for it on said with as he by at his be from are this have or
an they which not one you were her all she there would their we him been has when who will more
no if out so what up its about into than them can only people other new some could year time
these two government may then do first any my now such like our over even most made after also
did many before must through back years where much your way well down should because each just
those how too little state good very make world still own see men work long here get both
between life being under never day same another know while last might us great old off come
since against go came right used take three percent
`)

/** General news vocabulary (no words the topics or queries need to control). */
const EN_NEWS = split(`
city country report public week month president minister officials spokesperson according
including million billion group market money business service system program policy local
national support plan issue data information research study school family community water
power police court law case decision members leaders council agency department office statement
interview analysis evidence experts number level cost price value budget tax fund bank job
workers industry companies customers users online digital media news reporters press social
history future change region area street building road car train airport border security
deal talks meeting vote party leader opposition critics supporters residents neighbors children
parents students teachers women food energy oil gas electricity home house housing rent
development project plans team season game match players coach fans club league record film
music book art show festival museum series director actor artist writer author central small
large major former senior general chief executive board director chairman manager staff union
strike protest crisis risk problem question answer reason result effect impact response
pressure growth decline increase drop rise share shares stock stocks investors trade exports
imports deficit debt loan loans savings spending revenue profit losses sales earnings quarter
billionaire startup software hardware network internet website platform phone phones app apps
computer computers chip chips device devices battery batteries science scientists university
hospital doctors patients disease virus vaccine treatment care insurance medicine drug drugs
trial prison judge lawyers lawsuit ruling rights freedom justice crime victims attack attacks
military army troops war peace ceasefire treaty allies sanctions embassy foreign domestic
capital coast island river mountain forest farm farmers village town towns cities countries
morning evening night weekend today yesterday tomorrow early late recent current annual daily
monthly weekly important possible likely available different difficult clear strong weak
higher lower bigger smaller better worse best worst biggest largest latest further however
although despite during across around within without toward among behind beyond instead
nearly almost already often sometimes always rarely again later soon once twice
`)

interface Topic {
  tag: string
  words: string[]
  /** `words`, each with a leading space (see `sentence`). */
  spaced: string[]
  phrases: string[]
  tags: string[]
  tech?: boolean
}

const topic = (tag: string, words: string, phrases: string[], tags: string, tech = false) => ({
  tag,
  words: split(words),
  spaced: split(words).map((w) => ` ${w}`),
  phrases,
  tags: split(tags),
  tech,
})

/** Topics: each article has one primary and one secondary; their words and tags go together. */
const TOPICS: Topic[] = [
  topic(
    'economy',
    `inflation economy prices economists recession wages unemployment tariffs deflation
    inflationary consumers mortgage currency inflated forecast productivity stimulus`,
    ['interest rates', 'central bank', 'consumer prices', 'labor market', 'supply chain'],
    `markets inflation jobs trade banking central-banks recession taxes wages housing-market
    commodities currencies`,
  ),
  topic(
    'climate',
    `climate weather emissions carbon warming drought flooding temperatures glaciers heatwave
    wildfires renewable rainfall storms sea-level adaptation biodiversity`,
    ['climate change', 'extreme weather', 'carbon emissions', 'climate policy', 'net zero'],
    `environment weather emissions wildfires oceans biodiversity cop-summits adaptation
    extreme-weather carbon-markets drought`,
  ),
  topic(
    'politics',
    `election elections voters parliament campaign ballot candidate candidates coalition senate
    polls lawmakers referendum constituency mandate governor incumbent`,
    ['election campaign', 'opinion polls', 'prime minister', 'general election'],
    `elections parliament congress eu-politics us-politics uk-politics germany france
    local-politics polling democracy populism`,
  ),
  topic(
    'technology',
    `smartphone encryption semiconductor broadband cloud browser software cybersecurity
    processor operating firmware bandwidth satellite robotics open-source developer`,
    ['open source', 'data centre', 'operating system', 'cloud computing'],
    `tech gadgets smartphones software open-source programming semiconductors cloud
    cybersecurity privacy internet telecoms`,
    true,
  ),
  topic(
    'ai',
    `algorithm models chatbot neural training inference automation dataset benchmark
    transformer robots copyright hallucinations alignment regulation`,
    ['artificial intelligence', 'machine learning', 'language models', 'neural networks'],
    `artificial-intelligence machine-learning llm chatbots robotics automation ai-policy
    deep-learning data-science ethics`,
    true,
  ),
  topic(
    'science',
    `physics astronomy telescope genome species fossils laboratory experiment molecules
    particles galaxy quantum evolution researchers peer-reviewed microscope`,
    ['space station', 'black hole', 'scientific journal', 'gene editing'],
    `space astronomy physics biology genetics chemistry research archaeology nature
    oceanography mathematics`,
  ),
  topic(
    'health',
    `pandemic vaccines infections hospitals nurses cancer diabetes obesity therapy symptoms
    outbreak clinics surgeons mental nutrition epidemic`,
    ['public health', 'health care', 'mental health', 'clinical trial'],
    `medicine public-health covid-19 mental-health nutrition fitness healthcare
    pharmaceuticals vaccines ageing`,
  ),
  topic(
    'sports',
    `championship tournament goals striker midfielder stadium olympics medal marathon
    playoffs quarterback transfer referee penalty semifinal`,
    ['world cup', 'transfer window', 'final whistle', 'olympic games'],
    `football soccer tennis cricket cycling athletics formula-1 basketball olympics rugby
    golf`,
  ),
  topic(
    'culture',
    `novel album exhibition theatre cinema premiere orchestra gallery poetry streaming
    documentary painter bestseller festival critics opera`,
    ['box office', 'film festival', 'art fair', 'literary prize'],
    `arts books film music theatre television design architecture photography fashion food`,
  ),
  topic(
    'business',
    `merger acquisition shareholders startup founders layoffs revenue profits retailer
    franchise ipo valuation conglomerate logistics manufacturing venture`,
    ['chief executive', 'venture capital', 'quarterly results', 'stock market'],
    `companies startups retail media-business autos aviation shipping agriculture
    real-estate venture-capital earnings`,
  ),
  topic(
    'world',
    `diplomats refugees border summit ceasefire sanctions embassy humanitarian migrants
    negotiations conflict insurgents peacekeepers occupation aid`,
    ['united nations', 'foreign minister', 'peace talks', 'humanitarian aid'],
    `world europe asia africa middle-east latin-america china india russia ukraine
    united-nations migration`,
  ),
  topic(
    'security',
    `hackers ransomware breach malware espionage surveillance intelligence phishing
    vulnerability encryption passwords botnet spyware leak`,
    ['data breach', 'national security', 'zero day', 'password manager'],
    `security hacking surveillance espionage defence crime terrorism data-protection`,
    true,
  ),
  topic(
    'energy',
    `solar turbines pipeline nuclear reactor grid hydrogen coal lithium refinery batteries
    electricity utilities offshore fracking`,
    ['wind power', 'energy prices', 'nuclear power', 'power grid'],
    `energy oil-and-gas renewables nuclear electric-vehicles batteries utilities mining`,
  ),
  topic(
    'education',
    `pupils curriculum teachers tuition exams classrooms universities graduates scholarship
    literacy kindergarten lecturers campus enrolment homework`,
    ['higher education', 'student loans', 'school year', 'online learning'],
    `education schools universities students teachers childcare science-policy`,
  ),
]

/** Tags outside the topics, so the pool is about 200. */
const MISC_TAGS = split(`
analysis opinion interview long-read explainer breaking live obituary review podcast video
newsletter weekend investigation data-journalism fact-check photography travel history
letters editorial local science-fiction good-news how-to factbox profiles q-and-a timeline
maps charts satire correction sponsored press-release wire exclusive live-blog roundup archive
translated reader-questions guides deals weekend-reads
`)

/** The planted tag (mixed case and a hyphen, to exercise tag normalisation). */
const AI_TAG = 'AI-generated'

/** The whole tag pool (about 200 distinct tags). */
export const TAG_POOL: readonly string[] = [
  ...new Set([...TOPICS.flatMap((t) => [t.tag, ...t.tags]), ...MISC_TAGS, AI_TAG]),
]

const FIRST_NAMES = split(`
Anna Ben Clara David Elena Farid Grace Hannah Ivan Julia Kenji Laura Marco Nadia Oliver Priya
Quentin Rosa Samuel Tara Umar Vera William Xin Yusuf Zoe Amara Bruno Chloe Dmitri Esther Felix
Gabriela Hugo Ines Jonas Katrin Leon Mei Noor Pablo Sofia Tobias Wei Lena Aisha Mateo Jakob
`)
const LAST_NAMES = split(`
Smith Müller Garcia Chen Okafor Rossi Novak Kowalski Schmidt Dubois Tanaka Silva Johansson
Hughes Becker Martin Ahmed Patel Kim Nguyen Fischer Moreau Costa Jensen Weber Bauer Ivanova
Lopez Brown Wilson Schneider Hoffmann Lefèvre Wagner Zhang Wang Li O'Brien Murphy Singh
`)
const SOURCES: [string, string][] = [
  ['The Daily Ledger', 'dailyledger.com'],
  ['Morning Courier', 'morningcourier.net'],
  ['Harbour Times', 'harbourtimes.co.uk'],
  ['The Civic Post', 'civicpost.org'],
  ['Northern Wire', 'northernwire.com'],
  ['Metro Gazette', 'metrogazette.com'],
  ['Tech Dispatch', 'techdispatch.io'],
  ['Climate Desk', 'climatedesk.org'],
  ['Market Monitor', 'marketmonitor.com'],
  ['Rundschau am Morgen', 'rundschau-am-morgen.de'],
  ['Der Stadtanzeiger', 'stadtanzeiger.de'],
  ['Le Petit Quotidien', 'petitquotidien.fr'],
  ['新华日报', 'xinhuaribao.cn'],
  ['Pacific Review', 'pacificreview.com'],
  ['Field Notes Weekly', 'fieldnotes.news'],
]

const DE_COMMON = split(`
der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an
werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war
haben nur oder aber vor zur bis mehr durch man sein wurde sei Prozent Jahr Jahren heute sagte
können müssen soll sollen gibt ihre seine unsere diese dieser dieses schon sehr hier dort immer
wieder zwischen während gegen ohne unter neue neuen ersten großen groß außerdem weiß heißt
schließlich Straße Größe Maßnahmen Fußball Menschen Regierung Stadt Land Unternehmen
`)
const DE_NOUNS = split(`
Bundesregierung Bundestag Kanzler Ministerin Wirtschaft Länder Polizei Gericht Gesetz
Entscheidung Klimaschutz Energiewende Strompreise Mieten Wohnungen Schule Kinder Eltern
Krankenhaus Gesundheit Forschung Wissenschaft Universität Studie Daten Datenschutz Internet
Digitalisierung Verkehr Bahn Straßenbahn Autobahn Fahrrad Umwelt Wetter Hochwasser Dürre
Landwirtschaft Bürgermeister Gemeinderat Öffentlichkeit Mehrwertsteuer Haushalt Arbeitsmarkt
Arbeitslosigkeit Rente Fachkräftemangel Bundesländer Landesregierung Oberlandesgericht
Verwaltungsgericht Bundesgerichtshof Außenministerium Umweltbundesamt Bundesnetzagentur
Verbraucherzentrale Weltmeisterschaft Nationalmannschaft Bundesliga Trainer Spieler Mannschaft
Theater Ausstellung Kunstmuseum Geschwindigkeitsbegrenzung Donaudampfschifffahrt
Kraftfahrzeughaftpflichtversicherung Datenschutzgrundverordnung Grundsicherung Bürgergeld
Heizungsgesetz Wärmepumpe Solaranlage Windkraftanlage Netzausbau Stromtrasse Bürgerinitiative
`)
const DE_STEMS = split(`
Wirtschafts Arbeits Gesundheits Verkehrs Umwelt Energie Klima Bildungs Sicherheits Wohnungs
Steuer Finanz Haushalts Bundes Landes Stadt Gemeinde Bürger Kinder Schul Kranken Renten Daten
Netz Strom Wasser Wärme Forschungs Hochschul Sport Kultur Medien Polizei Justiz Handels
Industrie Agrar Lebensmittel Verbraucher Mieter Fahrrad Bahn Flughafen Hafen Grenz Außen Innen
Sozial Familien Jugend Straßen Gebäude Müll Digital
`)
const DE_HEADS = split(`
gesetz ministerium politik reform behörde amt verband ausschuss konferenz programm förderung
versicherung verordnung bericht markt preise krise wende plan strategie vertrag kommission
anlage steuer abgabe zuschlag kosten mangel schutz verwaltung dienst leistung gipfel beirat
`)
const DE_PLANT_KAMERA = split(
  'Videokamera Überwachungskamera Kamerafrau Kameramann Wärmebildkamera Kamerateam',
)

const FR_WORDS = split(`
de la le et les des à en un une du est que pour qui dans par sur pas plus au ne se il elle ce
avec sont son sa ses été être fait très où après déjà même aussi entre leur nous vous mais ou
donc comme tout tous depuis pendant sans sous contre selon chez ans année gouvernement
président ministre pays ville société économie politique première premier français française
européenne marché prix entreprise entreprises travail emploi santé hôpital école université
étudiants enseignants réforme député assemblée région département commune maire journée
semaine mois siècle problème système développement sécurité énergie électricité réseau données
numérique théâtre cinéma musée hiver août décembre février bientôt côté coût intérêt lycée
collège enquête témoignage préfecture grève retraites bibliothèque quartier forêt cœur naïf
`)

/** Characters of the planted Chinese phrases; the ordinary Chinese vocabulary avoids them all. */
const ZH_PLANTED = ['人工智能', '机器学习', '气候变化'] as const
const ZH_FORBIDDEN = new Set([...ZH_PLANTED.join('')])
const ZH_WORDS = split(`
我们 政府 经济 发展 国家 今天 市场 公司 城市 报道 新闻 记者 表示 数据 研究 社会 问题 中国 世界
美国 欧洲 银行 政策 投资 增长 地区 部门 企业 科技 网络 电影 教育 医院 健康 环境 交通 北京 上海
专家 认为 目前 已经 可以 没有 这个 一个 进行 通过 关于 由于 因为 所以 但是 而且 如果 虽然 同时
此外 其中 计划 项目 服务 管理 安全 质量 价格 消费 生产 建设 改革 开放 合作 国际 全球 领域 平台
产品 用户 软件 芯片 手段 方式 情况 结果 影响 作用 措施 标准 要求 提高 加强 推动 支持 实现 提供
保护 增加 减少 继续 开始 完成 决定 选择 成为 出现 发现 需要 希望 指出 强调 介绍 相关 重要 主要
基本 明显 积极 有效 大量 部分 整体 农村 居民 家庭 儿童 老人 学校 大学 医生 病人 疫苗 足球 比赛
运动 音乐 艺术 旅游 文物 博物馆 展览 铁路 航空 汽车 电池 太阳 风电 电力 石油 天然 海洋 河流
森林 土地 城镇 省份 首都 法院 法律 警方 调查 报告 会议 代表 总统 总理 部长 议会 选举 外交 和平
`).filter((w) => ![...w].some((ch) => ZH_FORBIDDEN.has(ch)))

/** Pseudo-words must never contain a planted needle or a query's controlled word. */
const RESERVED = split(
  'kamera zyxwvut cafe eleve verfassungsge infla climat weather recession election econom',
)
const isReserved = (w: string): boolean => {
  const folded = w
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
  return RESERVED.some((r) => folded.includes(r))
}

// ---------------------------------------------------------------------------------------------
// Planted facts

/** Article indices that hold `zyxwvut`: exactly 10 below 100,000, two of them below 2,000. */
const ZYXWVUT_INDICES = [137, 1_371, 9_001, 17_389, 28_411, 41_203, 55_555, 68_123, 79_999, 93_456]

const LANG_SALT = 1
const SALTS = { kamera: 2, verfassungsgericht: 3, ki: 4, ml: 5, qh: 6, cafe: 7, eleve: 8, ai: 9 }

/**
 * The planted facts: the text, where it goes, `rate` (expected share of all articles) and
 * `byLang` (the chance per article of that language). `languages` are the language shares.
 * Exact counts for a corpus size come from `plantedArticleCount`. The generator's ordinary
 * vocabulary never produces any of these texts, so a search for one finds exactly the planted
 * articles (`kamera` only inside compounds; `cafe` only as "café").
 */
export const PLANTED = {
  languages: { de: 0.05, zh: 0.03, fr: 0.01, en: 0.91 },
  zyxwvut: {
    text: 'zyxwvut',
    where: 'body, any language',
    rate: 10 / 100_000,
    indices: ZYXWVUT_INDICES,
    note: 'exactly 10 articles in a 100,000-article corpus (2 in the first 2,000)',
  },
  kamera: {
    text: 'kamera',
    where: `only inside compounds (${DE_PLANT_KAMERA.join(', ')}); never a word of its own`,
    rate: 0.01,
    byLang: { de: 0.1, other: 0.005 / 0.95 },
  },
  verfassungsgericht: {
    text: 'Bundesverfassungsgericht',
    substring13: 'verfassungsge',
    where: 'German articles only; the only word containing "verfassungsge"',
    rate: 0.05 * 0.3,
    byLang: { de: 0.3 },
  },
  rengongzhineng: {
    text: '人工智能',
    where: 'Chinese articles',
    rate: 0.03 * 0.4,
    byLang: { zh: 0.4 },
  },
  jiqixuexi: { text: '机器学习', where: 'Chinese articles', rate: 0.03 * 0.2, byLang: { zh: 0.2 } },
  qihoubianhua: {
    text: '气候变化',
    where: 'Chinese articles',
    rate: 0.03 * 0.3,
    byLang: { zh: 0.3 },
  },
  cafe: {
    text: 'café',
    where: 'French articles and a few English ones; the unaccented "cafe" never appears',
    rate: 0.01 * 0.6 + 0.91 * 0.004,
    byLang: { fr: 0.6, en: 0.004 },
  },
  eleve: { text: 'élève', where: 'French articles', rate: 0.01 * 0.5, byLang: { fr: 0.5 } },
  aiGeneratedTag: { text: AI_TAG, where: 'front matter tags', rate: 0.03 },
} as const

/** A planted fact that `plantedArticleCount` can count. */
export type PlantedKey = Exclude<keyof typeof PLANTED, 'languages'>

/** What the generator decided for one article before writing it (language and planted facts). */
export interface ArticlePlan {
  lang: SyntheticLang
  facts: Set<PlantedKey>
}

/** The language and planted facts of article `index`, without generating its text. */
export function articlePlan(index: number, seed = 42): ArticlePlan {
  const { languages: share, kamera, verfassungsgericht, cafe } = PLANTED
  const u = decide(seed, index, LANG_SALT)
  const lang: SyntheticLang =
    u < share.de
      ? 'de'
      : u < share.de + share.zh
        ? 'zh'
        : u < share.de + share.zh + share.fr
          ? 'fr'
          : 'en'
  const facts = new Set<PlantedKey>()
  const d = (salt: number, rate: number) => decide(seed, index, salt) < rate
  const zh = lang === 'zh'
  if (ZYXWVUT_INDICES.includes(index)) facts.add('zyxwvut')
  if (d(SALTS.kamera, lang === 'de' ? kamera.byLang.de : kamera.byLang.other)) facts.add('kamera')
  if (lang === 'de' && d(SALTS.verfassungsgericht, verfassungsgericht.byLang.de)) {
    facts.add('verfassungsgericht')
  }
  if (zh && d(SALTS.ki, PLANTED.rengongzhineng.byLang.zh)) facts.add('rengongzhineng')
  if (zh && d(SALTS.ml, PLANTED.jiqixuexi.byLang.zh)) facts.add('jiqixuexi')
  if (zh && d(SALTS.qh, PLANTED.qihoubianhua.byLang.zh)) facts.add('qihoubianhua')
  const cafeRate = lang === 'fr' ? cafe.byLang.fr : lang === 'en' ? cafe.byLang.en : 0
  if (d(SALTS.cafe, cafeRate)) facts.add('cafe')
  if (lang === 'fr' && d(SALTS.eleve, PLANTED.eleve.byLang.fr)) facts.add('eleve')
  if (d(SALTS.ai, PLANTED.aiGeneratedTag.rate)) facts.add('aiGeneratedTag')
  return { lang, facts }
}

/** How many of the first `count` articles hold planted fact `key` (exact, no text generated). */
export function plantedArticleCount(key: PlantedKey, count: number, seed = 42): number {
  let n = 0
  for (let i = 0; i < count; i++) if (articlePlan(i, seed).facts.has(key)) n++
  return n
}

/**
 * Library state for article `index` (not part of the document): 30% unread, 5% starred. The
 * bench applies it after import so `is:unread` / `is:starred` queries have known inputs.
 */
export function syntheticLibraryState(
  index: number,
  seed = 42,
): { read: boolean; starred: boolean } {
  return { read: decide(seed, index, 101) >= 0.3, starred: decide(seed, index, 102) < 0.05 }
}

/**
 * Give the first `count` articles of an imported synthetic library (ids 1…count, in corpus
 * order) their `syntheticLibraryState`, then let SQLite refresh its statistics.
 */
export function applySyntheticLibraryState(lib: Library, count: number, seed = 42): void {
  lib.transaction(() => {
    const set = lib.db.prepare('UPDATE articles SET read = ?, starred = ? WHERE id = ?')
    for (let i = 0; i < count; i++) {
      const s = syntheticLibraryState(i, seed)
      set.run(s.read ? 1 : 0, s.starred ? 1 : 0, i + 1)
    }
  })
  lib.db.pragma('optimize')
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (built once per seed)

/**
 * One language's words by rank (Zipf: rank k is drawn with probability about 1 / (k ln V)).
 *
 * Most of the generator's time goes into handling one string piece per word, so the frequent
 * words ("head": the first 3,000 ranks) are also pre-joined into a pool of 65,536 three-word
 * runs. A plain slot is either such a run (probability `runShare`) or one tail word, with
 * `runShare` chosen so that the head keeps its Zipf share of all words. Tail words, the ones
 * whose rarity matters to search, are still drawn one by one. The cost: sequences of common
 * words repeat across articles, which no benchmark query depends on.
 */
interface LangVocab {
  words: string[]
  /** `words`, each with a leading space. */
  spaced: string[]
  lnV: number
  /** ln(head size + 1) / ln V: the share of all words that are head words. */
  headShare: number
  /** Capitalised words, filled in as sentences start with them. */
  capped: (string | undefined)[]
  /** Pre-joined runs of three head words, each with a leading space. */
  runs: string[]
  runShare: number
}

type Vocab = Record<SyntheticLang, LangVocab>

/**
 * A flat copy of `s`. Strings built with `+` are rope nodes in V8; vocabulary strings are copied
 * into articles about 100 million times, so they are made flat once.
 */
const flat = (s: string): string => Buffer.from(s).toString()

const HEAD = 3_000
const RUNS = 1 << 16

function langVocab(r: Rng, words: string[], sep: string): LangVocab {
  const lnV = Math.log(words.length + 1)
  const head = Math.min(HEAD, Math.floor(words.length / 2))
  const lnHead = Math.log(head + 1)
  const headShare = lnHead / lnV
  const headWord = () => words[Math.floor(Math.exp(r() * lnHead)) - 1] as string
  const runs: string[] = []
  for (let k = 0; k < RUNS; k++)
    runs.push(flat(sep + headWord() + sep + headWord() + sep + headWord()))
  return {
    words: words.map(flat),
    spaced: words.map((w) => flat(sep + w)),
    capped: [],
    lnV,
    headShare,
    runs,
    // Per slot: 3 head words with probability q, else 1 tail word; 3q / (1 + 2q) = headShare.
    runShare: headShare / (3 - 2 * headShare),
  }
}

const EN_ONSETS = split('b br c ch d dr f fl g gr h j k l m n p pl pr r s sh st t th tr v w z')
const EN_VOWELS = split('a e i o u a e i o a e y ea ou')
const EN_CODAS = ['', '', '', '', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ng', 'ck', 'x']
const EN_SUFFIXES = split('tion ment er ers ing ed ly al ic s s')
const DE_SYLLABLES = split(
  'ber gen stau lich ung keit heit wär müh schl öff üb ra ße fen wald burg dorf',
)
const FR_SYLLABLES = split('ré té ç eau oi ain ê è ette eur ière ment on pl gr ch')

/** Pseudo-words after the real ones, rarer ones longer, unique and free of reserved strings. */
function pseudoWords(
  r: Rng,
  taken: Set<string>,
  n: number,
  make: (rank: number) => string,
): string[] {
  const out: string[] = []
  while (out.length < n) {
    const w = make(out.length)
    if (w.length < 2 || taken.has(w) || isReserved(w)) continue
    taken.add(w)
    out.push(w)
  }
  return out
}

/** Size of the English pseudo-word tail (the rarest appear in a few dozen of 100,000 articles). */
const EN_PSEUDO = 300_000

const vocabCache = new Map<number, Vocab>()

function vocabulary(seed: number): Vocab {
  const cached = vocabCache.get(seed)
  if (cached) return cached
  const r = mulberry32(hash32(seed, 0xb0ca))
  const taken = new Set<string>([...EN_COMMON, ...EN_NEWS, ...TOPICS.flatMap((t) => t.words)])
  const enSyllable = () => pick(r, EN_ONSETS) + pick(r, EN_VOWELS)
  const en = [
    ...new Set([...EN_COMMON, ...EN_NEWS]),
    ...pseudoWords(r, taken, EN_PSEUDO, (rank) => {
      const syl = rank < 3_000 ? (r() < 0.6 ? 1 : 2) : rank < 150_000 || r() < 0.7 ? 2 : 3
      let w = ''
      for (let k = 0; k < syl; k++) w += enSyllable()
      w += pick(r, EN_CODAS)
      return r() < 0.2 ? w + pick(r, EN_SUFFIXES) : w
    }),
  ]
  const compounds: string[] = []
  for (const stem of DE_STEMS) for (const head of DE_HEADS) compounds.push(stem + head)
  const de = [
    ...DE_COMMON,
    ...DE_NOUNS,
    ...shuffle(r, compounds).filter((w) => !isReserved(w)),
    ...pseudoWords(r, taken, 20_000, () => {
      let w = pick(r, EN_ONSETS) + pick(r, EN_VOWELS) + pick(r, DE_SYLLABLES)
      if (r() < 0.5) w += pick(r, DE_SYLLABLES)
      return r() < 0.4 ? cap(w) : w
    }),
  ]
  const fr = [
    ...FR_WORDS,
    ...pseudoWords(
      r,
      taken,
      5_000,
      () => pick(r, EN_ONSETS) + pick(r, FR_SYLLABLES) + pick(r, EN_VOWELS) + pick(r, FR_SYLLABLES),
    ),
  ]
  const zhChars = [...new Set(ZH_WORDS.join(''))]
  const zh = [
    ...ZH_WORDS,
    ...pseudoWords(r, taken, 3_000, () => pick(r, zhChars) + pick(r, zhChars)),
  ]
  const vocab = {
    en: langVocab(r, en, ' '),
    de: langVocab(r, de, ' '),
    fr: langVocab(r, fr, ' '),
    zh: langVocab(r, zh, ''),
  }
  vocabCache.set(seed, vocab)
  return vocab
}

function shuffle<T>(r: Rng, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[list[i], list[j]] = [list[j] as T, list[i] as T]
  }
  return list
}

/** The English word at `rank` (0 = most frequent) in the seed's vocabulary. */
export function englishWordAtRank(rank: number, seed = 42): string {
  return at(vocabulary(seed).en.words, rank)
}

// ---------------------------------------------------------------------------------------------
// Writing one article

interface Ctx {
  r: Rng
  v: Vocab
  lang: SyntheticLang
  t1: Topic
  t2: Topic
  /** The article language's vocabulary. */
  lv: LangVocab
  /** Words written so far (CJK: dictionary words, about two characters each). */
  words: number
  footnotes: string[]
  /** The body so far, in pieces joined once at the end. */
  out: string[]
}

const ZH_NAMES = split('王伟 李娜 张静 刘洋 陈杰 杨帆 赵敏 黄磊 周婷 吴昊')
const LEN_MEDIAN = 710
const LEN_SIGMA = 0.62
const DAY_MS = 86_400_000
const DATE_FROM = Date.UTC(2015, 0, 1)
const DATE_DAYS = (Date.UTC(2026, 11, 31) - DATE_FROM) / DAY_MS

function nextWord(c: Ctx): string {
  if (c.lang === 'en') {
    const x = c.r()
    if (x < 0.04) return zipf(c.r, c.t1.words)
    if (x < 0.055) return zipf(c.r, c.t2.words)
  }
  return plainWord(c)
}

const person = (c: Ctx): string =>
  c.lang === 'zh' ? pick(c.r, ZH_NAMES) : `${pick(c.r, FIRST_NAMES)} ${pick(c.r, LAST_NAMES)}`

function url(c: Ctx, words: string[], domain = pick(c.r, SOURCES)[1]): string {
  const slug = words
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return `https://www.${domain}/${2015 + Math.floor(c.r() * 12)}/${slug || Math.floor(c.r() * 1e6)}`
}

function hex(r: Rng, chars: number): string {
  let s = ''
  while (s.length < chars) s += ((r() * 4294967296) >>> 0).toString(16).padStart(8, '0')
  return s.slice(0, chars)
}

/** One word from the article language's vocabulary (the full Zipf distribution). */
function plainWord(c: Ctx): string {
  return c.lv.words[Math.floor(Math.exp(c.r() * c.lv.lnV)) - 1] as string
}

/**
 * One plain slot of a sentence, with its leading space: three head words or one tail word (see
 * `LangVocab`). One random number decides both which and what.
 */
function slot(c: Ctx): string {
  const lv = c.lv
  const q = lv.runShare
  const x = c.r()
  if (x < q) {
    c.words += 3
    return lv.runs[Math.floor((x / q) * RUNS)] as string
  }
  c.words += 1
  const u = lv.headShare + ((x - q) / (1 - q)) * (1 - lv.headShare)
  return lv.spaced[Math.floor(Math.exp(u * lv.lnV)) - 1] as string
}

function zhSentence(c: Ctx, needle?: string): void {
  const r = c.r
  const out = c.out
  const n = 4 + Math.floor(r() * 10)
  // Latin needles get spaces so they stay words of their own (as Chinese writers often do).
  const needleAt = needle ? 1 + Math.floor(r() * (n - 1)) : -1
  const extra = needle && !/\p{Script=Han}/u.test(needle) ? ` ${needle} ` : needle
  out.push(plainWord(c))
  for (let k = 1; k < n; k++) {
    if (k === needleAt && extra) out.push(extra)
    out.push(slot(c))
    const y = r()
    if (y < 0.12 && k < n - 1) out.push('，')
    else if (y < 0.14) out.push(`${2000 + Math.floor(r() * 27)}年`)
  }
  out.push('。')
}

/**
 * One sentence with light inline Markdown, appended to `c.out`. `needle` (if any) goes in plain
 * and never first, so its case survives. This is the generator's hot loop (about 90 million
 * words for the full corpus): each slot is one array push and the article is joined once, which
 * allocates less than building strings with `+`.
 */
function sentence(c: Ctx, needle?: string): void {
  if (c.lang === 'zh') return zhSentence(c, needle)
  const r = c.r
  const out = c.out
  const en = c.lang === 'en'
  const n = 3 + Math.floor(r() * 12)
  const phraseAt = en && r() < 0.07 ? 1 + Math.floor(r() * (n - 1)) : -1
  const linkAt = r() < 0.035 ? 1 + Math.floor(r() * (n - 1)) : -1
  const needleAt = needle ? 1 + Math.floor(r() * (n - 1)) : -1
  const first = Math.floor(Math.exp(r() * c.lv.lnV)) - 1
  out.push((c.lv.capped[first] ??= cap(c.lv.words[first] as string)))
  c.words += 1
  for (let k = 1; k < n; k++) {
    if (k === phraseAt) out.push(` ${pick(r, r() < 0.75 ? c.t1.phrases : c.t2.phrases)}`)
    if (k === needleAt) out.push(` ${needle}`)
    if (k === linkAt) {
      const anchor = [plainWord(c), plainWord(c)]
      out.push(` [${anchor.join(' ')}](${url(c, anchor)})`)
      c.words += 2
      continue
    }
    const y = r()
    if (y >= 0.145) out.push(slot(c))
    else if (y < 0.055) {
      out.push(slot(c))
      if (k < n - 1) out.push(',')
    } else {
      c.words += 1
      if (y < 0.07) out.push(` ${Math.floor(r() * (r() < 0.6 ? 100 : 100_000))}`)
      else if (y < 0.08) out.push(` *${plainWord(c)}*`)
      else if (y < 0.085) out.push(` **${plainWord(c)}**`)
      else if (y < 0.09 && c.t1.tech) out.push(` \`${plainWord(c)}()\``)
      else if (y < 0.09 || !en) out.push(` ${plainWord(c)}`)
      else if (y < 0.13) out.push(zipf(r, c.t1.spaced))
      else out.push(zipf(r, c.t2.spaced))
    }
  }
  const end = r()
  if (en && end < 0.05) out.push(`, said ${person(c)}.`)
  else out.push(end < 0.92 ? '.' : end < 0.97 ? '?' : '!')
}

/** A paragraph of 2–7 sentences appended to `c.out`, sometimes with a footnote reference. */
function paragraph(c: Ctx, needle?: string): void {
  const n = 2 + Math.floor(c.r() * 6)
  const needleAt = needle ? Math.floor(c.r() * n) : -1
  for (let k = 0; k < n; k++) {
    if (k > 0 && c.lang !== 'zh') c.out.push(' ')
    sentence(c, k === needleAt ? needle : undefined)
  }
  if (c.r() < 0.01) {
    const out = c.out
    c.out = []
    sentence(c)
    c.footnotes.push(c.out.join(''))
    c.out = out
    out.push(`[^${c.footnotes.length}]`)
  }
}

function phraseWords(c: Ctx, lo: number, hi: number): string[] {
  const n = between(c.r, lo, hi)
  const out: string[] = []
  for (let k = 0; k < n; k++) out.push(nextWord(c))
  c.words += n
  return out
}

function heading(c: Ctx): string {
  const words = phraseWords(c, c.lang === 'zh' ? 3 : 2, 7)
  const text = c.lang === 'zh' ? words.join('') : cap(words.join(' '))
  return `${c.r() < 0.8 ? '##' : '###'} ${text}`
}

function list(c: Ctx): string {
  const n = between(c.r, 3, 7)
  const kind = c.r()
  const items: string[] = []
  for (let k = 0; k < n; k++) {
    const words = phraseWords(c, 2, 12)
    const text = c.lang === 'zh' ? words.join('') : cap(words.join(' '))
    const marker = kind < 0.7 ? '-' : kind < 0.9 ? `${k + 1}.` : `- [${c.r() < 0.5 ? 'x' : ' '}]`
    items.push(`${marker} ${text}`)
  }
  return items.join('\n')
}

function codeBlock(c: Ctx): string {
  const r = c.r
  const id = () => zipf(r, c.v.en.words).replace(/[^a-z]/g, '') || 'value'
  const n = () => Math.floor(r() * 1000)
  const lang = pick(r, ['js', 'python', 'sql', 'bash', 'json', 'ts'])
  const lines: string[] = []
  for (let k = between(r, 3, 16); k > 0; k--) {
    if (lang === 'python')
      lines.push(r() < 0.3 ? `def ${id()}_${id()}(${id()}):` : `    ${id()} = ${id()}(${n()})`)
    else if (lang === 'sql')
      lines.push(`SELECT ${id()}, count(*) FROM ${id()} WHERE ${id()} > ${n()} GROUP BY 1;`)
    else if (lang === 'bash') lines.push(`${id()} --${id()} ${n()} | grep -i ${id()}`)
    else if (lang === 'json') lines.push(`  "${id()}": ${r() < 0.5 ? n() : `"${id()}"`},`)
    else lines.push(`const ${id()}${cap(id())} = await ${id()}(${n()}, '${id()}')`)
  }
  c.words += lines.length * 4
  return `\`\`\`${lang}\n${lines.join('\n')}\n\`\`\``
}

function table(c: Ctx): string {
  const cols = between(c.r, 3, 5)
  const rows = between(c.r, 3, 8)
  const header = phraseWords(c, cols, cols).map(cap)
  const out = [`| ${header.join(' | ')} |`, `| --- |${' ---: |'.repeat(cols - 1)}`]
  for (let k = 0; k < rows; k++) {
    const cells = [cap(phraseWords(c, 1, 1).join(''))]
    for (let j = 1; j < cols; j++) cells.push((c.r() * 1000).toFixed(1))
    out.push(`| ${cells.join(' | ')} |`)
  }
  c.words += rows * cols
  return out.join('\n')
}

function image(c: Ctx): string {
  const alt = phraseWords(c, 2, 6).join(c.lang === 'zh' ? '' : ' ')
  return `![${alt}](assets/${hex(c.r, 64)}.${pick(c.r, ['jpg', 'png', 'webp'])})`
}

/**
 * The body, appended to `c.out` block by block until about `target` words. Each needle gets a
 * paragraph of its own at a random point (its word threshold), never in the lead.
 */
function body(c: Ctx, target: number, needles: string[]): void {
  const r = c.r
  const out = c.out
  const planted = needles
    .map((needle) => ({ needle, at: Math.floor(r() * target) }))
    .sort((a, b) => a.at - b.at)
  paragraph(c)
  let sinceHeading = 1
  let next = 0
  const block = (text: string) => out.push('\n\n', text)
  while (c.words < target || next < planted.length) {
    const due = planted[next]
    if (due && (due.at <= c.words || c.words >= target)) {
      out.push('\n\n')
      paragraph(c, due.needle)
      next++
      continue
    }
    if (sinceHeading >= 2 && r() < 0.3) {
      block(heading(c))
      sinceHeading = 0
    }
    const y = r()
    if (y < 0.06) block(list(c))
    else if (y < 0.09) {
      out.push('\n\n> ')
      sentence(c)
      if (r() < 0.5) {
        out.push(' ')
        sentence(c)
      }
    } else if (y < (c.t1.tech ? 0.16 : 0.1) && c.lang !== 'zh') block(codeBlock(c))
    else if (y < 0.18 && r() < 0.12) block(table(c))
    else if (y < 0.19) block(image(c))
    else {
      out.push('\n\n')
      paragraph(c)
    }
    sinceHeading++
  }
  c.footnotes.forEach((f, k) => block(`[^${k + 1}]: ${f}`))
}

function title(c: Ctx): string {
  const r = c.r
  if (c.lang === 'zh') return phraseWords(c, 4, 9).join('')
  const words = phraseWords(c, 4, 11)
  // Headlines lean on the topic's words more than the body does.
  if (c.lang === 'en') for (let k = 0; k < words.length; k += 2) words[k] = zipf(r, c.t1.words)
  if (c.lang === 'en' && r() < 0.35) words.splice(1 + Math.floor(r() * 3), 0, pick(r, c.t1.phrases))
  const t = cap(words.join(' '))
  return r() < 0.1 ? `${cap(c.t1.tag)}: ${t}` : t
}

function frontMatter(c: Ctx, plan: ArticlePlan, titleText: string): string {
  const r = c.r
  const fm = ['---']
  const quote = titleText.includes(':') || r() < 0.25
  fm.push(`title: ${quote ? JSON.stringify(titleText) : titleText}`)
  const a = r()
  if (a < 0.9) fm.push(`author: ${person(c)}`)
  else if (a < 0.95) fm.push(`author: ${person(c)} and ${person(c)}`)
  const d = r()
  if (d < 0.97) {
    const when = new Date(DATE_FROM + Math.floor(Math.pow(r(), 0.8) * DATE_DAYS) * DAY_MS)
    when.setUTCMinutes(Math.floor(r() * 24 * 60))
    const iso = when.toISOString()
    fm.push(`date: ${d < 0.75 ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`}`)
  }
  const tags = [r() < 0.9 ? c.t1.tag : zipf(r, c.t1.tags)]
  const n = 1 + Math.floor(Math.pow(r(), 1.6) * 5)
  while (tags.length < n) {
    const y = r()
    const t =
      y < 0.5
        ? zipf(r, c.t1.tags)
        : y < 0.75
          ? zipf(r, [c.t2.tag, ...c.t2.tags])
          : zipf(r, MISC_TAGS)
    if (!tags.includes(t)) tags.push(t)
  }
  if (plan.facts.has('aiGeneratedTag')) {
    if (tags.length === 5) tags.pop()
    tags.splice(Math.floor(r() * (tags.length + 1)), 0, AI_TAG)
  }
  if (r() < 0.7) fm.push(`tags: [${tags.join(', ')}]`)
  else fm.push('tags:', ...tags.map((t) => `  - ${t}`))
  if (r() < 0.4) {
    const [name, domain] = pick(r, SOURCES)
    fm.push(
      `source: ${name}`,
      `source_url: ${url(c, [...titleText.split(' ').slice(0, 6), hex(r, 6)], domain)}`,
    )
  }
  if (r() < 0.35) {
    fm.push(
      `image: ${r() < 0.7 ? `assets/${hex(r, 64)}.jpg` : `https://images.${pick(r, SOURCES)[1]}/${hex(r, 16)}.jpg`}`,
    )
  }
  if (c.lang !== 'en' ? r() < 0.85 : r() < 0.3) fm.push(`lang: ${c.lang}`)
  fm.push('---', '')
  return fm.join('\n')
}

/** Needle text for each planted fact in an article's language. */
function needles(c: Ctx, plan: ArticlePlan): string[] {
  const out: string[] = []
  for (const fact of plan.facts) {
    if (fact === 'zyxwvut') out.push('zyxwvut')
    else if (fact === 'kamera') out.push(pick(c.r, DE_PLANT_KAMERA))
    else if (fact === 'verfassungsgericht') out.push('Bundesverfassungsgericht')
    else if (fact === 'rengongzhineng') out.push(ZH_PLANTED[0])
    else if (fact === 'jiqixuexi') out.push(ZH_PLANTED[1])
    else if (fact === 'qihoubianhua') out.push(ZH_PLANTED[2])
    else if (fact === 'cafe') out.push('café')
    else if (fact === 'eleve') out.push('élève')
  }
  return out
}

/** Article `index` of the corpus for `seed` (each article is independent of the others). */
export function syntheticArticle(index: number, seed = 42): SyntheticArticle {
  const plan = articlePlan(index, seed)
  const r = mulberry32(hash32(seed, index))
  const t1 = pick(r, TOPICS)
  const t2 = pick(r, TOPICS)
  const v = vocabulary(seed)
  const c: Ctx = {
    r,
    v,
    lang: plan.lang,
    t1,
    t2,
    lv: v[plan.lang],
    words: 0,
    footnotes: [],
    out: [],
  }
  const titleText = title(c)
  const head = frontMatter(c, plan, titleText)
  const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())
  const target = Math.min(8_000, Math.max(60, Math.round(LEN_MEDIAN * Math.exp(LEN_SIGMA * z))))
  c.words = 0
  body(c, target, needles(c, plan))
  const name = `article-${String(index).padStart(6, '0')}.md`
  return { name, markdown: `${head}\n${c.out.join('')}\n` }
}

/**
 * The first `count` articles of the corpus for `seed` (default 42), one at a time so a
 * 100,000-article run never holds them all. The same (count, seed) always yields the same text.
 */
export function* syntheticArticles(count: number, seed = 42): Generator<SyntheticArticle> {
  for (let i = 0; i < count; i++) yield syntheticArticle(i, seed)
}
