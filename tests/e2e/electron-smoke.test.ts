import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, type ElectronApplication } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../../src/shared/methods'
import { buildApp } from './browser'

// The desktop app itself, launched with Playwright's Electron driver. It needs Electron's
// binary, which `require('electron')` downloads on first use; where that is impossible (no
// internet, as on the machines this was written on) the test is skipped and says so.
const ROOT = join(import.meta.dirname, '..', '..')

/** The Electron binary's path, or why there is none. Asked in a child: it may download. */
function findElectron(): { path: string } | { reason: string } {
  const run = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 10 * 60_000,
  })
  const path = run.stdout.trim()
  if (run.status === 0 && path && existsSync(path)) return { path }
  const why = `${run.stderr}`.split('\n').find((l) => /Error|failed/.test(l))
  return {
    reason: `require('electron') could not download it: ${why?.trim() || path || 'no path'}`,
  }
}

const electron = findElectron()
const noDisplay =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY

if ('reason' in electron) {
  it.skip(`skipped: no Electron binary on this machine (${electron.reason})`, () => {})
} else if (noDisplay) {
  it.skip('skipped: no display for Electron on this machine (run under xvfb-run)', () => {})
} else {
  describe('desktop app (Electron)', () => {
    let app: ElectronApplication
    let library: string

    beforeAll(async () => {
      // SQLite built for Electron (npm install's postinstall fetches it; here it is made sure
      // of, so a missing one fails with the script's message rather than a blocking dialog).
      const native = spawnSync(
        process.execPath,
        [join(ROOT, 'scripts', 'build-electron-native.mjs'), '--strict'],
        { encoding: 'utf8', timeout: 15 * 60_000 },
      )
      if (native.status !== 0) throw new Error(native.stdout + native.stderr)
      buildApp()
      library = mkdtempSync(join(tmpdir(), 'broadsheet-electron-'))
      const env: Record<string, string> = {}
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v
      delete env.ELECTRON_RENDERER_URL
      delete env.ELECTRON_RUN_AS_NODE
      env.BROADSHEET_LIBRARY = join(library, 'library')
      // A Markdown file named on the command line, as the OS passes a double-clicked file.
      const file = join(library, 'opened.md')
      writeFileSync(file, '# Opened at launch\n\nThis file was named on the command line.\n')
      app = await _electron.launch({
        executablePath: electron.path,
        // As root (containers), Chromium refuses to start without --no-sandbox.
        args: [ROOT, file, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        env,
        timeout: 60_000,
      })
    }, 20 * 60_000)

    afterAll(async () => {
      await app?.close()
      if (library) rmSync(library, { recursive: true, force: true })
    })

    it('opens the locked-down window on app:// with only the contract exposed', async () => {
      const page = await app.firstWindow()
      await page.waitForLoadState('domcontentloaded')
      expect(await page.title()).toBe('Broadsheet')
      const seen = await page.evaluate(() => ({
        protocol: location.protocol,
        api: typeof (window as unknown as { api?: unknown }).api,
        methods: Object.keys((window as unknown as { api: object }).api).sort(),
        desktop: Object.keys((window as unknown as { desktop: object }).desktop),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        csp: document
          .querySelector('meta[http-equiv="Content-Security-Policy"]')
          ?.getAttribute('content'),
      }))
      expect(seen.protocol).toBe('app:')
      expect(seen.api).toBe('object')
      expect(seen.methods).toEqual([...METHOD_NAMES].sort())
      // Besides the contract, only the shell's event subscription.
      expect(seen.desktop).toEqual(['onEvent'])
      expect(seen.require).toBe('undefined')
      expect(seen.process).toBe('undefined')
      expect(seen.csp).toContain("script-src 'self'")

      // The contract answers over IPC from the app's own page.
      const listed = await page.evaluate(() =>
        (window as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api[
          'articles.list'
        ]!({}),
      )
      expect(listed).toBeTruthy()
    })

    it('imports and shows a Markdown file named at launch', async () => {
      const page = await app.firstWindow()
      await expect
        .poll(() => page.locator('body').innerText(), { timeout: 15_000 })
        .toContain('This file was named on the command line.')
    })
  })
}
