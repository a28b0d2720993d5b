import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createArticle,
  purgeArticle,
  setArticleState,
  trashArticle,
  untrashArticle,
  updateArticle,
} from '../../../src/main/library/articles'
import { checkIndex } from '../../../src/main/library/fts-source'
import { setArticleMetadata } from '../../../src/main/library/metadata'
import type { Library } from '../../../src/main/library/open-library'
import { restoreRevision, listRevisions } from '../../../src/main/library/revisions'
import { type SearchOptions, searchArticles } from '../../../src/main/library/search/search'
import {
  TestClock,
  sharedTempLibrary,
  tempLibrary,
  useTempLibraries,
} from '../../helpers/temp-library'
import { PIECES as FUZZ_PIECES, randomQuery, rng } from '../../helpers/fuzz-queries'

useTempLibraries()

/** A small realistic library: key → document. */
const CORPUS: Record<string, string> = {
  video: `---
title: Die neue Videokamera im Test
author: Hans Müller
tags: [technik, test]
date: 2024-03-15
source: heise online
source_url: https://www.heise.de/tests/videokamera
lang: de
---

Die Videokamera überzeugt mit Bildstabilisierung und einem hellen Objektiv.
Der Akku hält drei Stunden.
`,
  aiZh: `---
title: 人工智能改变新闻业
tags: [科技, ai]
date: 2024-06-01
lang: zh
---

近年来，人工智能技术在医疗、交通和教育领域取得了显著进展。许多新闻机构也开始使用人工智能撰写稿件。
`,
  // 人工 and 智能 both occur, but never as the run 人工智能.
  aiZhNear: `---
title: 阅读习惯
lang: zh
---

人工翻译仍然重要，智能手机改变了阅读习惯。
`,
  tokyo: `---
title: 東京の天気
tags: [weather]
lang: ja
---

今日の東京は晴れです。明日は雨が降るでしょう。
`,
  cafe: `---
title: Le meilleur café de Paris
author: Marie Dubois
tags: [food, paris]
date: 2023-09-10
source: Le Monde
lang: fr
---

Nous avons visité un petit café près du Louvre. L'espresso était parfait et la crème brûlée délicieuse.
`,
  climate: `---
title: Climate summit reaches agreement
author: Jane Smith
tags: [climate, politics]
date: 2024-11-20
source: Reuters
source_url: https://www.reuters.com/world/climate-summit
---

Delegates from 190 countries agreed on a plan to cut emissions.
Machine learning models helped forecast the impact.
`,
  ml: `---
title: How machine learning changes newsrooms
author: Kenji Tanaka
tags: [ai, media]
date: 2024-02-02
---

Editors use machine learning to sort photographs. A learning machine is still not an editor.
`,
  workshop: `# Workshop notes

The machine room was cold. We spent the day learning new layouts.
`,
  photo: `---
title: Photography basics
tags: [photo]
---

Photographers love natural light. A photograph tells a story: photos of the harbour at dawn.
`,
  electric: `---
title: Electric cars sales surge in Europe
author: Jane Smith
tags: [cars, energy]
date: 2025-01-10
source: Reuters
---

Sales of electric cars rose sharply. Charging networks expanded across Germany.
`,
  zeppelinTitle: `# Zeppelin returns

A short note about airships and their slow comeback over the lake.
`,
  zeppelinBody: `# Airship history

The zeppelin era began in 1900. Every zeppelin was huge, and zeppelin travel ended in 1937.
Zeppelin fans still gather every summer by the lake to remember the great airships.
`,
  xss: `# Embedding widgets safely

Never paste this into a page:

\`\`\`html
<script>alert("pwned")</script>
\`\`\`

Use an iframe & a sandbox instead.
`,
  feed: `# Nachrichten am Abend

Die Bundesregierung beschließt neue Klimaschutzziele für das kommende Jahrzehnt.
`,
  memo: `# Obsolete memo

This obsolete harbour memo was deleted by mistake.
`,
}

const BRIEFINGS = 13

let lib: Library
let dispose: () => void
/** key → article id, and back. */
const ids: Record<string, string> = {}
const keys = new Map<string, string>()

