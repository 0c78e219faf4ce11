//! Articles in the library: import, load, save with the conflict check, list, trash and purge.

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use super::assets::insert_image;
use super::error::LibraryError;
use super::revisions::{insert_revision, latest_revision};
use super::search_index::{index_article, unindex_article};
use super::Library;
use crate::article::images::rewrite_srcs;
use crate::article::on_disk::ArticleOnDisk;
use crate::article::{parse, print, Article};

/// An autosave also records a revision when the last one is this old…
pub const AUTOSAVE_REVISION_INTERVAL_MS: i64 = 10 * 60 * 1000;
/// …or when the text has grown or shrunk by this many bytes since it.
pub const AUTOSAVE_REVISION_BYTES: usize = 2000;

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
}

impl SaveKind {
    const ALL: [SaveKind; 5] =
        [SaveKind::Autosave, SaveKind::Explicit, SaveKind::Import, SaveKind::Restore, SaveKind::Export];

    pub fn as_str(self) -> &'static str {
        match self {
            SaveKind::Autosave => "autosave",
            SaveKind::Explicit => "save",
            SaveKind::Import => "import",
            SaveKind::Restore => "restore",
            SaveKind::Export => "export",
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

/// Where an article stands. The library writes only drafts so far; the review workflow adds the
/// states after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ArticleStatus {
    Draft,
}

impl ArticleStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
        }
    }
}

impl rusqlite::types::FromSql for ArticleStatus {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        match value.as_str()? {
            "draft" => Ok(ArticleStatus::Draft),
            other => Err(rusqlite::types::FromSqlError::Other(format!("unknown article status {other}").into())),
        }
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
    /// Adds an article. It keeps the id it carries (updating that article if it is already here);
    /// otherwise it gets a new ULID. Returns the id.
    pub fn import(&mut self, article: &Article) -> Result<(String, ImportOutcome), LibraryError> {
        let mut done = self.import_all(std::slice::from_ref(article))?;
        Ok(done.remove(0))
    }

    /// Imports several articles in one transaction: all of them, or none if any fails.
    pub fn import_all(&mut self, articles: &[Article]) -> Result<Vec<(String, ImportOutcome)>, LibraryError> {
        self.import_arrivals(articles.iter().map(|a| (a, &[][..])))
    }

    /// Imports article files read from disk with their pictures, in one transaction: each picture
    /// is stored (once per content) and the stored article points at it; the files stay as they are.
    pub fn import_files(&mut self, files: &[ArticleOnDisk]) -> Result<Vec<(String, ImportOutcome)>, LibraryError> {
        self.import_arrivals(files.iter().map(|f| (&f.article, f.pictures.as_slice())))
    }

    fn import_arrivals<'a>(
        &mut self,
        arrivals: impl ExactSizeIterator<Item = (&'a Article, &'a [(String, Vec<u8>)])>,
    ) -> Result<Vec<(String, ImportOutcome)>, LibraryError> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut done = Vec::with_capacity(arrivals.len());
        for (article, pictures) in arrivals {
            let with_pictures;
            let article = if pictures.is_empty() {
                article
            } else {
                with_pictures = store_pictures(&tx, article, pictures, now)?;
                &with_pictures
            };
            let existing = match &article.meta.id {
                Some(id) => current_version(&tx, id)?.map(|v| (id.clone(), v)),
                None => None,
            };
            done.push(match existing {
                Some((id, version)) => {
                    save_in(&tx, now, &id, article, version, SaveKind::Import)?;
                    (id, ImportOutcome::Updated)
                }
                None => {
                    let id = article.meta.id.clone().unwrap_or_else(|| ulid::Ulid::new().to_string());
                    create_in(&tx, now, &id, article)?;
                    (id, ImportOutcome::Created)
                }
            });
        }
        tx.commit()?;
        Ok(done)
    }

    /// A new, empty draft.
    pub fn create_draft(&mut self) -> Result<String, LibraryError> {
        let id = ulid::Ulid::new().to_string();
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        create_in(&tx, now, &id, &Article::default())?;
        tx.commit()?;
        Ok(id)
    }

    /// Saves `article` as the working copy of `id`. `base_version` is the version the edit started
    /// from: if the article has changed since (another window, the CLI), the save is refused with
    /// [`LibraryError::Conflict`] and nothing is written. An unchanged article writes nothing.
    pub fn save(
        &mut self,
        id: &str,
        article: &Article,
        base_version: i64,
        kind: SaveKind,
    ) -> Result<SaveOutcome, LibraryError> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = save_in(&tx, now, id, article, base_version, kind)?;
        if outcome.written {
            tx.commit()?;
        }
        Ok(outcome)
    }

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

