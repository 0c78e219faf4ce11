//! Taking in an article together with its pictures (a package's import): the pictures become
//! library assets and the article's `src`s are rewritten to them, all in one transaction, so an
//! import is whole or absent. An article already here is never overwritten silently.

use rusqlite::TransactionBehavior;
use serde::Serialize;

use super::articles::{current_version, SaveKind};
use super::error::LibraryError;
use super::save::{create_in, save_in, store_pictures};
use super::Library;
use crate::article::model::is_valid_id;
use crate::article::Article;

/// What to do when the incoming article's id is already in the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IfExists {
    /// Refuse with [`LibraryError::AlreadyExists`], so the user can be asked.
    Ask,
    /// Add the incoming article under a new id; the one here stays as it is.
    KeepBoth,
    /// The incoming text becomes the working copy; the previous text stays in the revisions.
    Replace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ArrivalOutcome {
    Created,
    Replaced,
    KeptBoth,
}

impl ArrivalOutcome {
    /// The name JSON and the UI use: `created`, `replaced` or `kept-both`.
    pub fn as_str(self) -> &'static str {
        match self {
            ArrivalOutcome::Created => "created",
            ArrivalOutcome::Replaced => "replaced",
            ArrivalOutcome::KeptBoth => "kept-both",
        }
    }
}

impl Library {
    /// Adds `article` and the pictures it shows. `pictures` pairs each `src` the article uses with
    /// that picture's bytes. Returns the article's id in the library.
    pub fn import_with_pictures(
        &mut self,
        article: &Article,
        pictures: &[(String, Vec<u8>)],
        if_exists: IfExists,
    ) -> Result<(String, ArrivalOutcome), LibraryError> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let article = store_pictures(&tx, article, pictures, now)?;
        let incoming_id = article.meta.id.clone().filter(|id| is_valid_id(id));
        let existing = match &incoming_id {
            Some(id) => current_version(&tx, id)?.map(|version| (id.clone(), version)),
            None => None,
        };
        let done = match (existing, if_exists) {
            (Some((id, _)), IfExists::Ask) => {
                let title: String = tx.query_row("SELECT title FROM articles WHERE id = ?1", [&id], |r| r.get(0))?;
                return Err(LibraryError::AlreadyExists { id, title });
            }
            (Some((id, version)), IfExists::Replace) => {
                if save_in(&tx, now, &id, &article, version, SaveKind::Import)?.written {
                    super::outbox::queue_change(&tx, &id, now)?;
                }
                (id, ArrivalOutcome::Replaced)
            }
            (Some(_), IfExists::KeepBoth) => {
                let id = crate::hash::new_id();
                create_in(&tx, now, &id, &article)?;
                (id, ArrivalOutcome::KeptBoth)
            }
            (None, _) => {
                let id = incoming_id.unwrap_or_else(crate::hash::new_id);
                create_in(&tx, now, &id, &article)?;
                (id, ArrivalOutcome::Created)
            }
        };
        tx.commit()?;
        Ok(done)
    }
}