beforeAll(() => {
  const clock = new TestClock('2025-06-01T08:00:00.000Z')
  ;({ lib, dispose } = sharedTempLibrary({ now: clock.now }))
  const feedId = Number(
    lib.db
      .prepare(`INSERT INTO feeds (title, url, created_at) VALUES (?, ?, ?)`)
      .run('Tagesschau', 'https://www.tagesschau.de/index~rss2.xml', clock.now().toISOString())
      .lastInsertRowid,
  )
  for (const [key, text] of Object.entries(CORPUS)) {
    clock.advance(60_000)
    const a = createArticle(lib, text, key === 'feed' ? { feedId, feedItemId: 'item-1' } : {})
    ids[key] = a.id
    keys.set(a.id, key)
  }
  for (let i = 0; i < BRIEFINGS; i++) {
    clock.advance(60_000)
    const text = `# Morning update ${i}\n\n${'briefing '.repeat((i % 4) + 1)}on item ${i}.\n`
    const a = createArticle(lib, text)
    ids[`briefing${i}`] = a.id
    keys.set(a.id, `briefing${i}`)
  }
  setArticleState(lib, ids.video!, { read: true })
  setArticleState(lib, ids.cafe!, { read: true })
  setArticleState(lib, ids.climate!, { starred: true })
  setArticleState(lib, ids.electric!, { archived: true })
  setArticleState(lib, ids.ml!, { status: 'published' })
  setArticleState(lib, ids.photo!, { status: 'ready' })
  trashArticle(lib, ids.memo!)
})

afterAll(() => dispose())

function search(query: string, options: Partial<SearchOptions> = {}) {
  return searchArticles(lib, { query, limit: 200, ...options })
}
/** The keys of the hits, in rank order. */
function ranked(query: string, options: Partial<SearchOptions> = {}): string[] {
  return search(query, options).items.map((h) => keys.get(h.id) ?? h.id)
}
/** The keys of the hits, sorted (for when order does not matter). */
function found(query: string, options: Partial<SearchOptions> = {}): string[] {
  return ranked(query, options).sort()
}
const whole = { prefixLastWord: false }
const allLive = () => [...keys.values()].filter((k) => k !== 'memo').sort()

