#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security scanner) over src/, failing on any high or
// medium finding that docs/architecture.md does not explain.
//
// `npx electronegativity -i src -e 45.5.0` does the same scan, but its command line breaks in
// this checkout: it requires `commander` without declaring it and gets the project's
// commander 14, whose API it does not know. This runs its scanner directly instead.
//
// A finding is explained when one line of the docs names both its check id and its file, in
// backquotes: "`CONTEXT_ISOLATION_JS_CHECK` … `main/index.ts`". The check for newer Electron
// releases with security fixes (AvailableSecurityFixesGlobalCheck) is left out: it needs the
// network and says nothing about this code.
//
// Options: --input <dir> (default src), --docs <file> (default docs/architecture.md), --json.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const ROOT = join(import.meta.dirname, '..')
const require = createRequire(join(ROOT, 'package.json'))
const { values: args } = parseArgs({
  options: {
    input: { type: 'string', default: join(ROOT, 'src') },
    docs: { type: 'string', default: join(ROOT, 'docs', 'architecture.md') },
    json: { type: 'boolean', default: false },
  },
})

const run = require('@doyensec/electronegativity/dist/runner.js')
const electronVersion = require('electron/package.json').version
const docLines = readFileSync(args.docs, 'utf8').split('\n')

// The scanner logs through console.log (i18n and progress notes); keep stdout for the report.
const log = console.log
console.log = (...parts) => console.error(...parts)
let result
try {
  result = await run({
    input: resolve(args.input),
    electronVersionOverride: electronVersion,
    isRelative: true,
    customScan: [],
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
  })
} finally {
  console.log = log
}

const findings = result.issues.map((issue) => {
  const severity = issue.severity.name
  const file = issue.file.replaceAll('\\', '/')
  const serious = severity === 'HIGH' || severity === 'MEDIUM'
  const explained = docLines.some((l) => l.includes(`\`${issue.id}\``) && l.includes(`\`${file}\``))
  return {
    id: issue.id,
    severity,
    confidence: issue.confidence.name,
    file,
    line: issue.location?.line ?? null,
    explained,
    failing: serious && !explained,
  }
})
const failing = findings.filter((f) => f.failing)
const unparsed = result.errors.filter((e) => !e.tolerable)

if (args.json) {
  console.log(JSON.stringify({ electronVersion, findings, unparsed }, null, 2))
} else {
  console.log(`Electronegativity, Electron ${electronVersion}: ${findings.length} findings`)
  for (const f of findings) {
    const note = f.failing ? 'NOT EXPLAINED' : f.explained ? 'explained' : 'low/informational'
    console.log(`  ${f.severity.padEnd(13)} ${f.id}  ${f.file}:${f.line ?? '?'}  (${note})`)
  }
  for (const e of unparsed) console.log(`  could not parse ${e.file}: ${e.message}`)
  if (failing.length > 0) {
    console.log(
      `${failing.length} high or medium finding(s) not explained: fix them, or explain each in ${args.docs} on a line naming the check id and the file in backquotes.`,
    )
  }
}
process.exit(failing.length > 0 || unparsed.length > 0 ? 1 : 0)
