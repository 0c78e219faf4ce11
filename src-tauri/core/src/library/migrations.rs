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
    // 3: the review workflow — the library's profile (its private key is in the keychain, never
    // here), the people it trusts, the append-only record of events, private notes, and what the
    // desk shows of each article (section, author, reviewer) and a hand-off's unresolved conflict.
    "ALTER TABLE articles ADD COLUMN section TEXT;
    ALTER TABLE articles ADD COLUMN author TEXT;
    ALTER TABLE articles ADD COLUMN author_name TEXT;
    ALTER TABLE articles ADD COLUMN reviewer TEXT;
    ALTER TABLE articles ADD COLUMN reviewer_name TEXT;
    ALTER TABLE articles ADD COLUMN conflict_base INTEGER;
    ALTER TABLE articles ADD COLUMN conflict_theirs INTEGER;
    CREATE INDEX articles_by_status ON articles(trashed_at, status);
    CREATE TABLE profile (
        only         INTEGER PRIMARY KEY CHECK (only = 1),
        name         TEXT NOT NULL,
        role         TEXT NOT NULL,
        public_key   TEXT NOT NULL,
        fingerprint  TEXT NOT NULL,
        secret_store TEXT NOT NULL,
        created_at   INTEGER NOT NULL
    );
    CREATE TABLE people (
        fingerprint TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        role        TEXT NOT NULL,
        public_key  TEXT NOT NULL,
        trusted_at  INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE events (
        article_id  TEXT NOT NULL,
        position    INTEGER NOT NULL,
        hash        TEXT NOT NULL UNIQUE,
        body        TEXT NOT NULL,
        signature   TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;
    CREATE TRIGGER events_are_never_changed BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the record of events is append-only'); END;
    CREATE TRIGGER events_are_never_removed BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the record of events is append-only'); END;
    CREATE TABLE notes (
        seq         INTEGER PRIMARY KEY,
        article_id  TEXT NOT NULL,
        text        TEXT NOT NULL,
        created_at  INTEGER NOT NULL
    );
    CREATE INDEX notes_by_article ON notes(article_id);",
    // 4: the rosters the user imported, kept as signed: those a chief signed travel with approved
    // packages and vouch for the people in them.
    "CREATE TABLE rosters (
        hash        TEXT PRIMARY KEY,
        body        TEXT NOT NULL,
        signature   TEXT NOT NULL,
        imported_at INTEGER NOT NULL
    ) WITHOUT ROWID;",
    // 5: the shared desk — the one desk this library is joined to (its device token is in the
    // keychain, never here), the desk's head revision of each article as last seen, and the
    // outbox of what waits to be sent to it.
    "CREATE TABLE desk (
        only          INTEGER PRIMARY KEY CHECK (only = 1),
        url           TEXT NOT NULL,
        device_id     TEXT NOT NULL,
        person_name   TEXT NOT NULL,
        role          TEXT NOT NULL,
        ca_file       TEXT,
        cursor        INTEGER NOT NULL DEFAULT 0,
        joined_at     INTEGER NOT NULL,
        last_sync_at  INTEGER,
        last_error    TEXT
    );
    CREATE TABLE desk_heads (
        article_id  TEXT PRIMARY KEY,
        head        TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE outbox (
        seq             INTEGER PRIMARY KEY,
        client_id       TEXT NOT NULL UNIQUE,
        article_id      TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        state           TEXT NOT NULL DEFAULT 'queued',
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT,
        done_at         INTEGER
    );
    CREATE INDEX outbox_waiting ON outbox(state, next_attempt_at);",
    // 6: delivery to CMSs — the targets (a WordPress site's password or a webhook's secret is in
    // the keychain, never here), the deliveries (each holding the exact package it delivers, so an
    // edit, a restart or a kill cannot change what goes), every attempt (the per-hour ceiling), and
    // the map of what each target already has (posts by article, media by picture hash).
    "CREATE TABLE targets (
        name           TEXT PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('wordpress', 'folder', 'webhook')),
        url            TEXT,
        user_name      TEXT,
        folder         TEXT,
        default_status TEXT NOT NULL CHECK (default_status IN ('draft', 'pending', 'publish')),
        categories     TEXT NOT NULL DEFAULT '{}',
        created_at     INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE deliveries (
        id              INTEGER PRIMARY KEY,
        article_id      TEXT NOT NULL,
        revision        INTEGER NOT NULL,
        title           TEXT NOT NULL,
        target          TEXT NOT NULL,
        post_status     TEXT NOT NULL CHECK (post_status IN ('draft', 'pending', 'publish')),
        approved        INTEGER NOT NULL,
        package         BLOB NOT NULL,
        content_hash    TEXT NOT NULL,
        state           TEXT NOT NULL DEFAULT 'queued',
        step            TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT,
        remote_id       TEXT,
        remote_url      TEXT,
        lease_until     INTEGER,
        lease_pid       INTEGER,
        created_at      INTEGER NOT NULL,
        done_at         INTEGER
    );
    CREATE INDEX deliveries_waiting ON deliveries(state, next_attempt_at);
    CREATE INDEX deliveries_of_article ON deliveries(article_id);
    CREATE TABLE delivery_attempts (
        delivery_id INTEGER NOT NULL,
        target      TEXT NOT NULL,
        at          INTEGER NOT NULL,
        ok          INTEGER NOT NULL,
        error       TEXT
    );
    CREATE INDEX delivery_attempts_by_target ON delivery_attempts(target, at);
    CREATE TABLE remote_ids (
        target     TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('post', 'media')),
        local      TEXT NOT NULL,
        remote_id  TEXT NOT NULL,
        url        TEXT,
        slug       TEXT,
        PRIMARY KEY (target, kind, local)
    ) WITHOUT ROWID;",
    // 7: one authority (decision 017) — the state is what the record's counting events lead to,
    // replayed by `workflow::authority`, never an event's claim. Each trusted key may be revoked
    // (the desk's removal time) and belong to a person of the desk (several keys, one person);
    // each article keeps the replay's state, the approval it rests on and the event a new one
    // follows. The events the desk holds (with the time it received them, which their signer's
    // trust is judged at) and those it refused (kept, never applied).
    "ALTER TABLE people ADD COLUMN revoked_at INTEGER;
    ALTER TABLE people ADD COLUMN person TEXT;
    ALTER TABLE people ADD COLUMN source TEXT NOT NULL DEFAULT 'roster';
    UPDATE people SET source = 'self' WHERE fingerprint IN (SELECT fingerprint FROM profile);
    ALTER TABLE articles ADD COLUMN record_status TEXT;
    ALTER TABLE articles ADD COLUMN approved_hash TEXT;
    ALTER TABLE articles ADD COLUMN last_event TEXT;
    CREATE TABLE desk_events (
        hash        TEXT PRIMARY KEY,
        received_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE set_aside (
        hash        TEXT PRIMARY KEY,
        article_id  TEXT NOT NULL,
        reason      TEXT NOT NULL,
        at          INTEGER NOT NULL
    ) WITHOUT ROWID;",
    // The version of the search analyzer the index was made with: an index made by an older one
    // is rebuilt when the library opens (`search_index::keep_current`).
    "CREATE TABLE search_analyzer (
        only     INTEGER PRIMARY KEY CHECK (only = 1),
        version  INTEGER NOT NULL
    );
    INSERT INTO search_analyzer (only, version) VALUES (1, 0);",
    // The house style a chief last issued that this library took: the signed text, kept as signed.
    "CREATE TABLE house_style (
        only        INTEGER PRIMARY KEY CHECK (only = 1),
        body        TEXT NOT NULL,
        signature   TEXT NOT NULL,
        issued_at   INTEGER NOT NULL,
        received_at INTEGER NOT NULL
    );",
    // A delivery scheduled to publish at a time (ms since the epoch): the site holds it until then.
    "ALTER TABLE deliveries ADD COLUMN publish_at INTEGER;",
    // How many public corrections a delivery's package shows, and when the story was taken down
    // from that delivery's target (its post back to a draft).
    "ALTER TABLE deliveries ADD COLUMN corrections INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE deliveries ADD COLUMN taken_down_at INTEGER;",
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
    if current < 7 {
        // Every state was copied from events' claims before: replay each record by the rule.
        super::standing::refresh_all(&tx)?;
    }
    tx.commit()?;
    Ok(())
}