describe('search: words, phrases and operators', () => {
  it('requires every word to match', () => {
    expect(found('electric germany')).toEqual(['electric'])
    expect(found('electric paris')).toEqual([])
    expect(found('machine learning', whole)).toEqual(['climate', 'ml', 'workshop'])
  })

  it('matches "phrases" exactly, in order', () => {
    expect(found('"machine learning"')).toEqual(['climate', 'ml'])
    expect(found('"learning machine"')).toEqual(['ml'])
    expect(found('"machine room was cold"')).toEqual(['workshop'])
  })

  it('matches prefix* words', () => {
    expect(found('photo*')).toEqual(['ml', 'photo'])
    expect(found('zeppel*')).toEqual(['zeppelinBody', 'zeppelinTitle'])
  })

  it('treats the word being typed as a prefix', () => {
    expect(found('el')).toContain('electric')
    expect(found('el', whole)).toEqual([])
    expect(found('"machine lea')).toEqual(['climate', 'ml'])
    expect(found('sales elec')).toEqual(['electric'])
  })

  it('excludes -words', () => {
    expect(found('machine -cold', whole)).toEqual(['climate', 'ml'])
    expect(found('machine -"learning machine"', whole)).toEqual(['climate', 'workshop'])
    // Only exclusions: everything else.
    const rest = found('-zeppelin')
    expect(rest).toEqual(allLive().filter((k) => !k.startsWith('zeppelin')))
  })

  it('matches either side of OR', () => {
    expect(found('zeppelin OR espresso')).toEqual(['cafe', 'zeppelinBody', 'zeppelinTitle'])
    expect(found('espresso OR zeppelin lake')).toEqual(['zeppelinBody', 'zeppelinTitle'])
  })

  it('filters by tag:, author:, source:, title: and feed:', () => {
    expect(found('tag:ai')).toEqual(['aiZh', 'ml'])
    expect(found('tag:AI')).toEqual(['aiZh', 'ml'])
    expect(found('tag:科技')).toEqual(['aiZh'])
    expect(found('learning -tag:ai', whole)).toEqual(['climate', 'workshop'])
    expect(found('tag:ai tag:media')).toEqual(['ml'])
    expect(found('author:smith')).toEqual(['climate', 'electric'])
    expect(found('author:muller')).toEqual(['video'])
    expect(found('author:"Jane Smith" sales')).toEqual(['electric'])
    expect(found('source:reuters')).toEqual(['climate', 'electric'])
    expect(found('source:heise')).toEqual(['video'])
    expect(found('title:zeppelin')).toEqual(['zeppelinTitle'])
    expect(found('feed:tagesschau')).toEqual(['feed'])
    expect(found('feed:tagesschau.de klimaschutz')).toEqual(['feed'])
    expect(found('feed:nonexistent')).toEqual([])
  })

  it('filters by is:', () => {
    expect(found('is:read')).toEqual(['cafe', 'video'])
    expect(found('is:unread')).toEqual(allLive().filter((k) => k !== 'cafe' && k !== 'video'))
    expect(found('is:starred')).toEqual(['climate'])
    expect(found('is:archived')).toEqual(['electric'])
    expect(found('is:published')).toEqual(['ml'])
    expect(found('is:ready')).toEqual(['photo'])
    expect(found('is:draft')).toEqual(allLive().filter((k) => k !== 'ml' && k !== 'photo'))
    expect(found('is:trashed')).toEqual(['memo'])
    expect(found('-is:unread cafe')).toEqual(['cafe'])
    expect(found('is:starred agreement')).toEqual(['climate'])
    expect(found('is:starred electric')).toEqual([])
  })

  it('filters by before: and after: (published date, else created date)', () => {
    expect(found('before:2024-01-01')).toEqual(['cafe'])
    expect(found('after:2024-06-01 before:2025-01-01')).toEqual(['aiZh', 'climate'])
    expect(found('after:2025-01-01 reuters')).toEqual(['electric'])
    expect(found('before:2024 cafe')).toEqual(['cafe'])
  })

  it('applies every filter to the words found, as it does with no words', () => {
    const feedId = lib.db.prepare('SELECT id FROM feeds').pluck().get() as number
    expect(found(`feed:${feedId} klimaschutz`)).toEqual(['feed'])
    expect(found(`feed:${feedId} zeppelin`)).toEqual([])
    expect(found('-is:starred agreement')).toEqual([])
    expect(found('-is:starred machine', whole)).toEqual(['ml', 'workshop'])
    expect(found('machine learning -tag:ai', whole)).toEqual(['climate', 'workshop'])
    expect(found('machine is:unread tag:politics', whole)).toEqual(['climate'])
    expect(found('machine is:starred is:unread after:2024-06-01', whole)).toEqual(['climate'])
    expect(found('machine is:starred before:2024-06-01', whole)).toEqual([])
    expect(found('obsolete is:trashed')).toEqual(['memo'])
    expect(found('obsolete -is:trashed')).toEqual([])
    // A sidebar view's filter combines with the query's.
    expect(found('machine', { ...whole, filter: { is: ['starred'] } })).toEqual(['climate'])
    expect(found('machine', { ...whole, filter: { tags: ['media'] } })).toEqual(['ml'])
  })

  it('hides the trash unless is:trashed is asked for', () => {
    expect(found('harbour')).toEqual(['photo'])
    expect(found('obsolete')).toEqual([])
    expect(found('harbour is:trashed')).toEqual(['memo'])
  })
})

describe('search: languages', () => {
  it('finds words inside German compounds', () => {
    expect(found('kamera')).toEqual(['video'])
    expect(found('Videokamera')).toEqual(['video'])
    expect(found('schutz')).toEqual(['feed'])
    expect(found('stabilisierung', whole)).toEqual(['video'])
  })

  it('finds Chinese words inside running text, and not their characters apart', () => {
    expect(found('人工智能')).toEqual(['aiZh'])
    expect(found('新闻')).toEqual(['aiZh'])
    expect(found('智能手机')).toEqual(['aiZhNear'])
  })

  it('finds Japanese', () => {
    expect(found('東京')).toEqual(['tokyo'])
    expect(found('晴れ')).toEqual(['tokyo'])
  })

  it('ignores accents and case', () => {
    expect(found('cafe')).toEqual(['cafe'])
    expect(found('CAFÉ')).toEqual(['cafe'])
    expect(found('creme brulee', whole)).toEqual(['cafe'])
    expect(found('MULLER')).toEqual(['video'])
  })
})

