/**
 * Articles for the export tests: real libraries with real images (PNG bytes made here) and
 * documents that use every feature an export must carry (front matter, headings, lists, task
 * lists, a table, code, math, footnotes, a quote, links) plus hostile HTML that must not
 * survive into any file.
 */
import { deflateSync } from 'node:zlib'
import { createArticle } from '../../../src/main/library/articles'
import { addAsset } from '../../../src/main/library/assets'
import type { Library } from '../../../src/main/library/open-library'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Buffer): number {
  let c = 0xffffffff
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** A solid-colour RGB PNG of `width` × `height`. */
export function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill(rgb).flat())])
  const raw = Buffer.concat(Array(height).fill(row))
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A rich article using `image` (an `assets/…` link) in the body and as featured image. */
export function richArticle(title: string, image: string, extra = ''): string {
  return `---
title: ${title}
author: Jana Berg
date: 2024-03-05
tags: [technik, AI-generated]
summary: A camera tested on the road.
language: de
featured_image: ${image}
x-custom: keep me
---

Eine kleine **Videokamera** für _unterwegs_, ~~teuer~~ \`günstig\`, mit [Link](https://example.com/kamera).

![Die Kamera](${image})

## Technik im Detail

- Erster Punkt
  - Unterpunkt eins
  - Unterpunkt zwei
- Zweiter Punkt

1. Eins
2. Zwei

- [x] Erledigt
- [ ] Offen

> Ein Zitat aus dem Test.

| Modell | Preis |
| ------ | ----: |
| Alpha  | 199 € |
| Beta   | 249 € |

\`\`\`js
const answer = 42
\`\`\`

Euler: $e^{i\\pi}+1=0$ und ein Fußnotenzeichen[^1].

<script>window.__pwned = 1</script>
<img src="x" onerror="window.__pwned = 2">
<a href="javascript:window.__pwned=3">bad link</a>
${extra}
[^1]: Die Fußnote.
`
}

/** A library holding two rich articles (one image each) and a plain one. */
export function seedLibrary(lib: Library): { ids: string[]; images: string[] } {
  const red = addAsset(lib, png(60, 40, [200, 30, 30]), 'image/png')
  const blue = addAsset(lib, png(30, 50, [30, 30, 200]), 'image/png')
  const a = createArticle(lib, richArticle('Die Videokamera im Test', red))
  const b = createArticle(lib, richArticle('Ein zweiter Bericht', blue))
  const c = createArticle(lib, '# Plain words\n\nNothing but text here.\n')
  return { ids: [a.id, b.id, c.id], images: [red, blue] }
}

/** An SVG image carrying script three ways; an export must keep the drawing and none of those. */
export const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" onload="window.__pwned=4"><script>window.__pwned=5</script><rect width="40" height="30" fill="#3a3"/><foreignObject><div>x</div></foreignObject></svg>`