pub(super) fn create_in(tx: &Transaction, now: i64, id: &str, article: &Article) -> Result<(), LibraryError> {
    let markdown = canonical_markdown(id, article)?;
    tx.execute(
        "INSERT INTO articles (id, title, markdown, version, created_at, updated_at) VALUES (?1, ?2, ?3, 1, ?4, ?4)",
        params![id, article.meta.title, markdown, now],
    )?;
    let seq = tx.last_insert_rowid();
    index_article(tx, seq, article)?;
    insert_revision(tx, seq, 1, SaveKind::Import, &markdown, now)?;
    Ok(())
}

/// The body of [`Library::save`], inside the caller's transaction.
pub(super) fn save_in(
    tx: &Transaction,
    now: i64,
    id: &str,
    article: &Article,
    base_version: i64,
    kind: SaveKind,
) -> Result<SaveOutcome, LibraryError> {
    let markdown = canonical_markdown(id, article)?;
    let (seq, version, old_markdown, trashed, updated_at) = tx
        .query_row(
            "SELECT seq, version, markdown, trashed_at IS NOT NULL, updated_at FROM articles WHERE id = ?1",
            [id],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, bool>(3)?, r.get(4)?)),
        )
        .optional()?
        .ok_or_else(|| LibraryError::NotFound { id: id.into() })?;
    if trashed {
        return Err(LibraryError::InTrash { id: id.into() });
    }
    if version != base_version {
        return Err(LibraryError::Conflict { id: id.into(), base: base_version, current: version });
    }
    let latest = latest_revision(tx, seq)?;
    let changed = markdown != old_markdown;
    let record_revision = match (&latest, kind) {
        (None, _) => true,
        (Some(rev), SaveKind::Autosave) => {
            changed
                && (now - rev.created_at >= AUTOSAVE_REVISION_INTERVAL_MS
                    || markdown.len().abs_diff(rev.markdown.len()) >= AUTOSAVE_REVISION_BYTES)
        }
        (Some(rev), _) => rev.markdown != markdown,
    };
    if !changed && !record_revision {
        return Ok(SaveOutcome { version, revision: None, written: false, updated_at });
    }
    let mut new_version = version;
    if changed {
        new_version += 1;
        tx.execute(
            "UPDATE articles SET markdown = ?2, title = ?3, version = ?4, updated_at = ?5 WHERE seq = ?1",
            params![seq, markdown, article.meta.title, new_version, now],
        )?;
        index_article(tx, seq, article)?;
    }
    let revision = if record_revision {
        let number = latest.as_ref().map_or(1, |r| r.number + 1);
        insert_revision(tx, seq, number, kind, &markdown, now)?;
        Some(number)
    } else {
        None
    };
    let updated_at = if changed { now } else { updated_at };
    Ok(SaveOutcome { version: new_version, revision, written: true, updated_at })
}

pub(super) fn current_version(tx: &Transaction, id: &str) -> Result<Option<i64>, LibraryError> {
    Ok(tx.query_row("SELECT version FROM articles WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

/// The stored text of an article: the contract format, carrying the library's id. A model that
/// would print to text the format refuses (a control character, nesting past the limit: such a
/// model can only come from outside the parser) is refused here, so nothing stored is unreadable.
fn canonical_markdown(id: &str, article: &Article) -> Result<String, LibraryError> {
    let mut with_id = article.clone();
    with_id.meta.id = Some(id.to_string());
    let markdown = print(&with_id);
    match crate::article::parse(&markdown) {
        Ok(_) => Ok(markdown),
        Err(error) => Err(LibraryError::Unstorable { id: id.to_string(), error }),
    }
}

pub(super) fn seq_of(tx: &Transaction, id: &str) -> Result<(i64, bool), LibraryError> {
    tx.query_row("SELECT seq, trashed_at IS NOT NULL FROM articles WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| LibraryError::NotFound { id: id.into() })
}

/// Stores `pictures` (each `src` with its bytes) and returns the article pointing at them.
pub(super) fn store_pictures(
    tx: &Transaction,
    article: &Article,
    pictures: &[(String, Vec<u8>)],
    now: i64,
) -> Result<Article, LibraryError> {
    let mut stored = Vec::with_capacity(pictures.len());
    for (src, bytes) in pictures {
        let name = src.rsplit('/').next().unwrap_or(src);
        stored.push((src.as_str(), insert_image(tx, bytes, name, now)?.src));
    }
    let mut article = article.clone();
    rewrite_srcs(&mut article, &|src| stored.iter().find(|(from, _)| *from == src).map(|(_, to)| to.clone()));
    Ok(article)
}