describe('search: ranking and snippets', () => {
  it('ranks a title match first', () => {
    const hits = ranked('zeppelin')
    expect(hits).toEqual(['zeppelinTitle', 'zeppelinBody'])
    const scores = search('briefing').items.map((h) => h.score)
    expect([...scores].sort((a, b) => b - a)).toEqual(scores)
  })

  it('marks the match in the snippet', () => {
    const [hit] = search('bildstabilisierung').items
    expect(hit!.snippet).toContain('<mark>Bildstabilisierung</mark>')
    const [cjk] = search('人工智能').items
    expect(cjk!.snippet).toContain('<mark>人工智能</mark>')
    expect(cjk!.snippet).not.toContain('\u200b')
  })

  it('escapes HTML in snippets: only <mark> is markup', () => {
    const [hit] = search('alert').items
    expect(keys.get(hit!.id)).toBe('xss')
    expect(hit!.snippet).toContain('&lt;script&gt;<mark>alert</mark>(&quot;pwned&quot;)')
    expect(hit!.snippet).not.toMatch(/<(?!\/?mark>)/)
    const [cafe] = search('espresso').items
    expect(cafe!.snippet).toContain('L&#39;<mark>espresso</mark>')
    const [amp] = search('iframe').items
    expect(amp!.snippet).toContain('&amp; a sandbox')
  })

  it('pages through every hit exactly once', () => {
    for (const query of ['briefing', 'the', 'is:unread', '-zeppelin', 'update OR briefing']) {
      const all = search(query).items.map((h) => h.id)
      expect(all.length, query).toBeGreaterThan(3)
      const paged: string[] = []
      let cursor: string | null = null
      for (let page = 0; page < 100; page++) {
        const result = search(query, { limit: 3, cursor })
        paged.push(...result.items.map((h) => h.id))
        cursor = result.nextCursor
        if (!cursor) break
      }
      expect(paged, query).toEqual(all)
      expect(new Set(paged).size, query).toBe(paged.length)
    }
  })

  it('ranks an older title match above many newer body matches, with filters and across pages', () => {
    const clock = new TestClock('2025-01-01T08:00:00.000Z')
    const l = tempLibrary({ now: clock.now })
    const titled = createArticle(
      l,
      '---\ntitle: Orchid show opens\ndate: 2024-05-01\n---\n\nFlowers in the hall.\n',
    ).id
    const bodies: string[] = []
    for (let i = 0; i < 40; i++) {
      clock.advance(60_000)
      const text = `---\ntitle: Garden note ${i}\ndate: 2024-06-${String((i % 28) + 1).padStart(2, '0')}\n---\n\nA ${'leaf '.repeat(i % 5)}orchid grows by the window ${i}.\n`
      bodies.push(createArticle(l, text).id)
    }
    setArticleState(l, titled, { starred: true })
    for (const id of bodies.slice(0, 5)) setArticleState(l, id, { starred: true })

    const rankedIn = (query: string, limit = 200) =>
      searchArticles(l, { query, limit }).items.map((h) => h.id)
    for (const query of ['orchid', 'orchid is:starred', 'orchid after:2024-01-01', 'orc']) {
      const all = rankedIn(query)
      expect(all[0], query).toBe(titled)
      // Pages of 7 give the same hits in the same order as one page.
      const paged: string[] = []
      let cursor: string | null = null
      for (let page = 0; page < 20; page++) {
        const result = searchArticles(l, { query, limit: 7, cursor })
        paged.push(...result.items.map((h) => h.id))
        cursor = result.nextCursor
        if (!cursor) break
      }
      expect(paged, query).toEqual(all)
    }
    expect(rankedIn('orchid')).toHaveLength(41)
    expect(rankedIn('orchid is:starred')).toHaveLength(6)
    expect(rankedIn('orchid before:2024-05-02')).toEqual([titled])
  })

  it('refuses a damaged cursor with an input error', () => {
    expect(() => search('briefing', { cursor: 'not-a-cursor' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    )
  })
})

/** A small deterministic PRNG (mulberry32), so a failing garbage query can be reproduced. */
describe('search: whatever is typed', () => {
  const GARBAGE = [
    '"',
    '""',
    '(',
    ')',
    '*',
    '**',
    'AND',
    'NOT',
    'OR',
    'NEAR',
    'NEAR(a b)',
    '-',
    '--',
    ':',
    'tag:',
    'is:',
    'is:nonsense',
    'before:yesterday',
    'after:2024-13-45',
    'title:',
    '-tag:',
    'feed:',
    'author:"',
    '^',
    '{title}: x',
    'a:b:c',
    'x OR',
    'OR x',
    'x OR OR y',
    '-x OR y',
    'col:"x"',
    '\u0000',
    '\u200b',
    '🎉',
    "'; DROP TABLE articles; --",
    '%_\\',
    'e-mail c++ node.js',
    '*zeppelin',
    '"zeppelin"*',
    'zeppelin"',
    'a'.repeat(5000),
    Array.from({ length: 300 }, (_, i) => `w${i}`).join(' '),
    Array.from({ length: 300 }, (_, i) => `-w${i}`).join(' '),
    Array.from({ length: 300 }, (_, i) => `w${i}`).join(' OR '),
  ]
  // The shared fuzz pieces plus words this library holds, so random queries also match.
  const PIECES = [...FUZZ_PIECES, 'zep', 'zeppelin', '人工', '智能', 'starred', '2024-01-01']

  it('never throws on garbage', () => {
    for (const query of GARBAGE) {
      expect(() => search(query), JSON.stringify(query)).not.toThrow()
      expect(() => search(query, whole), JSON.stringify(query)).not.toThrow()
    }
  })

  it('never throws on 1,000 random queries', () => {
    const random = rng(20250601)
    for (let i = 0; i < 1000; i++) {
      const query = randomQuery(random, 9, PIECES)
      const result = (() => {
        try {
          return search(query, { limit: 5 })
        } catch (err) {
          throw new Error(`query ${JSON.stringify(query)} threw: ${(err as Error).message}`, {
            cause: err,
          })
        }
      })()
      expect(Array.isArray(result.items)).toBe(true)
    }
  })
})

describe('search: the index stays current', () => {
  it('follows updates, metadata, trash, restore and purge', () => {
    const clock = new TestClock()
    const l = tempLibrary({ now: clock.now })
    const find = (q: string) => searchArticles(l, { query: q }).items.map((h) => h.id)
    const a = createArticle(l, '# Safari diary\n\nWe saw a zebra at the river.\n')
    const b = createArticle(l, '---\ntitle: Wombat facts\ntags: [animals]\n---\n\nWombats dig.\n')
    expect(find('zebra')).toEqual([a.id])

    const a2 = updateArticle(l, a.id, '# Safari diary\n\nWe saw a giraffe at the river.\n', 1)
    expect(find('zebra')).toEqual([])
    expect(find('giraffe')).toEqual([a.id])

    const b2 = setArticleMetadata(l, b.id, { title: 'Quokka sightings', tags: ['marsupials'] })
    expect(b2.title).toBe('Quokka sightings')
    expect(find('title:quokka')).toEqual([b.id])
    expect(find('title:wombat')).toEqual([])
    expect(find('wombats')).toEqual([b.id]) // still in the body
    expect(find('tag:marsupials')).toEqual([b.id])
    expect(find('tag:animals')).toEqual([])

    clock.advance(10 * 60_000)
    const [rev] = listRevisions(l, a.id)
    restoreRevision(l, a.id, rev!.id, a2.version)
    expect(find('zebra')).toEqual([a.id])
    expect(find('giraffe')).toEqual([])

    trashArticle(l, a.id)
    expect(find('zebra')).toEqual([])
    expect(find('zebra is:trashed')).toEqual([a.id])
    untrashArticle(l, a.id)
    expect(find('zebra')).toEqual([a.id])
    trashArticle(l, a.id)
    purgeArticle(l, a.id)
    expect(find('zebra is:trashed')).toEqual([])
    expect(find('safari')).toEqual([])
    checkIndex(l.db)
  })

  it('passes the FTS integrity check after a mix of writes', () => {
    const clock = new TestClock()
    const l = tempLibrary({ now: clock.now })
    const random = rng(7)
    const words = [
      'Videokamera',
      'café',
      '人工智能',
      'zeppelin',
      'harbour',
      '東京',
      'Straße',
      'naïve',
    ]
    const live: { id: string; version: number }[] = []
    for (let i = 0; i < 120; i++) {
      clock.advance(Math.floor(random() * 10 * 60_000))
      const text = () =>
        `---\ntitle: Note ${i} ${words[i % words.length]}\ntags: [t${i % 5}]\nauthor: A${i % 3}\n---\n\n` +
        Array.from({ length: 20 }, () => words[Math.floor(random() * words.length)]).join(' ')
      const r = random()
      if (live.length < 3 || r < 0.4) {
        const a = createArticle(l, text())
        live.push({ id: a.id, version: a.version })
      } else {
        const k = Math.floor(random() * live.length)
        const target = live[k]!
        if (r < 0.7) {
          target.version = updateArticle(l, target.id, text(), target.version).version
        } else if (r < 0.8) {
          target.version = setArticleMetadata(l, target.id, { title: `Renamed ${i}` }).version
        } else if (r < 0.9) {
          trashArticle(l, target.id)
          live.splice(k, 1)
          if (random() < 0.5) purgeArticle(l, target.id)
        } else {
          setArticleState(l, target.id, { read: true })
        }
      }
    }
    expect(() => checkIndex(l.db)).not.toThrow()
    expect(l.db.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
