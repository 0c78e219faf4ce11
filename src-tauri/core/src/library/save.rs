//! Writing working copies: import, create, save with the conflict check, restore, and
//! recording the working copy as a revision for an export or a workflow step. Whether a save
//! records a revision is [`super::revision_rule`]'s pure decision.

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use super::articles::{current_version, ImportOutcome, SaveKind, SaveOutcome};
use super::assets::insert_image;
use super::error::LibraryError;
use super::revision_rule::{records_revision, LastRevision};
use super::revisions::{insert_revision, latest_revision, ExportSource};
use super::search_index::index_article;
use super::Library;
use crate::article::images::rewrite_srcs;
use crate::article::on_disk::ArticleOnDisk;
use crate::article::{parse, print, Article};
use crate::workflow::ArticleStatus;

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
                    // A new text of a story on the desk goes there like any edit.
                    if save_in(&tx, now, &id, article, version, SaveKind::Import)?.written {
                        super::outbox::queue_change(&tx, &id, now)?;
                    }
                    (id, ImportOutcome::Updated)
                }
                None => {
                    let id = article.meta.id.clone().unwrap_or_else(crate::hash::new_id);
                    create_in(&tx, now, &id, article)?;
                    claim_authorship(&tx, &id)?;
                    (id, ImportOutcome::Created)
                }
            });
        }
        tx.commit()?;
        Ok(done)
    }

    /// A new, empty draft.
    pub fn create_draft(&mut self) -> Result<String, LibraryError> {
        let id = crate::hash::new_id();
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        create_in(&tx, now, &id, &Article::default())?;
        claim_authorship(&tx, &id)?;
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
            super::outbox::queue_change(&tx, id, now)?;
            tx.commit()?;
        }
        Ok(outcome)
    }
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

    /// Makes revision `number` the working copy again. `base_version` is the version the user was
    /// looking at, so a restore cannot silently discard an edit made elsewhere in the meantime.
    pub fn restore_revision(&mut self, id: &str, number: i64, base_version: i64) -> Result<SaveOutcome, LibraryError> {
        let markdown = self.revision_markdown(id, number)?;
        let article = parse(&markdown).map_err(|source| LibraryError::Stored { id: id.into(), source })?;
        self.save(id, &article, base_version, SaveKind::Restore)
    }
}

/// An article written (or imported from a file) here is the library's profile's, if it has one;
/// one that arrived from another machine keeps its author unknown until its events say.
fn claim_authorship(tx: &Transaction, id: &str) -> Result<(), LibraryError> {
    tx.execute(
        "UPDATE articles SET (author, author_name) = (SELECT fingerprint, name FROM profile WHERE only = 1)
         WHERE id = ?1 AND EXISTS (SELECT 1 FROM profile)",
        [id],
    )?;
    Ok(())
}

pub(super) fn create_in(tx: &Transaction, now: i64, id: &str, article: &Article) -> Result<(), LibraryError> {
    let markdown = canonical_markdown(id, article)?;
    tx.execute(
        "INSERT INTO articles (id, title, markdown, version, created_at, updated_at, section) VALUES (?1, ?2, ?3, 1, ?4, ?4, ?5)",
        params![id, article.meta.title, markdown, now, article.meta.category],
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
    let (seq, version, old_markdown, trashed, updated_at, status, record_status, approved_hash) = tx
        .query_row(
            "SELECT seq, version, markdown, trashed_at IS NOT NULL, updated_at, status, record_status, approved_hash
             FROM articles WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get(4)?,
                    r.get::<_, ArticleStatus>(5)?,
                    r.get::<_, Option<ArticleStatus>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ))
            },
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
    let last = latest.as_ref().map(|r| LastRevision { created_at: r.created_at, markdown: &r.markdown });
    let record_revision = records_revision(last, kind, &markdown, now);
    if !changed && !record_revision {
        return Ok(SaveOutcome { version, revision: None, written: false, updated_at });
    }
    let mut new_version = version;
    if changed {
        new_version += 1;
        // A text other than the approved one takes the approval away: the story is back in review
        // (the approval stays on its revision). Editing is never refused, whoever edits.
        let status = super::standing::shown_after_edit(record_status, approved_hash.as_deref(), status, &markdown);
        tx.execute(
            "UPDATE articles SET markdown = ?2, title = ?3, version = ?4, updated_at = ?5, status = ?6, section = ?7 WHERE seq = ?1",
            params![seq, markdown, article.meta.title, new_version, now, status.as_str(), article.meta.category],
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

/// The stored text of an article: the contract format, carrying the library's id. A model that
/// would print to text the format refuses (a control character, nesting past the limit: such a
/// model can only come from outside the parser) is refused here, so nothing stored is unreadable.
pub(super) fn canonical_markdown(id: &str, article: &Article) -> Result<String, LibraryError> {
    let mut with_id = article.clone();
    with_id.meta.id = Some(id.to_string());
    let markdown = print(&with_id);
    match crate::article::parse(&markdown) {
        Ok(_) => Ok(markdown),
        Err(error) => Err(LibraryError::Unstorable { id: id.to_string(), error }),
    }
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
