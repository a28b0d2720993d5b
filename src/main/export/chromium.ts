/**
 * Finding and starting a headless Chromium for PDF export outside Electron (the CLI and
 * browser mode). Never a downloaded browser: the one installed on the machine, or the one
 * named by `BROADSHEET_CHROMIUM`.
 */
import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { BroadsheetError } from '../../shared/errors'

/** Where Chromium-family browsers are installed on Linux, macOS and Windows. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
]

/** The Chromium to print with: `BROADSHEET_CHROMIUM`, else the first one installed. */
export function findChromium(env = process.env): string {
  const chosen = env.BROADSHEET_CHROMIUM
  if (chosen) {
    if (existsSync(chosen)) return chosen
    throw new BroadsheetError(
      'io_error',
      `BROADSHEET_CHROMIUM names ${chosen}, which does not exist; point it at a Chromium or Chrome executable.`,
    )
  }
  const found = CANDIDATES.find((c) => existsSync(c))
  if (found === undefined) {
    throw new BroadsheetError(
      'io_error',
      'PDF export needs Chromium or Chrome, and none was found; install one (e.g. `apt-get install chromium`) or set BROADSHEET_CHROMIUM to its path.',
    )
  }
  return found
}

/** Start headless Chromium with no network-facing background services. */
export async function launchChromium(executablePath = findChromium()): Promise<Browser> {
  const { chromium } = await import('playwright-core')
  try {
    return await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
  } catch (err) {
    throw new BroadsheetError(
      'io_error',
      `Chromium at ${executablePath} could not be started (${(err as Error).message.split('\n')[0]}); check that it runs, or set BROADSHEET_CHROMIUM to another.`,
    )
  }
}
