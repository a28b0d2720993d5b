import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_CSP } from '../../../src/main/electron/app-protocol-paths'

const ROOT = join(import.meta.dirname, '..', '..', '..')

/** A policy as directive → sources. */
function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...sources] = d.split(/\s+/)
        return [name!, sources.join(' ')]
      }),
  )
}

describe('APP_CSP', () => {
  const html = readFileSync(join(ROOT, 'src', 'renderer', 'index.html'), 'utf8')
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]

  it('is in step with the page’s own meta policy (both apply; a mismatch would block the app)', () => {
    expect(meta).toBeDefined()
    const header = directives(APP_CSP)
    for (const [name, sources] of directives(meta!)) expect(header.get(name), name).toBe(sources)
  })

  it('runs only the app’s own scripts and can never be framed', () => {
    const header = directives(APP_CSP)
    expect(header.get('script-src')).toBe("'self'")
    expect(header.get('object-src')).toBe("'none'")
    expect(header.get('frame-ancestors')).toBe("'none'")
    expect(APP_CSP).not.toMatch(/unsafe-eval|\*/)
  })
})
