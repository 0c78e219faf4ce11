//! The articles table: the working copies — load, list, trash and purge — and the kinds of save.
//! Writing a working copy is `save.rs`.

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use super::error::LibraryError;
use super::search_index::{index_article, unindex_article};
use super::Library;
use crate::article::{parse, Article};
pub use crate::workflow::ArticleStatus;

/// Why a save happens; it decides whether a revision is recorded, and names the revision's kind
/// (its JSON and stored names are [`SaveKind::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum SaveKind {
    /// The editor's background save of the working copy.
    Autosave,
    /// The user asked to save (Ctrl+S): always a revision when the text differs from the last one.
    #[serde(rename = "save")]
    Explicit,
    Import,
    Restore,
    /// An export recorded the working copy so that its package names a revision that exists.
    Export,
    /// A workflow step (submit, approve…) recorded the working copy it is about.
    Review,
    /// The other side's text, kept when both sides changed an article (a hand-off in conflict).
    Incoming,
    /// The result of merging the two sides of a conflict.
    Merge,
    /// Suggestions accepted: their words applied.
    Suggestion,
}

impl SaveKind {
    const ALL: [SaveKind; 9] = [
        SaveKind::Autosave,
        SaveKind::Explicit,
        SaveKind::Import,
        SaveKind::Restore,
        SaveKind::Export,
        SaveKind::Review,
        SaveKind::Incoming,
        SaveKind::Merge,
        SaveKind::Suggestion,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SaveKind::Autosave => "autosave",
            SaveKind::Explicit => "save",
            SaveKind::Import => "import",
            SaveKind::Restore => "restore",
            SaveKind::Export => "export",
            SaveKind::Review => "review",
            SaveKind::Incoming => "incoming",
            SaveKind::Merge => "merge",
            SaveKind::Suggestion => "suggestion",
        }
    }

    /// The kind a stored revision names.
    pub fn parse(name: &str) -> Option<SaveKind> {
        SaveKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl rusqlite::types::FromSql for SaveKind {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let name = value.as_str()?;
        SaveKind::parse(name)
            .ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown revision kind {name}").into()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SaveOutcome {
    /// The working copy's version after the save (unchanged when nothing was written).
    pub version: i64,
    /// The revision recorded by this save, if any.
    pub revision: Option<i64>,
    pub written: bool,
    /// When the working copy last changed, after this save (milliseconds since the epoch).
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredArticle {
    pub id: String,
    pub version: i64,
    pub status: ArticleStatus,
    pub created_at: i64,
    pub updated_at: i64,
    pub trashed_at: Option<i64>,
    pub markdown: String,
    pub article: Article,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub status: ArticleStatus,
    pub version: i64,
    pub updated_at: i64,
    pub trashed_at: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFilter {
    Active,
    Trash,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportOutcome {
    Created,
    /// The file carried the id of an article already here: it became that article's new working
    /// copy, and the previous text stays in its revisions.
    Updated,
}

impl Library {
    /// The working copy of an article.
    pub fn load(&self, id: &str) -> Result<StoredArticle, LibraryError> {
        let row = self
            .conn
            .query_row(
                "SELECT version, status, created_at, updated_at, trashed_at, markdown FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get::<_, String>(5)?)),
            )
            .optional()?
            .ok_or_else(|| LibraryError::NotFound { id: id.into() })?;
        let (version, status, created_at, updated_at, trashed_at, markdown) = row;
        let article = parse(&markdown).map_err(|source| LibraryError::Stored { id: id.into(), source })?;
        Ok(StoredArticle { id: id.into(), version, status, created_at, updated_at, trashed_at, markdown, article })
    }

    /// Articles, most recently changed first.
    pub fn list(&self, filter: ListFilter) -> Result<Vec<ArticleSummary>, LibraryError> {
        let sql = match filter {
            ListFilter::Active => "SELECT id, title, status, version, updated_at, trashed_at FROM articles WHERE trashed_at IS NULL ORDER BY updated_at DESC, seq DESC",
            ListFilter::Trash => "SELECT id, title, status, version, updated_at, trashed_at FROM articles WHERE trashed_at IS NOT NULL ORDER BY trashed_at DESC, seq DESC",
        };
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(ArticleSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                status: r.get(2)?,
                version: r.get(3)?,
                updated_at: r.get(4)?,
                trashed_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Moves an article to the trash: it leaves lists and search, and keeps all its text.
    pub fn trash(&mut self, id: &str) -> Result<(), LibraryError> {
        let now = self.now();
        self.set_trashed(id, Some(now))
    }

    /// Brings an article back from the trash.
    pub fn untrash(&mut self, id: &str) -> Result<(), LibraryError> {
        self.set_trashed(id, None)
    }

    /// Trashed articles leave the search index and come back into it when restored.
    fn set_trashed(&mut self, id: &str, at: Option<i64>) -> Result<(), LibraryError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (seq, _) = seq_of(&tx, id)?;
        tx.execute("UPDATE articles SET trashed_at = ?2 WHERE seq = ?1", params![seq, at])?;
        match at {
            Some(_) => unindex_article(&tx, seq)?,
            None => {
                let markdown: String =
                    tx.query_row("SELECT markdown FROM articles WHERE seq = ?1", [seq], |r| r.get(0))?;
                let article = parse(&markdown).map_err(|source| LibraryError::Stored { id: id.into(), source })?;
                index_article(&tx, seq, &article)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Deletes a trashed article and all its revisions for good.
    pub fn purge(&mut self, id: &str) -> Result<(), LibraryError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (seq, trashed) = seq_of(&tx, id)?;
        if !trashed {
            return Err(LibraryError::NotInTrash { id: id.into() });
        }
        unindex_article(&tx, seq)?;
        tx.execute("DELETE FROM revisions WHERE article_seq = ?1", [seq])?;
        tx.execute("DELETE FROM articles WHERE seq = ?1", [seq])?;
        tx.commit()?;
        Ok(())
    }

    /// The working copy's version and whether it is trashed, if the article exists.
    pub fn version_of(&self, id: &str) -> Result<Option<(i64, bool)>, LibraryError> {
        Ok(self
            .conn
            .query_row("SELECT version, trashed_at IS NOT NULL FROM articles WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }
}

pub(super) fn current_version(tx: &Transaction, id: &str) -> Result<Option<i64>, LibraryError> {
    Ok(tx.query_row("SELECT version FROM articles WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

pub(super) fn seq_of(tx: &Transaction, id: &str) -> Result<(i64, bool), LibraryError> {
    tx.query_row("SELECT seq, trashed_at IS NOT NULL FROM articles WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| LibraryError::NotFound { id: id.into() })
}
