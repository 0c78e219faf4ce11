//! An article as it travels to the desk: the working copy's text (its pictures named by content
//! hash), its record of events, and the hashes of its revisions. Only an article someone has
//! acted on travels: a draft nobody submitted stays in this library.

use super::error::LibraryError;
use super::review_error::ReviewError;
use super::{events, Library};
use crate::article::images::image_uses;
use crate::article::picture_file::ASSET_PREFIX;
use crate::workflow::Event;

#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub id: String,
    pub markdown: String,
    pub section: Option<String>,
    /// The events the desk does not hold yet, in the order this library received them.
    pub events: Vec<Event>,
    pub revision_hashes: Vec<String>,
    /// The `src` of each picture the text uses (`assets/<sha256>.<ext>`).
    pub pictures: Vec<String>,
}

impl Library {
    /// The article as it is now, ready to send: with the events the desk does not hold yet (nor
    /// refused), so a push carries only what is new.
    pub fn story(&self, id: &str) -> Result<Story, ReviewError> {
        let stored = self.load(id)?;
        let unsent = events::not_on_desk(&self.conn, id)?;
        let events =
            events::record(&self.conn, id)?.into_iter().filter(|e| unsent.contains(&e.hash)).map(|e| e.event).collect();
        let mut pictures: Vec<String> =
            image_uses(&stored.article).into_iter().map(|u| u.src).filter(|s| s.starts_with(ASSET_PREFIX)).collect();
        pictures.dedup();
        Ok(Story {
            id: id.to_string(),
            markdown: stored.markdown,
            section: stored.article.meta.category.clone(),
            events,
            revision_hashes: self.revision_hashes(id)?,
            pictures,
        })
    }

    /// The articles that have a record (someone submitted or shared them): what a desk may see.
    pub fn articles_with_record(&self) -> Result<Vec<String>, LibraryError> {
        let mut stmt = self.conn.prepare("SELECT DISTINCT article_id FROM events ORDER BY article_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether the article has a record, so that its changes go to the desk.
    pub fn has_record(&self, id: &str) -> Result<bool, LibraryError> {
        Ok(events::count(&self.conn, id)? > 0)
    }
}

impl Library {
    /// The desk acknowledged holding `hashes` of article `id`, received at `at` (its time, ms).
    pub fn on_desk(&mut self, hashes: &[String], at: i64) -> Result<(), LibraryError> {
        let tx = self.conn.transaction()?;
        for hash in hashes {
            events::on_desk(&tx, hash, at)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The desk refused event `hash` of article `id` (`reason`: its words in both languages): it
    /// stays in the record, never counts, and is not sent again.
    pub fn set_aside(&mut self, id: &str, hash: &str, reason: &str) -> Result<(), LibraryError> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        events::set_aside(&tx, id, hash, reason, now)?;
        super::standing::refresh(&tx, id)?;
        tx.commit()?;
        Ok(())
    }
}
