/**
 * A private copy of the built renderer for one test file or bench run. Other test files, and
 * other people's builds, rebuild `out/` meanwhile; a page must not load half a build.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, RENDERER_DIR } from './browser'

/** Build the app and copy the bundle to a new temp folder; returns it (remove it when done). */
export function privateBundle(): string {
  for (let attempt = 0; ; attempt++) {
    buildApp()
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bundle-'))
    try {
      cpSync(RENDERER_DIR, dir, { recursive: true })
      const html = readFileSync(join(dir, 'index.html'), 'utf8')
      const refs = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]!)
      // The entry script names the chunks it loads later (the article pane …): all there too.
      const entry = refs.find((ref) => ref.endsWith('.js'))
      const script = entry ? readFileSync(join(dir, entry), 'utf8') : ''
      const chunks = [...script.matchAll(/"\.\/([\w.-]+\.(?:js|css))"/g)].map(
        (m) => `assets/${m[1]}`,
      )
      const all = [...refs, ...chunks]
      if (refs.length > 0 && all.every((ref) => existsSync(join(dir, ref)))) return dir
    } catch {
      // A build was replacing out/ while we copied: build again.
    }
    rmSync(dir, { recursive: true, force: true })
    if (attempt === 3) throw new Error(`Could not copy a complete build from ${RENDERER_DIR}.`)
  }
}
