/**
 * OPML, the file feed readers exchange subscriptions in: imported leniently (nested folders
 * kept as folder paths, feeds already followed skipped) and exported as OPML 2.0 with one
 * outline per folder.
 */
import { BroadsheetError } from '../../shared/errors'
import type { Feed } from '../../shared/model'
import type { Library } from '../library/open-library'
import { plainText } from './parse/text'
import { absoluteHttpUrl } from './parse/urls'
import { type XmlElement, child, children, parseXml } from './parse/xml-tree'
import { findFeedByUrl, insertFeed, listFeeds } from './store'

/** A feed found in an OPML file. */
export interface OpmlFeed {
  url: string
  title: string | null
  siteUrl: string | null
  folder: string[]
}

/** What an OPML import did. */
export interface OpmlImport {
  added: Feed[]
  skipped: { url: string; reason: string }[]
}

/** Every feed in an OPML document, with the path of folders it sits in. */
export function readOpml(text: string): OpmlFeed[] {
  const root = parseXml(text.replace(/^\uFEFF/, ''), null)
  const body = root?.name === 'opml' ? child(root, 'body') : null
  if (!body) {
    throw new BroadsheetError(
      'invalid_input',
      'This file is not OPML (no <opml><body>); export your subscriptions from your feed reader as OPML and try again.',
    )
  }
  const feeds: OpmlFeed[] = []
  const walk = (el: XmlElement, folder: string[]) => {
    for (const o of children(el, 'outline')) {
      const a = o.attrs
      const name = plainText(a.title ?? a.text ?? null)
      const url = absoluteHttpUrl(a.xmlurl ?? a.url ?? null, null)
      if (url && (a.xmlurl || (a.type ?? '').toLowerCase() !== 'link')) {
        feeds.push({ url, title: name, siteUrl: absoluteHttpUrl(a.htmlurl, null), folder })
      }
      // An outline with children is a folder (even one that is also a feed in some exports).
      if (children(o, 'outline').length > 0) walk(o, url || !name ? folder : [...folder, name])
    }
  }
  walk(body, [])
  return feeds
}

/** Subscribe to every feed in an OPML document not already followed (no fetching yet: each is due now). */
export function importOpml(lib: Library, text: string): OpmlImport {
  const found = readOpml(text)
  const result: OpmlImport = { added: [], skipped: [] }
  const ids: number[] = []
  lib.transaction(() => {
    for (const f of found) {
      if (findFeedByUrl(lib, f.url)) {
        result.skipped.push({ url: f.url, reason: 'already followed' })
        continue
      }
      ids.push(
        insertFeed(lib, {
          url: f.url,
          title: f.title ?? new URL(f.url).host,
          siteUrl: f.siteUrl,
          folder: f.folder,
        }),
      )
    }
  })
  const byId = new Map(listFeeds(lib).map((f) => [f.id, f]))
  result.added = ids.map((id) => byId.get(String(id))!).filter(Boolean)
  return result
}

function attr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n/g, '&#10;')
}

interface FolderNode {
  feeds: Feed[]
  folders: Map<string, FolderNode>
}

/** Every feed as an OPML 2.0 document, folders as nested outlines. */
export function exportOpml(lib: Library, title = 'Broadsheet subscriptions'): string {
  const root: FolderNode = { feeds: [], folders: new Map() }
  for (const feed of listFeeds(lib)) {
    let node = root
    for (const name of feed.folder) {
      let next = node.folders.get(name)
      if (!next) {
        next = { feeds: [], folders: new Map() }
        node.folders.set(name, next)
      }
      node = next
    }
    node.feeds.push(feed)
  }
  const lines: string[] = []
  const write = (node: FolderNode, depth: number) => {
    const pad = '  '.repeat(depth)
    for (const [name, sub] of node.folders) {
      lines.push(`${pad}<outline text="${attr(name)}" title="${attr(name)}">`)
      write(sub, depth + 1)
      lines.push(`${pad}</outline>`)
    }
    for (const f of node.feeds) {
      const site = f.siteUrl ? ` htmlUrl="${attr(f.siteUrl)}"` : ''
      lines.push(
        `${pad}<outline type="rss" text="${attr(f.title)}" title="${attr(f.title)}" xmlUrl="${attr(f.url)}"${site}/>`,
      )
    }
  }
  write(root, 2)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${attr(title)}</title>`,
    `    <dateCreated>${lib.now().toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n')
}
