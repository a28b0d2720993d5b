import type { Database } from 'better-sqlite3'
import { vocabularyTerms } from './search/fts-text'

/**
 * Schema migrations, applied in order, one transaction each, keyed on `PRAGMA user_version`.
 * Never edit a migration that has shipped: add a new one.
 */
export interface Migration {
  version: number
  description: string
  up: (db: Database) => void
}

const v1: Migration = {
  version: 1,
  description: 'articles, tags, revisions, assets, settings and the full-text index',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      -- Feeds get their own issue; the table exists now so articles can name their feed.
      CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        url TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );

      CREATE TABLE articles (
        id INTEGER PRIMARY KEY,               -- also the FTS rowid
        uid TEXT NOT NULL UNIQUE,             -- the public id
        content_hash TEXT NOT NULL,           -- sha256 of the document, to spot re-imports
        version INTEGER NOT NULL DEFAULT 1,   -- bumped by every document write
        -- derived from the document
        title TEXT NOT NULL,
        summary TEXT,
        author TEXT,                          -- first author, for sorting and display
        authors TEXT NOT NULL DEFAULT '[]',   -- JSON array
        tags TEXT NOT NULL DEFAULT '[]',      -- JSON array, as in the document
        published_at TEXT,
        source_name TEXT,
        source_url TEXT,
        featured_image TEXT,
        language TEXT,
        word_count INTEGER NOT NULL DEFAULT 0,
        cjk_chars INTEGER NOT NULL DEFAULT 0,
        reading_minutes INTEGER NOT NULL DEFAULT 0,
        front_matter_error TEXT,
        -- library state
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready', 'published')),
        read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
        starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        progress REAL NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
        feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
        feed_item_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        trashed_at TEXT
      );
      -- One index per list order; the id makes keyset paging exact.
      CREATE INDEX articles_by_updated ON articles (updated_at, id);
      CREATE INDEX articles_by_created ON articles (created_at, id);
      CREATE INDEX articles_by_published ON articles (ifnull(published_at, ''), id);
      CREATE INDEX articles_by_title ON articles (title COLLATE NOCASE, id);
      CREATE INDEX articles_by_reading ON articles (reading_minutes, id);
      CREATE INDEX articles_by_hash ON articles (content_hash);
      CREATE INDEX articles_by_trashed ON articles (trashed_at) WHERE trashed_at IS NOT NULL;
      CREATE INDEX articles_by_feed ON articles (feed_id, feed_item_id) WHERE feed_id IS NOT NULL;
      CREATE INDEX articles_starred ON articles (updated_at, id) WHERE starred = 1;
      CREATE INDEX articles_unread ON articles (updated_at, id) WHERE read = 0;

      -- The documents, byte for byte: the truth. Kept out of \`articles\` so that lists, filters
      -- and search joins read small rows that stay in cache, not 6 KB rows with overflow pages.
      CREATE TABLE documents (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        markdown TEXT NOT NULL
      );

      CREATE TABLE article_tags (
        tag TEXT NOT NULL COLLATE NOCASE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (tag, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX article_tags_by_article ON article_tags (article_id);

      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        reason TEXT NOT NULL CHECK (reason IN ('edit', 'restore', 'metadata', 'import', 'delete')),
        title TEXT NOT NULL,
        markdown TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX revisions_by_article ON revisions (article_id, id);

      CREATE TABLE assets (
        hash TEXT PRIMARY KEY,                -- sha256, hex
        ext TEXT NOT NULL,
        mime TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;

      -- The index reads its text through this view (FTS5 "external content"), so the words of
      -- a body are not stored twice: bs_fts_text() is registered on every connection.
      CREATE VIEW article_fts_source AS
        SELECT id,
          bs_fts_text(title) AS title,
          bs_fts_body((SELECT markdown FROM documents WHERE article_id = articles.id)) AS body,
          bs_fts_text(coalesce(author, '') || ' ' || bs_json_words(authors)) AS author,
          bs_fts_text(bs_json_words(tags)) AS tags,
          bs_fts_text(coalesce(source_name, '') || ' ' || coalesce(source_url, '')) AS source
        FROM articles;
      CREATE VIRTUAL TABLE article_fts USING fts5(
        title, body, author, tags, source,
        content = 'article_fts_source', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
    `)
  },
}

