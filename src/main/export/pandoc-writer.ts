/**
 * Formats Broadsheet does not write itself (ODT, RTF, LaTeX), offered where Pandoc is
 * installed: Pandoc converts the stored Markdown (front matter given as metadata, images
 * found in the library's folder). None of the five built-in formats needs it.
 */
import { execFile, spawnSync } from 'node:child_process'
import { splitFrontMatter } from '../../shared/document/front-matter'
import { BroadsheetError } from '../../shared/errors'
import type { Article } from '../../shared/model'
import { AssetReader, assetNames } from './asset-links'
import { progressTicker } from './progress'
import { SlugAllocator } from './slugs'
import type { ExportBundle, ExportFile, Writer, WriterInput } from './types'

/** Pandoc's name for each format, and the file extension. */
const PANDOC: Record<string, { to: string; ext: string }> = {
  odt: { to: 'odt', ext: 'odt' },
  rtf: { to: 'rtf', ext: 'rtf' },
  latex: { to: 'latex', ext: 'tex' },
}

/** GitHub Markdown with the extensions Broadsheet's renderer also reads. */
const FROM = 'gfm+tex_math_dollars+footnotes'

let available: boolean | null = null

/** Whether `pandoc` runs here (checked once). */
export function hasPandoc(): boolean {
  available ??= spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0
  return available
}

/** The body for Pandoc: front matter removed, a first `# H1` repeating the title dropped. */
function body(article: Article, heading: string | null): string {
  let text = article.markdown.slice(splitFrontMatter(article.markdown).bodyStart)
  const first = /^\s*#\s+(.+?)\s*#*\s*(?:\r?\n|$)/.exec(text)
  if (first && first[1]!.trim() === article.title.trim()) text = text.slice(first[0].length)
  return heading === null ? text : `# ${heading}\n\n${text}`
}

function run(args: string[], input: string, cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'pandoc',
      args,
      { cwd, encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          reject(
            new BroadsheetError(
              'io_error',
              `Pandoc could not convert the article (${stderr.toString('utf8').trim().split('\n')[0] || err.message}); try another format.`,
            ),
          )
        } else resolve(stdout)
      },
    )
    child.stdin?.end(input)
  })
}

/** A writer that runs Pandoc to `format` (odt, rtf, latex). */
export function pandocWriter(format: string): Writer {
  const target = PANDOC[format]!
  return async (input: WriterInput): Promise<ExportBundle> => {
    if (!hasPandoc()) {
      throw new BroadsheetError(
        'invalid_input',
        `Export to ${format} needs Pandoc, which is not installed; install it (pandoc.org) or choose md, html, pdf, epub, docx or json.`,
      )
    }
    const { articles, options } = input
    const groups = options.combine && articles.length > 1 ? [articles] : articles.map((a) => [a])
    const slugs = new SlugAllocator()
    const files: ExportFile[] = []
    const documents: string[] = []
    const reader = new AssetReader(input.lib)
    slugs.reserve('assets')
    const tick = progressTicker(options)
    let done = 0
    for (const group of groups) {
      const single = group.length === 1 ? group[0]! : null
      const title = single ? single.title : input.title
      await tick(done, articles.length, title)
      const args = ['-f', FROM, '-t', target.to, '--standalone', '-o', '-']
      const meta: Record<string, string | null | undefined> = {
        title,
        author: single?.authors.join(', '),
        date: single?.publishedAt?.slice(0, 10),
        lang: group.find((a) => a.language)?.language,
      }
      for (const [key, value] of Object.entries(meta)) {
        if (value) args.push('--metadata', `${key}=${value}`)
      }
      const text = group.map((a) => body(a, single ? null : a.title)).join('\n\n')
      // Images are `assets/…` links: relative to the library folder.
      const data = await run(args, text, input.lib.dir)
      done += group.length
      files.push({ name: `${slugs.stem(title)}.${target.ext}`, data })
      documents.push(files[files.length - 1]!.name)
      // LaTeX links its images: they go beside it, as for Markdown (ODT and RTF embed them).
      if (format === 'latex') {
        for (const name of assetNames(text)) {
          const asset = reader.read(name)
          if (asset && !files.some((f) => f.name === `assets/${name}`)) {
            files.push({ name: `assets/${name}`, data: asset.bytes })
          }
        }
      }
    }
    await tick(articles.length, articles.length, null)
    return { files, documents }
  }
}
