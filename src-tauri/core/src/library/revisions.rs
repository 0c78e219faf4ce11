//! Revisions: snapshots of an article recorded on explicit saves, imports, restores, and now and
//! then on autosaves. Restoring one makes it the working copy and records that as a new revision,
//! so history only grows and nothing is lost.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::articles::{ArticleStatus, SaveKind, SaveOutcome};
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
    /// The revision an export packages: the latest, after recording the working copy as a new
    /// revision if it has changed since. A package thus always names a revision that exists, and
    /// exporting the same revision twice gives the same bytes.
    pub fn export_source(&mut self, id: &str) -> Result<ExportSource, LibraryError> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (seq, markdown, status, created_at, trashed) = tx
            .query_row(
                "SELECT seq, markdown, status, created_at, trashed_at IS NOT NULL FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get::<_, bool>(4)?)),
            )
            .optional()?
            .ok_or_else(|| LibraryError::NotFound { id: id.into() })?;
        if trashed {
            return Err(LibraryError::InTrash { id: id.into() });
        }
        let (revision, revision_created_at) = match latest_revision(&tx, seq)? {
            Some(latest) if latest.markdown == markdown => (latest.number, latest.created_at),
            latest => {
                let number = latest.map_or(1, |r| r.number + 1);
                insert_revision(&tx, seq, number, SaveKind::Export, &markdown, now)?;
                (number, now)
            }
        };
        tx.commit()?;
        Ok(ExportSource { id: id.into(), revision, revision_created_at, created_at, status, markdown })
    }

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

    /// Makes revision `number` the working copy again. `base_version` is the version the user was
    /// looking at, so a restore cannot silently discard an edit made elsewhere in the meantime.
    pub fn restore_revision(&mut self, id: &str, number: i64, base_version: i64) -> Result<SaveOutcome, LibraryError> {
        let markdown = self.revision_markdown(id, number)?;
        let article = parse(&markdown).map_err(|source| LibraryError::Stored { id: id.into(), source })?;
        self.save(id, &article, base_version, SaveKind::Restore)
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