const v2: Migration = {
  version: 2,
  description: 'substring vocabulary: a trigram index over the distinct words of all articles',
  up(db) {
    db.exec(`
      CREATE TABLE vocabulary (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
      CREATE VIRTUAL TABLE vocabulary_trigrams USING fts5(
        term, content = 'vocabulary', content_rowid = 'id', tokenize = 'trigram'
      );
    `)
    // Terms of articles written before this version; new writes keep it current.
    const insert = db.prepare('INSERT OR IGNORE INTO vocabulary (term) VALUES (?)')
    // In chunks: better-sqlite3 cannot write while a read is being iterated.
    const chunk = db.prepare(
      'SELECT id, title, body FROM article_fts_source WHERE id > ? ORDER BY id LIMIT 500',
    )
    for (let last = 0; ;) {
      const rows = chunk.all(last) as { id: number; title: string; body: string }[]
      if (rows.length === 0) break
      for (const row of rows) {
        for (const term of vocabularyTerms(`${row.title}\n${row.body}`)) insert.run(term)
        last = row.id
      }
    }
    db.exec(`INSERT INTO vocabulary_trigrams (vocabulary_trigrams) VALUES ('rebuild')`)
  },
}

const v3: Migration = {
  version: 3,
  description:
    'feed subscriptions: folders, fetch state and backoff, and the items each feed imported',
  up(db) {
    db.exec(`
      ALTER TABLE feeds ADD COLUMN user_title TEXT;          -- the user's name for it, or NULL
      ALTER TABLE feeds ADD COLUMN site_url TEXT;
      ALTER TABLE feeds ADD COLUMN folder TEXT NOT NULL DEFAULT '[]';   -- JSON path from the top
      ALTER TABLE feeds ADD COLUMN etag TEXT;
      ALTER TABLE feeds ADD COLUMN last_modified TEXT;
      ALTER TABLE feeds ADD COLUMN body_hash TEXT;           -- for servers without validators
      ALTER TABLE feeds ADD COLUMN interval_minutes INTEGER NOT NULL DEFAULT 60;
      ALTER TABLE feeds ADD COLUMN last_fetched_at TEXT;
      ALTER TABLE feeds ADD COLUMN next_fetch_at TEXT;
      ALTER TABLE feeds ADD COLUMN error TEXT;
      ALTER TABLE feeds ADD COLUMN error_count INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX feeds_by_next_fetch ON feeds (next_fetch_at);

      -- One row per item a feed has delivered, kept after its article is purged so that a
      -- deleted item does not come back on the next refresh.
      CREATE TABLE feed_items (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        item_key TEXT NOT NULL,               -- guid, else absolute link, else hash of title+content
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        source_hash TEXT NOT NULL,            -- hash of the item as delivered: spots updated items
        imported_hash TEXT NOT NULL,          -- content_hash of the document as last imported:
                                              -- if the article's differs, the user edited it
        first_seen_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, item_key)
      ) WITHOUT ROWID;
      CREATE INDEX feed_items_by_article ON feed_items (article_id) WHERE article_id IS NOT NULL;
      -- An unfollowed feed's articles keep their item key: following it again adopts them.
      CREATE INDEX articles_by_item ON articles (feed_item_id) WHERE feed_item_id IS NOT NULL;
    `)
  },
}

const v4: Migration = {
  version: 4,
  description: 'feeds that fetch the full article from the site when they send only summaries',
  up(db) {
    db.exec(`ALTER TABLE feeds ADD COLUMN full_text INTEGER NOT NULL DEFAULT 0`)
  },
}

/** All migrations, in order. The last one's version is the schema this code writes. */
export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, v4]
/** The schema version this code reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version
