import { join } from 'node:path'
import { build } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTICLE, type Edit, RUN, randomEdits } from '../unit/markdown/random-edits'
import { launchChromium } from './browser'

// The live preview patches only the pieces of an article whose HTML changed. Whatever the
// edit, the page must then hold exactly what a full render + sanitize of the same text
// gives: random edits (that make and break headings, footnotes, reference definitions,
// fences, math, front matter, tables, raw and hostile HTML) are applied one after the other
// in real Chromium, and after each one the preview's DOM is compared with a full render.

let browser: Browser
let page: Page

interface Mismatch {
  step: number
  text: string
  expected: string
  actual: string
}

/**
 * Applies `edits` in the page, updating the preview after each; returns the first mismatch.
 * `defer`: blocks are built only when asked (a long document's preview), and a pseudo-random
 * third of those waiting is built after each edit, as scrolling would; every third edit all
 * are built and the whole compared, and in between the line marks must be in order, those of
 * built blocks as in a full render.
 */
async function runEdits(text: string, edits: Edit[], defer = false): Promise<Mismatch | null> {
  return page.evaluate(
    ({ text, edits, defer }) => {
      const harness = (
        window as unknown as {
          previewHarness: {
            IncrementalPreview: new (c: Element) => {
              update(m: string, wpm?: number, defer?: boolean): unknown
              fill(elements: Element[]): void
              fillAll(): boolean
            }
            fullRender(m: string): HTMLElement
            PENDING_CLASS: string
          }
        }
      ).previewHarness
      const container = document.createElement('article')
      container.className = 'reader'
      document.body.replaceChildren(container)
      const preview = new harness.IncrementalPreview(container)
      let current = text
      // The same elements, attributes and text. Attributes may come in another order (a
      // patched element keeps the order it had) and text in several nodes (a piece's text
      // ends where the next one's begins): nobody can see either.
      let seed = 7
      const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647
      const check = (step: number) => {
        const expected = harness.fullRender(current)
        if (defer) {
          const waiting = [...container.children].filter((e) =>
            e.classList.contains(harness.PENDING_CLASS),
          )
          preview.fill(waiting.filter(() => random() < 1 / 3))
          if (step % 3 !== 2) {
            // Built blocks carry the lines of the full render's; stand-ins carry their
            // block's first line (none for the footnotes), and all come in order (scroll
            // sync goes by them).
            const lineOf = (e: Element) => e.getAttribute('data-line')
            const starts = [...expected.children].map(lineOf)
            const shown = [...container.children].map(lineOf)
            const misplaced = shown.some(
              (line, i) =>
                line !== null &&
                !container.children[i]!.classList.contains(harness.PENDING_CLASS) &&
                !starts.includes(line),
            )
            const ordered = shown
              .filter((line) => line !== null)
              .every((line, i, all) => i === 0 || Number(line) >= Number(all[i - 1]))
            const marks = (all: Element[]) => all.map((e) => `${e.tagName}:${lineOf(e)}`).join(' ')
            return !misplaced && ordered
              ? null
              : {
                  step,
                  text: current,
                  expected: marks([...expected.children]),
                  actual: marks([...container.children]),
                }
          }
          preview.fillAll()
        }
        expected.normalize()
        const actual = container.cloneNode(true) as Element
        actual.normalize()
        return expected.isEqualNode(actual)
          ? null
          : { step, text: current, expected: expected.innerHTML, actual: container.innerHTML }
      }
      preview.update(current, undefined, defer)
      const first = check(-1)
      if (first) return first
      for (let step = 0; step < edits.length; step++) {
        const edit = edits[step]!
        current = current.slice(0, edit.at) + edit.insert + current.slice(edit.at + edit.remove)
        preview.update(current, undefined, defer)
        const mismatch = check(step)
        if (mismatch) return mismatch
      }
      return null
    },
    { text, edits, defer },
  )
}

/** Where two serializations first differ, with some context, for a readable failure. */
function firstDifference(a: string, b: string): string {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return `at ${i}:\n  expected …${a.slice(Math.max(0, i - 80), i + 120)}…\n  actual   …${b.slice(Math.max(0, i - 80), i + 120)}…`
}

