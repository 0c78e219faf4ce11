//! The events table: each article's record, in the order this library received it. Rows are
//! never changed or removed (triggers refuse both); an event already here (same hash) is not
//! stored again, so applying the same hand-off twice changes nothing.

use rusqlite::{params, Connection, OptionalExtension};

use super::error::LibraryError;
use crate::identity::Signed;
use crate::workflow::audit::StoredEvent;
use crate::workflow::Event;

/// Appends `event` to `article`'s record unless it is already there; true if it was added.
pub(super) fn append(conn: &Connection, article: &str, event: &Event, now: i64) -> Result<bool, LibraryError> {
    let hash = event.hash();
    let known: Option<i64> =
        conn.query_row("SELECT 1 FROM events WHERE hash = ?1", [&hash], |r| r.get(0)).optional()?;
    if known.is_some() {
        return Ok(false);
    }
    conn.execute(
        "INSERT INTO events (article_id, position, hash, body, signature, received_at)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM events WHERE article_id = ?1), ?2, ?3, ?4, ?5)",
        params![article, hash, event.0.body, event.0.signature, now],
    )?;
    Ok(true)
}

/// An article's record, in order.
pub(super) fn record(conn: &Connection, article: &str) -> Result<Vec<StoredEvent>, LibraryError> {
    let mut stmt = conn
        .prepare_cached("SELECT position, hash, body, signature FROM events WHERE article_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([article], |r| {
        Ok(StoredEvent {
            position: r.get(0)?,
            hash: r.get(1)?,
            event: Event(Signed { body: r.get(2)?, signature: r.get(3)? }),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The hash of the article's latest event, which the next event names as its `prev`.
pub(super) fn last_hash(conn: &Connection, article: &str) -> Result<Option<String>, LibraryError> {
    Ok(conn
        .query_row("SELECT hash FROM events WHERE article_id = ?1 ORDER BY position DESC LIMIT 1", [article], |r| {
            r.get(0)
        })
        .optional()?)
}
