//! Private notes on an article: the user's own reminders. They live only in this library's
//! `notes` table — no event, package, page, ninjs document or hand-off ever carries them.

use rusqlite::params;
use serde::Serialize;

use super::review_error::ReviewError;
use super::Library;

pub const MAX_NOTE_CHARS: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Note {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub text: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created_at: i64,
}

impl Library {
    pub fn add_note(&mut self, id: &str, text: &str) -> Result<Note, ReviewError> {
        let text = text.trim();
        if text.is_empty() || text.chars().count() > MAX_NOTE_CHARS {
            return Err(ReviewError::EmptyComment);
        }
        self.load(id)?;
        let now = self.now();
        self.conn
            .execute("INSERT INTO notes (article_id, text, created_at) VALUES (?1, ?2, ?3)", params![id, text, now])?;
        Ok(Note { seq: self.conn.last_insert_rowid(), text: text.into(), created_at: now })
    }

    pub fn notes(&self, id: &str) -> Result<Vec<Note>, ReviewError> {
        let mut stmt =
            self.conn.prepare("SELECT seq, text, created_at FROM notes WHERE article_id = ?1 ORDER BY seq")?;
        let rows = stmt.query_map([id], |r| Ok(Note { seq: r.get(0)?, text: r.get(1)?, created_at: r.get(2)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
