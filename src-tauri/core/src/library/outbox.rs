//! The outbox: what this library has to send to the desk, queued here first so that it survives
//! a closed lid, a lost link, a restart or a kill. Each row is one change to one article, with a
//! client-chosen id the desk remembers, so a retry after a lost reply is never applied twice.
//!
//! What a row sends is the article as it is when the row is sent (text, record, pictures): the
//! desk's copy is replaced by a newer one, never patched, so one send carries every change queued
//! before it, and those rows are marked sent with it.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::error::LibraryError;
use super::Library;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum OutboxState {
    /// Waiting for its next attempt.
    Queued,
    /// The desk has it.
    Sent,
    /// The desk has a newer text this one was not based on: merge, then it is queued anew.
    Conflict,
    /// The desk refused it for good (a rule, a right); the reason is its last error.
    Refused,
}

impl OutboxState {
    fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sent => "sent",
            OutboxState::Conflict => "conflict",
            OutboxState::Refused => "refused",
        }
    }

    fn parse(s: &str) -> OutboxState {
        match s {
            "sent" => OutboxState::Sent,
            "conflict" => OutboxState::Conflict,
            "refused" => OutboxState::Refused,
            _ => OutboxState::Queued,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxItem {
    pub seq: i64,
    pub client_id: String,
    pub article_id: String,
    pub created_at: i64,
    pub state: OutboxState,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
}

fn item(r: &rusqlite::Row) -> rusqlite::Result<OutboxItem> {
    Ok(OutboxItem {
        seq: r.get(0)?,
        client_id: r.get(1)?,
        article_id: r.get(2)?,
        created_at: r.get(3)?,
        state: OutboxState::parse(&r.get::<_, String>(4)?),
        attempts: r.get(5)?,
        next_attempt_at: r.get(6)?,
        last_error: r.get(7)?,
    })
}

const COLUMNS: &str = "seq, client_id, article_id, created_at, state, attempts, next_attempt_at, last_error";

/// Queues a change of article `id`, inside the change's own transaction, when this library is
/// joined to a desk and the article has a record (a draft nobody acted on stays here). A row not
/// tried yet will carry this change too, so none is added beside it; a row already tried may
/// have reached the desk with the older copy under its id, so the change gets a row of its own.
pub(super) fn queue_change(conn: &rusqlite::Connection, id: &str, now: i64) -> Result<usize, LibraryError> {
    Ok(conn.execute(
        "INSERT INTO outbox (client_id, article_id, created_at, next_attempt_at)
         SELECT ?1, ?2, ?3, ?3
         WHERE EXISTS (SELECT 1 FROM desk) AND EXISTS (SELECT 1 FROM events WHERE article_id = ?2)
           AND NOT EXISTS (SELECT 1 FROM outbox WHERE article_id = ?2 AND state = 'queued' AND attempts = 0)",
        params![crate::hash::new_id(), id, now],
    )?)
}

impl Library {
    /// Queues every article with a record for the desk just joined, by the same rule as a change
    /// (one transaction); how many rows were added.
    pub fn queue_all_with_record(&mut self) -> Result<usize, LibraryError> {
        let now = self.now();
        let ids = self.articles_with_record()?;
        let tx = self.conn.transaction()?;
        let mut queued = 0;
        for id in &ids {
            queued += queue_change(&tx, id, now)?;
        }
        tx.commit()?;
        Ok(queued)
    }

    /// The oldest queued row, if its time has come (`ignore_backoff`: whatever its time).
    pub fn next_due(&self, ignore_backoff: bool) -> Result<Option<OutboxItem>, LibraryError> {
        let now = if ignore_backoff { i64::MAX } else { self.now() };
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM outbox WHERE state = 'queued' AND next_attempt_at <= ?1 ORDER BY seq LIMIT 1"
                ),
                [now],
                item,
            )
            .optional()?)
    }

    /// Rows not sent yet, and the newest that ended otherwise (for `desk status` and the window).
    pub fn outbox(&self, limit: usize) -> Result<Vec<OutboxItem>, LibraryError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM outbox ORDER BY state = 'queued' DESC, seq DESC LIMIT ?1"))?;
        let rows = stmt.query_map([limit as i64], item)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// When the next queued row is due (for the worker's sleep).
    pub fn outbox_next_attempt(&self) -> Result<Option<i64>, LibraryError> {
        Ok(self.conn.query_row("SELECT min(next_attempt_at) FROM outbox WHERE state = 'queued'", [], |r| r.get(0))?)
    }

    /// How many rows wait to be sent.
    pub fn outbox_waiting(&self) -> Result<i64, LibraryError> {
        Ok(self.conn.query_row("SELECT count(*) FROM outbox WHERE state = 'queued'", [], |r| r.get(0))?)
    }

    /// The desk took row `seq`: it and every row of the same article queued up to it are sent
    /// (the copy it carried held their changes too).
    pub fn outbox_sent(&mut self, seq: i64) -> Result<usize, LibraryError> {
        let now = self.now();
        Ok(self.conn.execute(
            "UPDATE outbox SET state = 'sent', done_at = ?2, last_error = NULL, attempts = attempts + (seq = ?1)
             WHERE state IN ('queued', 'conflict') AND seq <= ?1
               AND article_id = (SELECT article_id FROM outbox WHERE seq = ?1)",
            params![seq, now],
        )?)
    }

    /// An attempt failed for a reason that may pass (no network, a server error): try again at
    /// `retry_at`, and say why meanwhile.
    pub fn outbox_retry(&mut self, seq: i64, error: &str, retry_at: i64) -> Result<(), LibraryError> {
        self.conn.execute(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 WHERE seq = ?1",
            params![seq, retry_at, error],
        )?;
        Ok(())
    }

    /// The row ended without reaching the desk's copy: `Conflict` or `Refused`, with the reason.
    pub fn outbox_stop(&mut self, seq: i64, state: OutboxState, error: &str) -> Result<(), LibraryError> {
        debug_assert!(matches!(state, OutboxState::Conflict | OutboxState::Refused));
        let now = self.now();
        self.conn.execute(
            "UPDATE outbox SET state = ?2, attempts = attempts + 1, last_error = ?3, done_at = ?4
             WHERE state = 'queued' AND article_id = (SELECT article_id FROM outbox WHERE seq = ?1) AND seq <= ?1",
            params![seq, state.as_str(), error, now],
        )?;
        Ok(())
    }
}
