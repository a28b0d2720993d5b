import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/temp-library'

// `broadsheet serve` as a person runs it: a real process that prints its URL, answers with
// the token from that URL, and exits cleanly on Ctrl+C.
const ROOT = join(import.meta.dirname, '../../..')
const BIN = join(ROOT, 'bin/broadsheet')
const FIXTURE = join(import.meta.dirname, 'fixtures/serve-without-main.ts')

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

interface Started {
  child: ChildProcess
  url: URL
  stderr: () => string
  exit: Promise<number | null>
}

/** Spawn a serve process and wait for the URL line on stdout. */
function start(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, BROADSHEET_LIBRARY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL within 20 s; stderr: ${stderr}`)),
      20_000,
    )
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString()
      const line = stdout.split('\n').find((l) => l.startsWith('http://'))
      if (line === undefined || !stdout.includes('\n')) return
      clearTimeout(timer)
      resolve({ child, url: new URL(line.trim()), stderr: () => stderr, exit })
    })
    void exit.then((code) => reject(new Error(`exited ${code} before printing; ${stderr}`)))
  })
}

async function listArticles(url: URL, token: string) {
  return fetch(`${url.origin}/rpc/articles.list`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: '{}',
  })
}

/** The checks both ways of starting share: URL shape, token works, SIGINT exits 0. */
async function exercise(s: Started) {
  expect(s.url.hostname).toBe('127.0.0.1')
  const token = s.url.searchParams.get('token')!
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  const res = await listArticles(s.url, token)
  expect(res.status).toBe(200)
  expect(await res.json()).toMatchObject({ ok: true, value: { items: [] } })
  expect((await listArticles(s.url, 'wrong')).status).toBe(401)
  // An open event stream must not keep the process alive past Ctrl+C.
  const events = await fetch(`${s.url.origin}/events`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  expect(events.status).toBe(200)
  s.child.kill('SIGINT')
  expect(await s.exit).toBe(0)
  expect(s.stderr()).not.toMatch(/warning/)
}

describe('broadsheet serve', () => {
  it('serves until SIGINT, then exits 0 by itself (the command without main.ts)', async () => {
    const library = join(tempDir(), 'library')
    await exercise(await start(['--import', 'tsx', FIXTURE, library]))
  })

  it('runs from the broadsheet command', async () => {
    const library = join(tempDir(), 'library')
    await exercise(await start([BIN, '--library', library, 'serve']))
  })

  it('warns on stderr when listening beyond this computer', async () => {
    const library = join(tempDir(), 'library')
    const s = await start(['--import', 'tsx', FIXTURE, library, '--host', '0.0.0.0'])
    expect(s.stderr()).toContain('anyone on your network who has the link')
    // The printed link still works from this machine.
    expect(s.url.hostname).toBe('127.0.0.1')
    const res = await listArticles(s.url, s.url.searchParams.get('token')!)
    expect(res.status).toBe(200)
    s.child.kill('SIGTERM')
    expect(await s.exit).toBe(0)
  })
})
