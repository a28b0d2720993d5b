import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseFeedBytes } from '../../../src/main/feeds/parse/parse-feed'
import { CORPUS, CORPUS_FEEDS, NOT_A_FEED, corpusFiles } from './corpus'

/** Signs of text decoded with the wrong charset: replacement characters and UTF-8 read as Latin-1. */
const MOJIBAKE = /\uFFFD|Ã[\u0080-\u00BF]|â€/

describe('the real-world feed corpus', () => {
  it('has an expectation for every file in it', () => {
    const known = new Set([...CORPUS.map((c) => c.file), NOT_A_FEED])
    expect(corpusFiles().filter((f) => !known.has(f))).toEqual([])
    expect(corpusFiles().length).toBeGreaterThan(40)
  })

  for (const feed of CORPUS) {
    it(`reads ${feed.file}`, () => {
      const url = `https://feeds.example.net/${feed.file}`
      const doc = parseFeedBytes(readFileSync(join(CORPUS_FEEDS, feed.file)), { url })
      expect(doc.format).toBe(feed.format)
      expect(doc.items).toHaveLength(feed.items)
      const texts = [doc.title, ...doc.items.map((i) => i.title ?? '')]
      if (feed.sample) expect(texts.join('\n')).toContain(feed.sample)
      for (const item of doc.items) {
        expect(`${item.title ?? ''}\n${item.contentHtml ?? ''}`).not.toMatch(MOJIBAKE)
        for (const u of [
          item.link,
          item.image,
          item.baseUrl,
          ...item.enclosures.map((e) => e.url),
        ]) {
          if (u !== null) expect(['http:', 'https:']).toContain(new URL(u).protocol)
        }
        // Never the bare origin: a base is the item's page, the xml:base or the feed itself.
        expect(item.baseUrl).not.toBe('https://feeds.example.net/')
        if (item.published !== null) expect(Number.isNaN(Date.parse(item.published))).toBe(false)
      }
    })
  }

  it('says a web page is not a feed', () => {
    expect(() =>
      parseFeedBytes(readFileSync(join(CORPUS_FEEDS, NOT_A_FEED)), { url: 'https://x.example/' }),
    ).toThrow(/web page, not a feed/)
  })

  it('keeps the fields readers rely on from real feeds', () => {
    const read = (file: string) =>
      parseFeedBytes(readFileSync(join(CORPUS_FEEDS, file)), {
        url: `https://feeds.example.net/${file}`,
      })
    const guardian = read('rss-parser/guardian.rss').items[0]!
    expect(guardian.authors).toEqual(['David Smith in Washington'])
    expect(guardian.categories).toContain('Donald Trump')
    expect(guardian.image).toMatch(/^https:\/\/i\.guim\.co\.uk\//)
    expect(guardian.published).toBe('2018-01-31T07:26:05.000Z')

    const medium = read('rss-parser/content-encoded.rss').items[0]!
    expect(medium.authors).toEqual(['Jeremy Puma'])
    expect(medium.contentHtml!.length).toBeGreaterThan(medium.summaryHtml?.length ?? 0)

    const heise = read('miniflux/large_atom.xml').items[0]!
    expect(heise.authors).toEqual(['jvoisin'])
    expect(heise.categories).toEqual(['sysadmin'])

    const podcast = read('rss-parser/giantbomb-podcast.rss').items[0]!
    expect(podcast.enclosures[0]?.type).toMatch(/^audio\//)
  })
})
