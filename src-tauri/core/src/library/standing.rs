//! Where a story stands, as this library's trust and the one rule ([`crate::workflow::authority`])
//! make it: the record replayed, and what the articles table keeps of it — the record's state,
//! the approval it rests on, the event a new one follows, who wrote and who reviews it, and the
//! state shown (the record's, unless the working copy is not the approved text). Recomputed in
//! the transaction of every change to a record or to whom the library trusts.

use rusqlite::{params, Connection, OptionalExtension};

use super::error::LibraryError;
use super::events;
use crate::hash::text_hash;
use crate::identity::{Fingerprint, PublicKey};
use crate::workflow::audit::{replay_lines, RecordLine, StoredEvent};
use crate::workflow::authority::{replay, shown, Entry, Known, RecordState, TrustTable};
use crate::workflow::{ArticleStatus, EventBody, Role};

/// Everyone this library trusts, each key with its person and, if the desk removed them, since when.
pub(super) fn trust(conn: &Connection) -> Result<TrustTable, LibraryError> {
    let mut stmt = conn.prepare_cached("SELECT fingerprint, public_key, name, role, person, revoked_at FROM people")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<i64>>(5)?,
        ))
    })?;
    let mut table = TrustTable::default();
    for row in rows {
        let (fingerprint, key, name, role, person, revoked) = row?;
        let known = Known {
            person: person.unwrap_or_else(|| fingerprint.clone()),
            name,
            role: Role::parse(&role).unwrap_or(Role::Journalist),
        };
        table.insert(Fingerprint(fingerprint), PublicKey(key), known, revoked);
    }
    Ok(table)
}

/// The article's stored events that read, each with what it says (unreadable ones are `audit`'s).
pub(super) fn readable(conn: &Connection, id: &str) -> Result<Vec<(StoredEvent, EventBody)>, LibraryError> {
    Ok(events::record(conn, id)?
        .into_iter()
        .filter_map(|stored| {
            let body = stored.event.read().ok()?;
            Some((stored, body))
        })
        .collect())
}

/// The record replayed (events were authenticated when they arrived; `audit` checks them again),
/// and the fingerprint that signed its first event (the author, whoever that key is).
pub(super) fn replayed(conn: &Connection, id: &str) -> Result<(RecordState, Option<String>), LibraryError> {
    let stored = readable(conn, id)?;
    let trust = trust(conn)?;
    let entries: Vec<Entry> = stored
        .iter()
        .map(|(s, body)| Entry { hash: &s.hash, body, received_at: s.received_at, set_aside: s.set_aside.as_deref() })
        .collect();
    let replayed = replay(&entries, &trust);
    let author = replayed
        .verdicts
        .first()
        .map(|(i, _)| &entries[*i])
        .filter(|e| e.body.prev.is_none())
        .map(|e| e.body.actor.0.clone());
    Ok((replayed.record, author))
}

/// Each event of the record with its verdict, in the order it was replayed.
pub(super) fn record_lines(conn: &Connection, id: &str) -> Result<Vec<RecordLine>, LibraryError> {
    let stored = readable(conn, id)?;
    let refs: Vec<(&StoredEvent, EventBody)> = stored.iter().map(|(s, b)| (s, b.clone())).collect();
    Ok(replay_lines(&refs, &trust(conn)?).0)
}

/// Replays the article's record and keeps what the articles table shows of it.
pub(super) fn refresh(conn: &Connection, id: &str) -> Result<RecordState, LibraryError> {
    let (record, author) = replayed(conn, id)?;
    let markdown: Option<String> =
        conn.query_row("SELECT markdown FROM articles WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    if let Some(markdown) = markdown {
        keep(conn, id, &record, author, &markdown)?;
    }
    Ok(record)
}

fn keep(
    conn: &Connection,
    id: &str,
    record: &RecordState,
    author: Option<String>,
    markdown: &str,
) -> Result<(), LibraryError> {
    let has_record = record.events > 0;
    let shown = record.with_text(&text_hash(markdown));
    let reviewer = record.reviewer.as_ref();
    conn.execute(
        "UPDATE articles SET status = CASE WHEN ?2 THEN ?3 ELSE status END,
                record_status = CASE WHEN ?2 THEN ?4 ELSE NULL END,
                approved_hash = ?5, last_event = ?6,
                author = CASE WHEN ?2 THEN ?7 ELSE author END,
                author_name = CASE WHEN ?2 THEN ?8 ELSE author_name END,
                reviewer = ?9, reviewer_name = ?10
         WHERE id = ?1",
        params![
            id,
            has_record,
            shown.as_str(),
            record.state.as_str(),
            record.approval.as_ref().map(|a| a.content_hash.as_str()),
            record.last,
            author,
            record.author.as_ref().map(|a| a.name.as_str()),
            reviewer.and_then(|r| fingerprint_of_person(conn, &r.person).ok().flatten()),
            reviewer.map(|r| r.name.as_str()),
        ],
    )?;
    Ok(())
}

/// A fingerprint of a person as this library counts people (a fingerprint, or a desk's person).
fn fingerprint_of_person(conn: &Connection, person: &str) -> Result<Option<String>, LibraryError> {
    Ok(conn
        .query_row(
            "SELECT fingerprint FROM people WHERE fingerprint = ?1 OR person = ?1 ORDER BY fingerprint = ?1 DESC LIMIT 1",
            [person],
            |r| r.get(0),
        )
        .optional()?)
}

/// The state shown after a save changed the text to `markdown` (the record is unchanged).
pub(super) fn shown_after_edit(
    record_status: Option<ArticleStatus>,
    approved_hash: Option<&str>,
    current: ArticleStatus,
    markdown: &str,
) -> ArticleStatus {
    match record_status {
        Some(state) => shown(state, approved_hash, &text_hash(markdown)),
        None => current,
    }
}

/// Every article with a record, replayed again (after the people trusted changed).
pub(super) fn refresh_all(conn: &Connection) -> Result<(), LibraryError> {
    let ids: Vec<String> = {
        let mut stmt = conn.prepare("SELECT DISTINCT article_id FROM events")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for id in ids {
        refresh(conn, &id)?;
    }
    Ok(())
}
