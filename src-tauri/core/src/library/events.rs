//! The events table: each article's record, in the order this library received it. Rows are
//! never changed or removed (triggers refuse both); an event already here (same hash) is not
//! stored again, so applying the same hand-off twice changes nothing. Beside it: the events the
//! desk holds (`desk_events`, with the time the desk received each) and those it refused
//! (`set_aside`, kept and never applied).

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

/// An article's record, in the order it was received. An event's time is the desk's when the
/// desk said when it received it, else this library's.
pub(super) fn record(conn: &Connection, article: &str) -> Result<Vec<StoredEvent>, LibraryError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.position, e.hash, e.body, e.signature, coalesce(d.received_at, e.received_at), s.reason
         FROM events e LEFT JOIN desk_events d ON d.hash = e.hash LEFT JOIN set_aside s ON s.hash = e.hash
         WHERE e.article_id = ?1 ORDER BY e.position",
    )?;
    let rows = stmt.query_map([article], |r| {
        Ok(StoredEvent {
            position: r.get(0)?,
            hash: r.get(1)?,
            event: Event(Signed { body: r.get(2)?, signature: r.get(3)? }),
            received_at: r.get(4)?,
            set_aside: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many events the article's record holds.
pub(super) fn count(conn: &Connection, article: &str) -> Result<usize, LibraryError> {
    Ok(conn.query_row("SELECT count(*) FROM events WHERE article_id = ?1", [article], |r| r.get::<_, i64>(0))? as usize)
}

/// The desk holds `hash`, received at `at` (the desk's time, ms).
pub(super) fn on_desk(conn: &Connection, hash: &str, at: i64) -> Result<(), LibraryError> {
    conn.execute("INSERT OR IGNORE INTO desk_events (hash, received_at) VALUES (?1, ?2)", params![hash, at])?;
    Ok(())
}

/// The desk refused `hash`: it stays in the record and never counts.
pub(super) fn set_aside(
    conn: &Connection,
    article: &str,
    hash: &str,
    reason: &str,
    at: i64,
) -> Result<(), LibraryError> {
    conn.execute(
        "INSERT OR IGNORE INTO set_aside (hash, article_id, reason, at) VALUES (?1, ?2, ?3, ?4)",
        params![hash, article, reason, at],
    )?;
    Ok(())
}

/// The hashes of the article's events the desk does not hold and did not refuse, in order.
pub(super) fn not_on_desk(conn: &Connection, article: &str) -> Result<Vec<String>, LibraryError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.hash FROM events e
         WHERE e.article_id = ?1 AND e.hash NOT IN (SELECT hash FROM desk_events)
           AND e.hash NOT IN (SELECT hash FROM set_aside)
         ORDER BY e.position",
    )?;
    let rows = stmt.query_map([article], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
