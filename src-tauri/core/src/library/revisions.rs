//! The revisions table: snapshots of an article recorded on explicit saves, imports, restores,
//! exports, workflow steps, and now and then on autosaves. History only grows; restoring one
//! (in `save.rs`) records it again as a new revision, so nothing is lost.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::articles::{ArticleStatus, SaveKind};
use super::error::LibraryError;
use super::Library;
use crate::article::parse;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevisionInfo {
    pub number: i64,
    pub kind: SaveKind,
    pub created_at: i64,
    pub title: String,
    pub bytes: usize,
}

pub(super) struct LatestRevision {
    pub number: i64,
    pub markdown: String,
    pub created_at: i64,
}

pub(super) fn latest_revision(tx: &Transaction, seq: i64) -> Result<Option<LatestRevision>, LibraryError> {
    Ok(tx
        .query_row(
            "SELECT number, markdown, created_at FROM revisions WHERE article_seq = ?1 ORDER BY number DESC LIMIT 1",
            [seq],
            |r| Ok(LatestRevision { number: r.get(0)?, markdown: r.get(1)?, created_at: r.get(2)? }),
        )
        .optional()?)
}

pub(super) fn insert_revision(
    tx: &Transaction,
    seq: i64,
    number: i64,
    kind: SaveKind,
    markdown: &str,
    now: i64,
) -> Result<(), LibraryError> {
    tx.execute(
        "INSERT INTO revisions (article_seq, number, kind, markdown, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![seq, number, kind.as_str(), markdown, now],
    )?;
    Ok(())
}

/// What an export is made from: one revision of an article, with the dates a package states.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportSource {
    pub id: String,
    pub revision: i64,
    /// When that revision was recorded (milliseconds since the epoch).
    pub revision_created_at: i64,
    /// When the article was first created.
    pub created_at: i64,
    pub status: ArticleStatus,
    pub markdown: String,
}

impl Library {
    /// An article's revisions, newest first.
    pub fn revisions(&self, id: &str) -> Result<Vec<RevisionInfo>, LibraryError> {
        let seq: i64 = self
            .conn
            .query_row("SELECT seq FROM articles WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| LibraryError::NotFound { id: id.into() })?;
        let mut stmt = self.conn.prepare(
            "SELECT number, kind, created_at, markdown FROM revisions WHERE article_seq = ?1 ORDER BY number DESC",
        )?;
        let rows = stmt.query_map([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (number, kind, created_at, markdown) = row?;
            let title = parse(&markdown).map(|a| a.meta.title).unwrap_or_default();
            out.push(RevisionInfo { number, kind, created_at, title, bytes: markdown.len() });
        }
        Ok(out)
    }

    /// The text of one revision.
    pub fn revision_markdown(&self, id: &str, number: i64) -> Result<String, LibraryError> {
        self.conn
            .query_row(
                "SELECT r.markdown FROM revisions r JOIN articles a ON a.seq = r.article_seq WHERE a.id = ?1 AND r.number = ?2",
                params![id, number],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| LibraryError::RevisionNotFound { id: id.into(), number })
    }

    /// The SHA-256 of each revision's text, oldest first: what another library compares to
    /// find the last revision both share.
    pub fn revision_hashes(&self, id: &str) -> Result<Vec<String>, LibraryError> {
        let mut stmt = self.conn.prepare(
            "SELECT r.markdown FROM revisions r JOIN articles a ON a.seq = r.article_seq WHERE a.id = ?1 ORDER BY r.number",
        )?;
        let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
        rows.map(|m| Ok(crate::hash::sha256_hex(m?.as_bytes()))).collect()
    }

    /// How many revisions an article has.
    pub fn revision_count(&self, id: &str) -> Result<i64, LibraryError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM revisions r JOIN articles a ON a.seq = r.article_seq WHERE a.id = ?1",
            [id],
            |r| r.get(0),
        )?)
    }
}
