import { describe, expect, it } from 'vitest'
import { parseFeedDate } from '../../../src/main/feeds/parse/dates'
import { parseFeed } from '../../../src/main/feeds/parse/parse-feed'

const FEED_URL = 'https://news.example.com/blog/feeds/main.xml'

describe('RSS', () => {
  it('reads RSS 2.0 with its common extensions', () => {
    const doc = parseFeed(
      `<?xml version="1.0"?>
      <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
           xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:m="http://search.yahoo.com/mrss/"
           xmlns:source="http://source.scripting.com/">
        <channel><title>Caf&eacute;&nbsp;News</title><link>https://news.example.com/</link>
          <item>
            <title>AT&amp;amp;T &lt;b&gt;buys&lt;/b&gt; it</title>
            <link>posts/1.html</link>
            <guid isPermaLink="false">item-1</guid>
            <description>Short</description>
            <content:encoded><![CDATA[<p>Full <a href="../about">text</a> &nbsp;</p>]]></content:encoded>
            <dc:creator>Ann</dc:creator><dc:creator>Bo</dc:creator>
            <category>World</category><category>world</category><category> Tech </category>
            <m:content url="/img/small.jpg" medium="image" width="100"/>
            <m:content url="/img/big.jpg" type="image/jpeg" width="1200"/>
            <enclosure url="/a.mp3" type="audio/mpeg" length="1234"/>
            <pubDate>Tue, 10 Jun 2003 04:00:00 EST</pubDate>
            <source:markdown># Hello

      *world*</source:markdown>
          </item>
        </channel>
      </rss>`,
      FEED_URL,
    )
    expect(doc.format).toBe('rss')
    expect(doc.version).toBe('2.0')
    expect(doc.title).toBe('Café News')
    const item = doc.items[0]!
    expect(item.title).toBe('AT&T buys it')
    // A relative link resolves against the feed's URL, path included: not the bare origin.
    expect(item.link).toBe('https://news.example.com/blog/feeds/posts/1.html')
    expect(item.guid).toBe('item-1')
    expect(item.contentHtml).toContain('<a href="../about">text</a>')
    expect(item.summaryHtml).toBe('Short')
    expect(item.baseUrl).toBe(item.link)
    expect(item.authors).toEqual(['Ann', 'Bo'])
    expect(item.categories).toEqual(['World', 'Tech'])
    expect(item.image).toBe('https://news.example.com/img/big.jpg')
    expect(item.enclosures).toEqual([
      { url: 'https://news.example.com/a.mp3', type: 'audio/mpeg', length: 1234 },
    ])
    expect(item.published).toBe('2003-06-10T09:00:00.000Z')
    expect(item.markdown).toContain('# Hello\n')
  })

  it('reads RSS 0.91 and RDF 1.0 with Dublin Core dates', () => {
    const old = parseFeed(
      `<rss version="0.91"><channel><title>Old</title><item><title>One</title>
       <link>http://old.example.org/1</link><description>&lt;p&gt;Hi&lt;/p&gt;</description></item></channel></rss>`,
      FEED_URL,
    )
    expect(old.version).toBe('0.91')
    expect(old.items[0]!.contentHtml).toBe('<p>Hi</p>')

    const rdf = parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link></channel>
        <item rdf:about="https://r.example/a"><title>A</title><dc:date>2024-02-03T04:05:06+01:00</dc:date>
          <dc:subject>Science</dc:subject></item>
      </rdf:RDF>`,
      FEED_URL,
    )
    expect(rdf.format).toBe('rdf')
    expect(rdf.items[0]!.link).toBe('https://r.example/a')
    expect(rdf.items[0]!.published).toBe('2024-02-03T03:05:06.000Z')
    expect(rdf.items[0]!.categories).toEqual(['Science'])
  })

  it('reads raw HTML that a feed forgot to escape, like a browser would', () => {
    const doc = parseFeed(
      `<rss><channel><title>Sloppy & Co</title><item><title>Fish & chips</title>
       <description><p>Unescaped <b>bold</b><br></p></description></item></channel></rss>`,
      FEED_URL,
    )
    expect(doc.title).toBe('Sloppy & Co')
    expect(doc.items[0]!.title).toBe('Fish & chips')
    expect(doc.items[0]!.contentHtml).toContain('<b>bold</b>')
  })
})

describe('Atom', () => {
  it('resolves relative URLs against xml:base, then the entry link', () => {
    const doc = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/root/">
        <title type="html">A &amp;lt;3 B</title>
        <link href="/" rel="alternate"/><link rel="self" href="feed.atom"/>
        <author><name>Feed Author</name></author>
        <entry xml:base="section/">
          <id>urn:uuid:1</id><title>Based</title>
          <link href="page.html"/>
          <updated>2024-01-02T03:04:05Z</updated>
          <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>See <a href="x.html">x</a> &amp; more</p></div></content>
          <category term="t1" label="Label One"/><category term="t2"/>
        </entry>
        <entry>
          <id>urn:uuid:2</id><title>No base of its own</title>
          <link href="https://elsewhere.example/post/2"/>
          <content type="html">&lt;p&gt;Hi&lt;/p&gt;</content>
          <author><name>Entry Author</name></author>
        </entry>
      </feed>`,
      FEED_URL,
    )
    expect(doc.title).toBe('A <3 B')
    expect(doc.siteUrl).toBe('https://base.example/')
    expect(doc.selfUrl).toBe('https://base.example/root/feed.atom')
    const [a, b] = doc.items
    expect(a!.link).toBe('https://base.example/root/section/page.html')
    expect(a!.baseUrl).toBe('https://base.example/root/section/')
    expect(a!.contentHtml).toContain('<a href="x.html">x</a> &amp; more')
    expect(a!.authors).toEqual(['Feed Author'])
    expect(a!.categories).toEqual(['Label One', 't2'])
    expect(a!.published).toBe('2024-01-02T03:04:05.000Z')
    // The feed's xml:base is in effect for the second entry too.
    expect(b!.baseUrl).toBe('https://base.example/root/')
    expect(b!.authors).toEqual(['Entry Author'])
    expect(b!.contentHtml).toBe('<p>Hi</p>')
  })

  it('reads Atom 0.3', () => {
    const doc = parseFeed(
      `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
        <entry><title>E</title><link rel="alternate" type="text/html" href="https://o.example/e"/>
          <id>tag:o,1</id><issued>2004-05-06T07:08:09Z</issued><modified>2004-05-07T00:00:00Z</modified>
          <content type="text/html" mode="escaped">&lt;p&gt;Escaped&lt;/p&gt;</content></entry></feed>`,
      FEED_URL,
    )
    expect(doc.version).toBe('0.3')
    const e = doc.items[0]!
    expect(e.link).toBe('https://o.example/e')
    expect(e.published).toBe('2004-05-06T07:08:09.000Z')
    expect(e.updated).toBe('2004-05-07T00:00:00.000Z')
    expect(e.contentHtml).toBe('<p>Escaped</p>')
  })

  it('escapes type="text" content instead of treating it as markup', () => {
    const doc = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title>
        <content type="text">a &lt;script&gt; tag</content></entry></feed>`,
      FEED_URL,
    )
    expect(doc.items[0]!.contentHtml).toBe('<p>a &lt;script&gt; tag</p>')
  })
})

describe('JSON Feed', () => {
  it('reads version 1.1 and 1.0', () => {
    const v11 = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'J',
        home_page_url: 'https://j.example/',
        authors: [{ name: 'Jay' }],
        items: [
          {
            id: 1,
            url: 'posts/1',
            title: 'One',
            content_html: '<p>One</p>',
            tags: ['a', 'b'],
            date_published: '2024-05-06T07:08:09-02:00',
            image: 'img.png',
          },
          { id: '2', content_text: 'Two\n\nparas', _markdown: '# Two' },
        ],
      }),
      'https://j.example/feed.json',
    )
    expect(v11.format).toBe('json')
    expect(v11.version).toBe('1.1')
    const [one, two] = v11.items
    expect(one!.guid).toBe('1')
    expect(one!.link).toBe('https://j.example/posts/1')
    // Relative to the item's link, as the item's body is.
    expect(one!.image).toBe('https://j.example/posts/img.png')
    expect(one!.authors).toEqual(['Jay'])
    expect(one!.categories).toEqual(['a', 'b'])
    expect(one!.published).toBe('2024-05-06T09:08:09.000Z')
    expect(two!.contentHtml).toBe('<p>Two</p>\n<p>paras</p>')
    expect(two!.markdown).toBe('# Two')

    const v10 = parseFeed(
      `{"version":"https://jsonfeed.org/version/1","title":"Old","author":{"name":"Al"},"items":[{"id":"x","summary":"S"}]}`,
      'https://j.example/feed.json',
    )
    expect(v10.version).toBe('1')
    expect(v10.items[0]!.authors).toEqual(['Al'])
  })

  it('explains JSON that is not a feed', () => {
    expect(() => parseFeed('{"hello": 1}', FEED_URL)).toThrow(/not a JSON Feed/)
    expect(() => parseFeed('{"items": [', FEED_URL)).toThrow(/cannot be read/)
  })
})

describe('hostile XML', () => {
  it('never expands entities: a billion laughs stays small and fast', () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss><channel><title>&lol9;</title><item><title>&lol9;&lol9;</title></item></channel></rss>`
    const t0 = performance.now()
    const doc = parseFeed(lol, FEED_URL)
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(doc.title).toBe('&lol9;')
    expect(doc.items[0]!.title!.length).toBeLessThan(20)
  })

  it('never resolves external entities (XXE)', () => {
    const doc = parseFeed(
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY % p SYSTEM "http://127.0.0.1:1/x">%p;]>
       <rss><channel><title>X</title><item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>`,
      FEED_URL,
    )
    const text = JSON.stringify(doc)
    expect(text).not.toContain('root:')
    expect(doc.items[0]!.title).toBe('&xxe;')
  })
})

describe('dates', () => {
  it('reads the formats feeds use', () => {
    expect(parseFeedDate('Sat, 07 Sep 2002 00:00:01 GMT')).toBe('2002-09-07T00:00:01.000Z')
    expect(parseFeedDate('Sat, 7 Sep 02 10:00 +0200')).toBe('2002-09-07T08:00:00.000Z')
    expect(parseFeedDate('Mon, 06 Sep 2010 00:01:00 PDT')).toBe('2010-09-06T07:01:00.000Z')
    expect(parseFeedDate('Dienstag, 10 Juni 2003 04:00:00 GMT')).toBe('2003-06-10T04:00:00.000Z')
    expect(parseFeedDate('2024-02-29')).toBe('2024-02-29T00:00:00.000Z')
    expect(parseFeedDate('2024-02-29T12:00:00.123456+05:30')).toBe('2024-02-29T06:30:00.123Z')
  })

  it('gives null, never an error, for malformed dates', () => {
    for (const bad of [
      '',
      'yesterday',
      '32 Foo 2020',
      '2024-13-45',
      '0001-01-01T00:00:00Z',
      'x'.repeat(500),
    ]) {
      expect(parseFeedDate(bad)).toBeNull()
    }
    const doc = parseFeed(
      `<rss><channel><item><title>t</title><pubDate>Not a date at all</pubDate></item></channel></rss>`,
      FEED_URL,
    )
    expect(doc.items[0]!.published).toBeNull()
  })
})
