import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { BroadsheetError } from '../../shared/errors'
import { purgeTrash } from './articles'
import { ASSETS_DIR, DB_FILE } from './library-paths'
import { FTS_TEXT_VERSION, rebuildIndex, registerFtsFunctions } from './fts-source'
import { MIGRATIONS, SCHEMA_VERSION } from './migrations'

/** An open library: the database connection and the folder it lives in. */
export interface Library {
  readonly dir: string
  readonly dbPath: string
  readonly assetsDir: string
  readonly db: Database.Database
  /** The clock, replaceable in tests (revision coalescing and trash expiry depend on it). */
  now: () => Date
  /** Vocabulary terms known to be stored, so saves skip most inserts (see vocabulary.ts). */
  readonly knownTerms: Set<string>
  /**
   * Run `fn` in a transaction (a savepoint when nested). If it fails, in-memory caches that may
   * now name rolled-back rows are dropped. Use this for every write.
   */
  transaction<T>(fn: () => T): T
  close(): void
}

/** Options for `openLibrary`. */
export interface OpenOptions {
  /** Whether the person chose this folder (a non-empty foreign folder is then refused). Default true. */
  explicit?: boolean
  /** Write a `VACUUM INTO` backup before migrating a non-empty library. Default true. */
  backupBeforeMigrating?: boolean
  now?: () => Date
  /** Delete for good what has been in the trash for 30 days. Default true. */
  purgeExpiredTrash?: boolean
  /**
   * Path of the better-sqlite3 native module to load instead of node_modules' own build (the
   * Electron app passes its Electron build; see src/main/electron/native-binding.ts).
   */
  nativeBinding?: string
}

/** The native module every connection loads unless `OpenOptions.nativeBinding` names another. */
let defaultNativeBinding: string | undefined

/**
 * Make every library connection this process opens from now on (the app's own, a feed
 * scheduler's, …) load better-sqlite3's native module from `path`: the Electron app calls this
 * once with its Electron build (src/main/electron/native-binding.ts). Undefined restores
 * node_modules' own build.
 */
export function setDefaultNativeBinding(path: string | undefined): void {
  defaultNativeBinding = path
}

/**
 * Open (creating if needed) the library in `dir`: a folder holding `library.db` and `assets/`.
 * Refuses a non-empty folder that is not a library, and a library written by a newer version.
 */
export function openLibrary(dir: string, options: OpenOptions = {}): Library {
  const root = resolve(dir)
  const dbPath = join(root, DB_FILE)
  prepareFolder(root, dbPath, options.explicit ?? true)
  const nativeBinding = options.nativeBinding ?? defaultNativeBinding
  const binding = nativeBinding ? { nativeBinding } : {}
  refuseNewerLibrary(root, dbPath, binding)

  let db: Database.Database
  try {
    db = new Database(dbPath, binding)
  } catch (err) {
    throw new BroadsheetError(
      'library_unusable',
      `Cannot open ${dbPath} (${(err as Error).message}); check that the file is readable and writable.`,
    )
  }
  try {
    // Read the version before anything writes to the file: a newer library is never touched.
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) throw newerLibraryError(root, version)
    configure(db)
    registerFtsFunctions(db)
    migrate(db, dbPath, version, options.backupBeforeMigrating ?? true)
    refreshIndexIfStale(db)
  } catch (err) {
    db.close()
    throw err
  }
  mkdirSync(join(root, ASSETS_DIR), { recursive: true })

  const knownTerms = new Set<string>()
  const lib: Library = {
    dir: root,
    dbPath,
    assetsDir: join(root, ASSETS_DIR),
    db,
    now: options.now ?? (() => new Date()),
    knownTerms,
    transaction<T>(fn: () => T): T {
      try {
        return db.transaction(fn)()
      } catch (err) {
        knownTerms.clear()
        throw err
      }
    },
    close() {
      if (!db.open) return
      try {
        db.pragma('optimize')
      } finally {
        db.close()
      }
    },
  }
  // What has been in the trash for 30 days goes now, whichever door opened the library.
  if (options.purgeExpiredTrash ?? true) purgeTrash(lib)
  return lib
}

function prepareFolder(root: string, dbPath: string, explicit: boolean): void {
  if (!existsSync(root)) {
    try {
      mkdirSync(root, { recursive: true })
    } catch (err) {
      throw new BroadsheetError(
        'library_unusable',
        `Cannot create the library folder ${root} (${(err as NodeJS.ErrnoException).code}); choose another with --library.`,
      )
    }
    return
  }
  if (!statSync(root).isDirectory()) {
    throw new BroadsheetError(
      'library_unusable',
      `${root} is a file, not a library folder; choose a folder with --library.`,
    )
  }
  if (explicit && !existsSync(dbPath) && readdirSync(root).length > 0) {
    throw new BroadsheetError(
      'library_unusable',
      `${root} is not a Broadsheet library and is not empty; choose an empty or new folder with --library.`,
    )
  }
}

function newerLibraryError(root: string, version: number): BroadsheetError {
  return new BroadsheetError(
    'library_unusable',
    `The library in ${root} was written by a newer Broadsheet (schema ${version}, this one knows up to ${SCHEMA_VERSION}); update Broadsheet to open it.`,
  )
}

/**
 * Check the schema version through a read-only connection first: closing a read-write one
 * checkpoints a newer version's write-ahead log into its database, which would change the
 * file of a library this version must not touch.
 */
function refuseNewerLibrary(
  root: string,
  dbPath: string,
  binding: { nativeBinding?: string },
): void {
  if (!existsSync(dbPath)) return
  let version: number
  try {
    const probe = new Database(dbPath, { readonly: true, fileMustExist: true, ...binding })
    try {
      version = probe.pragma('user_version', { simple: true }) as number
    } finally {
      probe.close()
    }
  } catch {
    // Unreadable this way (e.g. no shared-memory file can be made): the full open reports it.
    return
  }
  if (version > SCHEMA_VERSION) throw newerLibraryError(root, version)
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL')
  // FULL: an acknowledged save survives a power cut too, not just a killed process.
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // 64 MB of page cache (the default is 2 MB): the article rows, the index's upper levels and
  // the vocabulary stay in memory for lists and searches of a large library.
  db.pragma('cache_size = -65536')
}

function migrate(db: Database.Database, dbPath: string, from: number, backup: boolean): void {
  const pending = MIGRATIONS.filter((m) => m.version > from)
  if (pending.length === 0) return
  if (from > 0 && backup) {
    const target = `${dbPath}.before-v${SCHEMA_VERSION}-${new Date().toISOString().replace(/[:.]/g, '-')}.bak`
    db.prepare('VACUUM INTO ?').run(target)
  }
  for (const m of pending) {
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
  // A new library's index is built by this code; an older one is checked by refreshIndexIfStale.
  if (from === 0) {
    db.prepare(`INSERT INTO meta (key, value) VALUES ('fts_text_version', ?)`).run(
      String(FTS_TEXT_VERSION),
    )
  }
}

function refreshIndexIfStale(db: Database.Database): void {
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'fts_text_version'`).get() as
    { value: string } | undefined
  if (row?.value === String(FTS_TEXT_VERSION)) return
  db.transaction(() => {
    rebuildIndex(db)
    db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('fts_text_version', ?)`).run(
      String(FTS_TEXT_VERSION),
    )
  })()
}
