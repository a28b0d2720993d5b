/**
 * A child process for the crash test: opens the library in argv[2] and writes to it in a loop
 * (create, update, trash, state changes) until it is killed. Each save is printed as one JSON
 * line on stdout only after the API call returned, so every printed line is an acknowledged
 * save. Pipes are written synchronously on Linux, so a printed line is never lost to SIGKILL.
 *
 * Run: node --import tsx tests/helpers/crash-writer.ts <library dir>
 */
import {
  contentHash,
  createArticle,
  setArticleState,
  trashArticle,
  updateArticle,
} from '../../src/main/library/articles'
import { openLibrary } from '../../src/main/library/open-library'

/** One acknowledged save, as printed. */
export interface Ack {
  op: 'create' | 'update' | 'trash' | 'state'
  id: string
  version: number
  hash: string
  trashed?: boolean
  starred?: boolean
}

const WORDS = [
  'Videokamera',
  'café',
  'summit',
  'newsroom',
  '人工智能',
  'election',
  'Klimaschutz',
  'harbour',
  'editorial',
  'weather',
  'ニュース',
  'satellite',
]

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!

function paragraph(n: number): string {
  const words: string[] = []
  for (let i = 0; i < n; i++) words.push(pick(WORDS))
  return words.join(' ')
}

function document(serial: number): string {
  const tags = [pick(['world', 'tech', 'culture']), pick(['draft', 'feature'])]
  return `---\ntitle: Article ${serial} ${pick(WORDS)}\ntags: [${tags.join(', ')}]\nx-unknown: keep me # a comment\n---\n\n# Heading ${serial}\r\n\r\n${paragraph(40 + Math.floor(Math.random() * 400))}\n\n${paragraph(30)}`
}

function ack(a: Ack): void {
  process.stdout.write(`${JSON.stringify(a)}\n`)
}

const dir = process.argv[2]
if (!dir) throw new Error('usage: crash-writer.ts <library dir>')
const lib = openLibrary(dir)
const live = new Map<string, number>()
for (const row of lib.db
  .prepare('SELECT uid, version FROM articles WHERE trashed_at IS NULL')
  .all() as { uid: string; version: number }[]) {
  live.set(row.uid, row.version)
}
process.stdout.write('ready\n')

let serial = Date.now() % 1_000_000
for (;;) {
  const r = Math.random()
  const ids = [...live.keys()]
  if (ids.length < 5 || r < 0.35) {
    const a = createArticle(lib, document(serial++))
    live.set(a.id, a.version)
    ack({ op: 'create', id: a.id, version: a.version, hash: contentHash(a.markdown) })
  } else if (r < 0.85) {
    const id = pick(ids)
    const a = updateArticle(lib, id, `${document(serial++)}\n\nEdit ${r}`, live.get(id)!)
    live.set(id, a.version)
    ack({ op: 'update', id, version: a.version, hash: contentHash(a.markdown) })
  } else if (r < 0.93) {
    const id = pick(ids)
    const a = setArticleState(lib, id, { starred: true, read: Math.random() < 0.5 })
    ack({ op: 'state', id, version: a.version, hash: contentHash(a.markdown), starred: a.starred })
  } else {
    const id = pick(ids)
    const a = trashArticle(lib, id)
    live.delete(id)
    ack({
      op: 'trash',
      id,
      version: a.version,
      hash: contentHash(a.markdown),
      trashed: a.trashedAt !== null,
    })
  }
}
