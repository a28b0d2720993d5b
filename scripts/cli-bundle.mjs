/**
 * A fast start for the `broadsheet` command. Running the TypeScript sources through tsx costs
 * about a second of CPU per start (tsx itself, then a transform per file); an esbuild bundle of
 * the same sources starts in a fraction of that. The bundle is kept in
 * node_modules/.cache/broadsheet-cli/ and used only while it is fresh: every file that went
 * into it is checked on each start, and one whose size, mtime or ctime differs from what it was
 * at the build (or that is gone) makes that start build anew, so a checkout never runs stale
 * output. (ctime moves on every write, rename or `touch -d`, and cannot be set back.) When no bundle can be had (esbuild missing, a build error, a cache that cannot be
 * written) the caller runs the sources through tsx as before.
 *
 * Packages stay external (Node loads them from node_modules, so native modules and dynamic
 * requires need no care here), except a few plain-JavaScript ones that every command loads:
 * Node's ESM loader spends about 2 ms on each module, and zod alone has about a hundred. Their
 * files are inputs like the sources, so a reinstall (new ctimes) rebuilds too.
 * Each build goes to a folder of its own and a manifest names the newest one, replaced by an
 * atomic rename, so processes that start together never see half a build. The manifest is named
 * after the checkout, so two checkouts sharing one node_modules (a symlink) never run each
 * other's bundle.
 */
import { createHash } from 'node:crypto'
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Bumped when the build below changes in a way its inputs do not show. */
const FORMAT = 1
/**
 * A file whose times are this close to the build's start, or later, may have changed while
 * esbuild read it, after its times were taken (git calls such an entry "racy"): it counts as
 * changed, so the next start builds again (once). File times come from the kernel's coarse
 * clock, which lags `Date.now()` by up to a tick (at most 10 ms); this leaves ample room.
 */
const RACY_MARGIN_MS = 100
/** Builds other than the current one are removed once this old (a long `serve` may use one). */
const KEEP_OLD_BUILDS_MS = 24 * 60 * 60 * 1000

/**
 * Packages bundled rather than loaded from node_modules: pure JavaScript, no dynamic requires,
 * loaded by every command (commander, the contract's zod, front matter's yaml and smol-toml).
 */
const BUNDLED_PACKAGES = new Set(['commander', 'zod', 'yaml', 'smol-toml'])

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Where the CLI's sources and its bundle live. Tests point these at a small project of their
 * own; the CLI uses the defaults.
 * @typedef {{ root: string, entry: string, cacheDir: string, extraInputs: string[] }} BundlePlace
 */
/** @type {BundlePlace} */
export const CLI_BUNDLE = {
  root: PROJECT,
  entry: 'src/main/cli/main.ts',
  cacheDir: join(PROJECT, 'node_modules/.cache/broadsheet-cli'),
  // Not imported by the sources, yet they decide what is built and how.
  extraInputs: [
    'scripts/cli-bundle.mjs',
    'package.json',
    'tsconfig.json',
    'node_modules/esbuild/package.json',
  ],
}

/**
 * The file: URL of a fresh bundle of `place.entry`, building one if there is none or an input
 * changed; null when none can be had (the caller then runs the sources through tsx).
 * @param {BundlePlace} [place]
 * @returns {Promise<string | null>}
 */
export async function freshBundleUrl(place = CLI_BUNDLE) {
  return currentBundleUrl(place) ?? (await buildBundle(place))
}

/**
 * The current bundle's entry URL if no input changed since it was built, else null.
 * @param {BundlePlace} place
 * @returns {string | null}
 */
export function currentBundleUrl(place) {
  let manifest
  try {
    manifest = JSON.parse(readFileSync(manifestFile(place), 'utf8'))
  } catch {
    return null
  }
  if (manifest?.format !== FORMAT || manifest.root !== place.root) return null
  if (!Array.isArray(manifest.inputs)) return null
  for (const [input, seen] of manifest.inputs) {
    const st = statSync(join(place.root, input), { throwIfNoEntry: false })
    if (!st || fingerprint(st) !== seen) return null
  }
  const entry = join(place.cacheDir, manifest.dir, 'main.js')
  if (!statSync(entry, { throwIfNoEntry: false })) return null
  return pathToFileURL(entry).href
}

/**
 * What a file's stat says about its contents: any write changes one of these.
 * @param {import('node:fs').Stats} st
 */
