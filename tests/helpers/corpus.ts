/**
 * Where the shared real-world corpus (feeds and pages from other projects) is: used in place,
 * never copied into the repository. `BROADSHEET_CORPUS` names it; otherwise it is the
 * `shared/corpus` folder beside this checkout, or the one on the project's machines
 * (/work/shared/corpus), so a clean clone anywhere on them finds it.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const candidates = [
  process.env.BROADSHEET_CORPUS,
  join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus'),
  '/work/shared/corpus',
].filter((p): p is string => Boolean(p))

/** The corpus folder (it has `feeds/` and `pages/`). Throws, naming where it looked, if absent. */
export function corpusDir(): string {
  const found = candidates.find((p) => existsSync(join(p, 'feeds')))
  if (!found) {
    throw new Error(
      `The shared corpus was not found (looked in ${candidates.join(', ')}); set BROADSHEET_CORPUS to its folder.`,
    )
  }
  return found
}
