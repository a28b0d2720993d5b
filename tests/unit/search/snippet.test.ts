import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../../src/main/library/search/query-parser'
import { makeSnippet, queryMatcher } from '../../../src/main/library/search/snippet'

const snippet = (text: string, query: string, expansions: Record<string, string[]> = {}) =>
  makeSnippet(
    text,
    queryMatcher(parseQuery(query, { prefixLastWord: false }), new Map(Object.entries(expansions))),
  )

describe('search snippets', () => {
  it('marks a CJK word as one run, and not its characters elsewhere', () => {
    expect(snippet('研究人员说人工智能正在改变新闻业。', '人工智能')).toBe(
      '研究人员说<mark>人工智能</mark>正在改变新闻业。',
    )
  })

  it('marks a CJK word right after Latin letters or digits, where the index finds it too', () => {
    expect(snippet('记者用AI人工智能写了2024年的稿件', '人工智能')).toBe(
      '记者用AI<mark>人工智能</mark>写了2024年的稿件',
    )
  })

  it('marks words whatever their accents and case, also where the first letter is accented', () => {
    expect(snippet('Un élève, une ÉLÈVE et un Eleve.', 'eleve')).toBe(
      'Un <mark>élève</mark>, une <mark>ÉLÈVE</mark> et un <mark>Eleve</mark>.',
    )
    expect(snippet('Die Überwachungskamera läuft.', 'uberwachungskamera')).toBe(
      'Die <mark>Überwachungskamera</mark> läuft.',
    )
  })

  it('marks the typed word and the vocabulary words it expanded to, whatever their case', () => {
    expect(snippet('Die VIDEOKAMERA und die Kamera.', 'kamera', { kamera: ['videokamera'] })).toBe(
      'Die <mark>VIDEOKAMERA</mark> und die <mark>Kamera</mark>.',
    )
  })

  it('marks a phrase only where its words are consecutive', () => {
    expect(snippet('read a long book, a long read', '"long read"')).toBe(
      'read a long book, a <mark>long</mark> <mark>read</mark>',
    )
  })

  it('escapes HTML in the text and cuts long texts around the first match', () => {
    const long = `${'filler '.repeat(100)}<b>needle</b> & ${'tail '.repeat(100)}`
    const s = snippet(long, 'needle')
    expect(s).toContain('&lt;b&gt;<mark>needle</mark>&lt;/b&gt; &amp;')
    expect(s.startsWith('…')).toBe(true)
    expect(s.endsWith('…')).toBe(true)
    expect(s.length).toBeLessThan(300)
  })

  it('is empty when nothing matches', () => {
    expect(snippet('nothing to see', 'absent')).toBe('')
  })
})