beforeAll(async () => {
  const out = await build({
    entryPoints: [
      join(import.meta.dirname, '../../src/renderer/src/preview/preview-test-entry.ts'),
    ],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  browser = await launchChromium()
  page = await browser.newPage()
  await page.setContent('<!doctype html><html><head><title>t</title></head><body></body></html>')
  await page.addScriptTag({ content: out.outputFiles[0]!.text })
}, 180_000)

afterAll(async () => {
  await browser?.close()
})

/** Hostile HTML from the XSS history of Markdown apps (see tests/unit/markdown/xss-corpus). */
const VECTORS = [
  `<script>${RUN}</script>`,
  `text <script>${RUN}</script> text`,
  `<img src=x onerror=${RUN}>`,
  `<svg onload=${RUN}>`,
  `<svg><script>${RUN}</script></svg>`,
  `<svg><style><img src=x onerror=${RUN}></style></svg>`,
  `<details open ontoggle=${RUN}><summary>x</summary></details>`,
  `<video><source onerror=${RUN}></video>`,
  `<input autofocus onfocus=${RUN}>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`,
  `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=${RUN}&gt;">`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${RUN}>`,
  `<noscript><p title="</noscript><img src=x onerror=${RUN}>">`,
  `<iframe srcdoc="<script>${RUN}</script>"></iframe>`,
  `<a href="javascript:${RUN}">link</a>`,
  `[md link](javascript:${RUN})`,
  `<a href="&#106;avascript:${RUN}">entity</a>`,
  `![x](x" onerror="${RUN})`,
  '```js" onmouseover="alert(1)\ncode\n```',
  `$\\href{javascript:${RUN}}{x}$`,
  `<div style="background:url(javascript:${RUN})">styled</div>`,
  `<object data="javascript:${RUN}"></object>`,
  `<embed src="javascript:${RUN}">`,
  `<base href="javascript:${RUN}//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`,
  `<template><img src=x onerror=${RUN}></template>`,
  `<div>`,
  `<table><tr><td>cell <img src=x onerror=${RUN}>`,
]

describe('the incremental live preview', () => {
  it('sanitizes exactly as sanitizeHtml does, and nothing hostile runs as it is typed in', async () => {
    const outcome = await page.evaluate(
      ({ vectors }) => {
        const harness = (
          window as unknown as {
            previewHarness: {
              IncrementalPreview: new (c: Element) => { update(m: string): unknown }
              fullRender(m: string): HTMLElement
              sanitizeHtml(h: string): string
              sanitizePiece(h: string): string
            }
          }
        ).previewHarness
        const different = vectors.filter(
          (v) => harness.sanitizePiece(v) !== harness.sanitizeHtml(v),
        )
        const container = document.createElement('article')
        container.className = 'reader'
        document.body.replaceChildren(container)
        const preview = new harness.IncrementalPreview(container)
        let text = '# Hostile\n\nFirst paragraph.\n'
        const mismatches: number[] = []
        vectors.forEach((vector, i) => {
          // Each vector arrives as typing would bring it: a letter at a time at its end.
          text += '\n'
          for (const letter of vector) {
            text += letter
            preview.update(text)
          }
          text += '\n'
          preview.update(text)
          const expected = harness.fullRender(text)
          expected.normalize()
          const actual = container.cloneNode(true) as Element
          actual.normalize()
          if (!expected.isEqualNode(actual)) mismatches.push(i)
        })
        const dangers = [...container.querySelectorAll('*')].flatMap((element) => [
          ...(['script', 'iframe', 'object', 'embed', 'base', 'meta', 'template'].includes(
            element.localName,
          )
            ? [element.localName]
            : []),
          ...[...element.attributes]
            .filter(
              (a) => /^on/i.test(a.name) || a.name === 'srcdoc' || /^\s*javascript:/i.test(a.value),
            )
            .map((a) => `${element.localName}[${a.name}]`),
        ])
        return { different, mismatches, dangers }
      },
      { vectors: VECTORS },
    )
    expect(outcome).toEqual({ different: [], mismatches: [], dangers: [] })
    // Let any event a payload might have hooked (load, error, toggle, focus) fire.
    await page.waitForTimeout(300)
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
  }, 120_000)

  it('keeps the nodes of unchanged blocks and of an edited paragraph, and renumbers lines', async () => {
    const outcome = await page.evaluate(() => {
      const harness = (
        window as unknown as {
          previewHarness: {
            IncrementalPreview: new (c: Element) => { update(m: string): unknown }
          }
        }
      ).previewHarness
      const container = document.createElement('article')
      document.body.replaceChildren(container)
      const preview = new harness.IncrementalPreview(container)
      let text =
        '# Title\n\nIntro paragraph.\n\n![pic](assets/0123abcd.png) and some words\n\n' +
        '## Later\n\nLast paragraph.\n'
      preview.update(text)
      const image = container.querySelector('img')!
      const later = container.querySelector('h2')!
      const last = container.querySelector('p:last-of-type')!
      // Type into the image's paragraph, then add a line above everything.
      text = text.replace('some words', 'some more words')
      preview.update(text)
      const sameAfterTyping = [
        container.querySelector('img') === image,
        container.querySelector('h2') === later,
        container.querySelector('p:last-of-type') === last,
      ]
      text = '\n\n' + text
      preview.update(text)
      return {
        sameAfterTyping,
        sameAfterNewLine: [
          container.querySelector('img') === image,
          container.querySelector('h2') === later,
        ],
        typed: image.parentElement!.textContent,
        lines: [...container.querySelectorAll('[data-line]')].map((e) =>
          e.getAttribute('data-line'),
        ),
      }
    })
    expect(outcome.sameAfterTyping).toEqual([true, true, true])
    expect(outcome.sameAfterNewLine).toEqual([true, true])
    expect(outcome.typed).toBe(' and some more words')
    // Title, intro, image paragraph, h2, last paragraph: each two lines further down.
    expect(outcome.lines).toEqual(['2', '4', '6', '8', '10'])
  })

  it('holds the scroll position while a block above or below the view changes', async () => {
    const moves = await page.evaluate(() => {
      const harness = (
        window as unknown as {
          previewHarness: {
            IncrementalPreview: new (c: Element) => { update(m: string): unknown }
          }
        }
      ).previewHarness
      const scroller = document.createElement('div')
      scroller.style.cssText = 'height:400px;overflow:auto;width:600px'
      const container = document.createElement('article')
      scroller.append(container)
      document.body.replaceChildren(scroller)
      const preview = new harness.IncrementalPreview(container)
      const blocks = Array.from({ length: 80 }, (_, i) => `Paragraph ${i} with some text.`)
      const render = () => preview.update(blocks.join('\n\n'))
      render()
      scroller.scrollTop = 1500
      const inView = () => {
        const top = scroller.getBoundingClientRect().top
        const first = [...container.children].find((e) => e.getBoundingClientRect().bottom > top)!
        return { text: first.textContent, at: first.getBoundingClientRect().top - top }
      }
      const before = inView()
      // A paragraph far above the view grows to several lines, one far below too.
      blocks[2] += ' longer'.repeat(60)
      render()
      void container.offsetHeight
      const afterAbove = inView()
      blocks[75] += ' longer'.repeat(60)
      render()
      void container.offsetHeight
      const afterBelow = inView()
      return { before, afterAbove, afterBelow }
    })
    expect(moves.afterAbove).toEqual(moves.before)
    expect(moves.afterBelow).toEqual(moves.before)
  })

  /** 150 random edits from `seed` match a full render (see `runEdits`), and nothing ran. */
  async function expectRandomEditsMatch(seed: number, defer: boolean): Promise<void> {
    const mismatch = await runEdits(ARTICLE, randomEdits(ARTICLE, 150, seed), defer)
    if (mismatch) {
      throw new Error(
        `step ${mismatch.step}, text:\n${JSON.stringify(mismatch.text)}\n` +
          firstDifference(mismatch.expected, mismatch.actual),
      )
    }
    // Hostile snippets went through the preview many times: none of them ran.
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
  }

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`equals a full render after each of 150 random edits (seed ${seed})`, async () => {
      await expectRandomEditsMatch(seed, false)
    }, 120_000)
  }

  for (const seed of [7, 8, 9]) {
    it(`builds deferred blocks as a full render would, over 150 random edits (seed ${seed})`, async () => {
      await expectRandomEditsMatch(seed, true)
    }, 120_000)
  }
})