function fingerprint(st) {
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}`
}

/**
 * The manifest of `place.root`'s current bundle: which build folder, when it was built, and
 * the files that went into it.
 * @param {BundlePlace} place
 */
function manifestFile(place) {
  const id = createHash('sha256').update(place.root).digest('hex').slice(0, 16)
  return join(place.cacheDir, `current-${id}.json`)
}

/**
 * Build a bundle into a new folder and make it current. Returns its entry URL, or null when
 * esbuild is missing, the sources do not build, or the cache folder cannot be written.
 * @param {BundlePlace} place
 * @returns {Promise<string | null>}
 */
async function buildBundle(place) {
  // Taken before esbuild reads anything: a file saved during the build is newer than this.
  const start = Date.now() - RACY_MARGIN_MS
  const dir = `build-${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
  const outdir = join(place.cacheDir, dir)
  const tmp = join(place.cacheDir, `${dir}.json.tmp`)
  try {
    const esbuild = await import('esbuild')
    mkdirSync(outdir, { recursive: true })
    const result = await esbuild.build({
      absWorkingDir: place.root,
      entryPoints: { main: place.entry },
      outdir,
      bundle: true,
      splitting: true, // a command's code (and its packages) load when the command runs
      format: 'esm',
      platform: 'node',
      target: 'node20',
      keepNames: true,
      metafile: true,
      logLevel: 'silent',
      // A bundled CommonJS package's require('events') needs a real require in an ES module.
      banner: {
        js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);",
      },
      plugins: [externalPackages(), sourceImportMeta(place.root, outdir)],
    })
    const inputs = []
    for (const file of new Set([...Object.keys(result.metafile.inputs), ...place.extraInputs])) {
      const st = statSync(join(place.root, file), { throwIfNoEntry: false })
      if (!st) continue // an extra input this project does not have
      const racy = Math.max(st.mtimeMs, st.ctimeMs) >= start
      inputs.push([file, racy ? 'racy' : fingerprint(st)])
    }
    const manifest = { format: FORMAT, root: place.root, dir, inputs }
    writeFileSync(tmp, JSON.stringify(manifest))
    renameSync(tmp, manifestFile(place))
    try {
      removeOldBuilds(place.cacheDir, dir)
    } catch {
      // Tidying is optional; the build is made and current.
    }
    return pathToFileURL(join(outdir, 'main.js')).href
  } catch {
    try {
      rmSync(outdir, { recursive: true, force: true })
      rmSync(tmp, { force: true })
    } catch {
      // Nothing was made there (the cache folder cannot be written).
    }
    return null
  }
}

/**
 * Leaves every package to Node but those in BUNDLED_PACKAGES (and Node's own modules).
 * @returns {import('esbuild').Plugin}
 */
function externalPackages() {
  return {
    name: 'external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:')) return { path: args.path, external: true }
        const name = args.path.split('/', args.path.startsWith('@') ? 2 : 1).join('/')
        return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true }
      })
    },
  }
}

/**
 * Gives each bundled source its own `import.meta.url` (and `dirname`, `filename`): the path of
 * the source file, not of the bundle, so code that finds files beside itself (package.json,
 * the reader stylesheet, the built renderer, a worker's boot file) finds the same files as
 * when it runs from the sources. The URL is made relative to the bundle, so it survives the
 * checkout being moved.
 * @param {string} root
 * @param {string} outdir
 * @returns {import('esbuild').Plugin}
 */
function sourceImportMeta(root, outdir) {
  return {
    name: 'source-import-meta',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        if (relative(root, args.path).startsWith('..')) return undefined
        const text = readFileSync(args.path, 'utf8')
        if (!/\bimport\.meta\.(url|dirname|filename)\b/.test(text)) return undefined
        // Real paths: Node names a module by its real path, through a symlinked node_modules.
        const rel = relative(realpathSync(outdir), realpathSync(args.path)).split('\\').join('/')
        // Only what the file uses: a call left unused would still run.
        let head = `const __sourceUrl = new URL(${JSON.stringify(rel)}, import.meta.url).href;`
        if (/\bimport\.meta\.(dirname|filename)\b/.test(text)) {
          head =
            `import { fileURLToPath as __sourceUrlToPath } from 'node:url';${head}` +
            `const __sourceFile = __sourceUrlToPath(__sourceUrl);` +
            `const __sourceDir = __sourceUrlToPath(new URL('.', __sourceUrl)).replace(/[\\\\/]$/, '');`
        }
        const body = text
          .replace(/\bimport\.meta\.url\b/g, '__sourceUrl')
          .replace(/\bimport\.meta\.dirname\b/g, '__sourceDir')
          .replace(/\bimport\.meta\.filename\b/g, '__sourceFile')
        const loader = /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js'
        return { contents: head + body, loader }
      })
    },
  }
}

/**
 * Remove builds older than a day that no manifest names (a running process may still load
 * lazily imported chunks from a recent one), and left-over manifests of failed writes.
 * @param {string} cacheDir
 * @param {string} keep
 */
function removeOldBuilds(cacheDir, keep) {
  const names = readdirSync(cacheDir)
  const current = new Set([keep])
  for (const name of names.filter((n) => /^current-\w+\.json$/.test(n))) {
    try {
      current.add(JSON.parse(readFileSync(join(cacheDir, name), 'utf8')).dir)
    } catch {
      // Unreadable: its build is not kept for it.
    }
  }
  for (const name of names) {
    const built = Number(/^build-(\d+)-/.exec(name)?.[1])
    if (current.has(name) || !built || Date.now() - built < KEEP_OLD_BUILDS_MS) continue
    rmSync(join(cacheDir, name), { recursive: true, force: true })
  }
}
