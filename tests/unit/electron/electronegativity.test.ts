import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { tempDir, useTempLibraries } from '../../helpers/temp-library'

useTempLibraries()

const ROOT = join(import.meta.dirname, '..', '..', '..')
const SCRIPT = join(ROOT, 'scripts', 'electronegativity.mjs')

interface Report {
  findings: { id: string; severity: string; file: string; explained: boolean; failing: boolean }[]
  unparsed: unknown[]
}

async function scan(args: string[]): Promise<{ code: number; report: Report }> {
  let code = 0
  let stdout: string
  try {
    ;({ stdout } = await promisify(execFile)(process.execPath, [SCRIPT, '--json', ...args], {
      timeout: 90_000,
      maxBuffer: 16 * 1024 * 1024,
    }))
  } catch (err) {
    const e = err as { code: number; stdout: string }
    code = e.code
    stdout = e.stdout
  }
  return { code, report: JSON.parse(stdout) as Report }
}

describe('Electronegativity over src/', () => {
  it('finds no high or medium issue that docs/architecture.md does not explain', async () => {
    const { code, report } = await scan([])
    const failing = report.findings.filter((f) => f.failing)
    expect(failing, JSON.stringify(failing, null, 2)).toEqual([])
    expect(report.unparsed).toEqual([])
    expect(code).toBe(0)
    // The scan really ran the checks (the window is created in main/index.ts).
    expect(report.findings.some((f) => f.file === 'main/index.ts')).toBe(true)
  }, 90_000)

  it('fails on a finding nobody explained', async () => {
    const src = tempDir()
    mkdirSync(join(src, 'main'))
    writeFileSync(
      join(src, 'main', 'bad.js'),
      "const { BrowserWindow } = require('electron')\n" +
        'new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } })\n',
    )
    const { code, report } = await scan(['--input', src])
    expect(code).toBe(1)
    const ids = report.findings.filter((f) => f.failing).map((f) => f.id)
    expect(ids).toContain('CONTEXT_ISOLATION_JS_CHECK')
    expect(ids).toContain('SANDBOX_JS_CHECK')
    // Without the app's navigation and permission handlers, the global checks fire too.
    expect(ids).toContain('LIMIT_NAVIGATION_GLOBAL_CHECK')
    expect(ids).toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK')
  }, 90_000)
})
