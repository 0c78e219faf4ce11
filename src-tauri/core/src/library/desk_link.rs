//! The shared desk this library is joined to, if any: where it is, who this library is there, how
//! far its pulls have read (the desk-wide cursor), and how the last sync went. The device token
//! that proves who is asking lives in the OS keychain, never in this file.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::error::LibraryError;
use super::Library;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeskLink {
    pub url: String,
    pub device_id: String,
    pub person_name: String,
    pub role: String,
    /// A certificate authority to trust for this desk besides the system's (a newsroom's own).
    pub ca_file: Option<String>,
    pub cursor: i64,
    pub joined_at: i64,
    pub last_sync_at: Option<i64>,
    /// The last failure, in the user's words, until a sync succeeds.
    pub last_error: Option<String>,
}

/// Whom the desk enrolled, recorded when joining.
pub struct Joined<'a> {
    pub url: &'a str,
    pub device_id: &'a str,
    pub person_name: &'a str,
    pub role: &'a str,
    pub ca_file: Option<&'a str>,
}

impl Library {
    pub fn desk_link(&self) -> Result<Option<DeskLink>, LibraryError> {
        Ok(self
            .conn
            .query_row(
                "SELECT url, device_id, person_name, role, ca_file, cursor, joined_at, last_sync_at, last_error
                 FROM desk WHERE only = 1",
                [],
                |r| {
                    Ok(DeskLink {
                        url: r.get(0)?,
                        device_id: r.get(1)?,
                        person_name: r.get(2)?,
                        role: r.get(3)?,
                        ca_file: r.get(4)?,
                        cursor: r.get(5)?,
                        joined_at: r.get(6)?,
                        last_sync_at: r.get(7)?,
                        last_error: r.get(8)?,
                    })
                },
            )
            .optional()?)
    }

    /// Records the desk joined; a library is joined to one desk at a time.
    pub fn join_desk(&mut self, joined: &Joined) -> Result<DeskLink, LibraryError> {
        let now = self.now();
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM desk", [])?;
        tx.execute("DELETE FROM desk_heads", [])?;
        tx.execute(
            "INSERT INTO desk (only, url, device_id, person_name, role, ca_file, joined_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
            params![joined.url, joined.device_id, joined.person_name, joined.role, joined.ca_file, now],
        )?;
        tx.commit()?;
        Ok(self.desk_link()?.expect("just written"))
    }

    /// Forgets the desk. What waits in the outbox stays (it is this library's work) but is sent
    /// nowhere until a desk is joined again.
    pub fn leave_desk(&mut self) -> Result<Option<DeskLink>, LibraryError> {
        let link = self.desk_link()?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM desk", [])?;
        tx.execute("DELETE FROM desk_heads", [])?;
        tx.commit()?;
        Ok(link)
    }

    pub fn set_desk_cursor(&mut self, cursor: i64) -> Result<(), LibraryError> {
        self.conn.execute("UPDATE desk SET cursor = max(cursor, ?1) WHERE only = 1", [cursor])?;
        Ok(())
    }

    /// Records how a sync ended: its time and, for a failure, the reason shown to the user.
    pub fn record_sync(&mut self, error: Option<&str>) -> Result<(), LibraryError> {
        let now = self.now();
        match error {
            None => self.conn.execute("UPDATE desk SET last_sync_at = ?1, last_error = NULL WHERE only = 1", [now])?,
            Some(e) => self.conn.execute("UPDATE desk SET last_error = ?1 WHERE only = 1", [e])?,
        };
        Ok(())
    }

    /// The desk's head revision of `id` (the SHA-256 of its text) as this library last saw it.
    pub fn desk_head(&self, id: &str) -> Result<Option<String>, LibraryError> {
        Ok(self.conn.query_row("SELECT head FROM desk_heads WHERE article_id = ?1", [id], |r| r.get(0)).optional()?)
    }

    pub fn set_desk_head(&mut self, id: &str, head: &str) -> Result<(), LibraryError> {
        self.conn.execute(
            "INSERT INTO desk_heads (article_id, head) VALUES (?1, ?2)
             ON CONFLICT (article_id) DO UPDATE SET head = excluded.head",
            params![id, head],
        )?;
        Ok(())
    }
}
