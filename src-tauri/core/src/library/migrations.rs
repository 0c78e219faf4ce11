//! The schema, as an ordered list of migrations. The schema version is `PRAGMA user_version`:
//! the number of migrations applied. A file with a higher number is refused, never modified.

use rusqlite::{Connection, TransactionBehavior};

use super::error::LibraryError;

const MIGRATIONS: &[&str] = &[
    // 1: articles (working copies), revisions, and the search index over normalized shadows.
    "CREATE TABLE articles (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        title       TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'draft',
        markdown    TEXT NOT NULL,
        version     INTEGER NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        trashed_at  INTEGER
    );
    CREATE INDEX articles_by_update ON articles(trashed_at, updated_at DESC);
    CREATE TABLE revisions (
        article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
        number      INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        markdown    TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (article_seq, number)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE search_index USING fts5(
        title, standfirst, body, tags,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0'
    );",
    // 2: images added from disk, kept inside the library by content hash.
    "CREATE TABLE assets (
        hash        TEXT PRIMARY KEY,
        media_type  TEXT NOT NULL,
        width       INTEGER NOT NULL,
        height      INTEGER NOT NULL,
        name        TEXT NOT NULL,
        bytes       BLOB NOT NULL,
        created_at  INTEGER NOT NULL
    ) WITHOUT ROWID;",
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the schema up to date in one write transaction. The version is read again inside it:
/// two processes opening an old library at once must not both apply the same migration.
pub fn migrate(conn: &mut Connection) -> Result<(), LibraryError> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current as usize >= MIGRATIONS.len() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as u32)?;
    }
    tx.commit()?;
    Ok(())
}
