import { describe, expect, it } from 'vitest'
import { deriveMetadata } from '../../../src/shared/document/derive-metadata'
import { splitFrontMatter } from '../../../src/shared/document/front-matter'
import {
  rewriteFrontMatter as rewrite,
  type MetadataPatch,
} from '../../../src/shared/document/rewrite-front-matter'

/** The property people rely on: the patch reads back, and nothing else moved. */
describe('rewriteFrontMatter: round trip over a corpus', () => {
  const corpus = [
    '---\ntitle: A\n---\nBody\n',
    '---\n# comment\ntitle: "Quoted: yes"   # c\nauthor:\n  - A\n  - B\nkeywords: x, y\n\ndescription: >\n  folded\n  text\nsource:\n  name: S\n  url: https://s.example\nweight: 3\n---\n# H\n\nP.\n',
    '\ufeff---\r\nTitle: CRLF\r\ndate: 2020-01-01\r\ntags:\r\n- a\r\n- b\r\nimage: x.png\r\n---\r\nBody\r\n',
    '---\npublished: false\nurl: /rel/\ncategories: [c1]\nlabels: l1\nlang: en\n---\n',
    '+++\ntitle = "T" # c\ndate = 2024-01-05\nkeywords = ["k"]\n\n[params]\ny = 2\n+++\nBody\n',
    '# No front matter\n\nText.\n',
    '---\n---\n',
    '---\n# only a comment\n---\nx',
  ]
  const patches: MetadataPatch[] = [
    { title: 'New: title' },
    { title: null },
    { tags: ['one', 'Two'] },
    { tags: [] },
    { authors: ['Solo'] },
    { authors: ['A', 'B, C'] },
    { authors: null },
    { publishedAt: '2024-03-04' },
    { publishedAt: '2024-03-04T05:06:07Z' },
    { publishedAt: null },
    { summary: 'A summary: with # signs' },
    { summary: null },
    { sourceName: 'Src', sourceUrl: 'https://src.example/x' },
    { sourceName: null, sourceUrl: null },
    { featuredImage: 'assets/i.png', language: 'pt-BR' },
    { featuredImage: null, language: null },
    {
      title: 'All',
      authors: ['X'],
      publishedAt: '1999-12-31',
      tags: ['t'],
      summary: 'S',
      sourceName: 'N',
      sourceUrl: 'http://u.example',
      featuredImage: 'f.jpg',
      language: 'ja',
    },
  ]

  for (const [i, doc] of corpus.entries()) {
    for (const [j, patch] of patches.entries()) {
      it(`document ${i}, patch ${j}`, () => {
        const before = splitFrontMatter(doc)
        const out = rewrite(doc, patch)
        const after = splitFrontMatter(out)
        expect(after.error).toBeNull()
        // The body never changes; without front matter it is the whole original text.
        expect(after.body).toBe(before.kind === null ? doc.replace(/^\ufeff/, '') : before.body)
        if (before.kind !== null) {
          // The BOM, the opening line and the closing line are untouched.
          expect(out.slice(0, after.rawStart)).toBe(doc.slice(0, before.rawStart))
          expect(out.slice(after.rawEnd, after.bodyStart)).toBe(
            doc.slice(before.rawEnd, before.bodyStart),
          )
        }
        const m = deriveMetadata(out).metadata
        if (patch.title !== undefined && patch.title !== null) expect(m.title).toBe(patch.title)
        if (patch.tags !== undefined) expect(m.tags).toEqual(patch.tags ?? [])
        if (patch.authors !== undefined) expect(m.authors).toEqual(patch.authors ?? [])
        if (patch.publishedAt !== undefined) {
          expect(m.publishedAt).toBe(
            patch.publishedAt?.includes('T')
              ? new Date(patch.publishedAt).toISOString()
              : patch.publishedAt,
          )
        }
        for (const key of [
          'summary',
          'sourceName',
          'sourceUrl',
          'featuredImage',
          'language',
        ] as const) {
          if (patch[key] !== undefined && !(key === 'summary' && patch[key] === null)) {
            expect(m[key]).toBe(patch[key])
          }
        }
        if (patch.summary === null) {
          // The body's first paragraph stands in for a removed summary.
          const keys = Object.keys(after.data).map((k) => k.toLowerCase())
          expect(keys.filter((k) => FIELD_KEYS.summary.includes(k))).toEqual([])
        }
        // Every line of the old front matter that the patch does not concern is still there,
        // in order.
        const touched = touchedKeys(patch)
        const kept = entryLines(before.raw)
          .filter((l) => !touched.has(l.key))
          .map((l) => l.text)
        expect(isSubsequence(kept, after.raw.split('\n'))).toBe(true)
        // Rewriting again with the same patch changes nothing more.
        expect(rewrite(out, patch)).toBe(out)
      })
    }
  }
})

const FIELD_KEYS: Record<keyof MetadataPatch, string[]> = {
  title: ['title'],
  summary: ['summary', 'description', 'excerpt', 'subtitle'],
  authors: ['author', 'authors', 'byline', 'creator'],
  publishedAt: ['date', 'published', 'publishedat', 'published_at', 'pubdate', 'created'],
  tags: ['tags', 'keywords', 'categories', 'labels'],
  sourceName: ['source', 'site', 'site_name', 'publisher'],
  sourceUrl: ['source_url', 'sourceurl', 'url', 'link', 'canonical', 'source'],
  featuredImage: [
    'image',
    'featured_image',
    'featuredimage',
    'cover',
    'cover_image',
    'banner',
    'thumbnail',
  ],
  language: ['lang', 'language'],
}

function touchedKeys(patch: MetadataPatch): Set<string> {
  const keys = new Set<string>()
  for (const field of Object.keys(patch) as (keyof MetadataPatch)[]) {
    if (patch[field] !== undefined) for (const k of FIELD_KEYS[field]) keys.add(k)
  }
  return keys
}

/** Lines of a front matter text, each with the top-level key whose entry it belongs to. */
function entryLines(raw: string): { key: string; text: string }[] {
  let key = ''
  return raw.split('\n').map((text) => {
    const m = /^\s*([A-Za-z_][\w-]*)\s*[:=]/.exec(text)
    if (m && !/^\s/.test(text)) key = m[1]!.toLowerCase()
    else if (/^\S/.test(text) && !text.startsWith('-')) key = ''
    return { key, text }
  })
}

function isSubsequence(needles: string[], haystack: string[]): boolean {
  let i = 0
  for (const line of haystack) if (i < needles.length && line === needles[i]) i++
  return i === needles.length
}
