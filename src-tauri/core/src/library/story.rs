//! An article as it travels to the desk: the working copy's text (its pictures named by content
//! hash), its record of events, and the hashes of its revisions. Only an article someone has
//! acted on travels: a draft nobody submitted stays in this library.

use super::error::LibraryError;
use super::review_error::ReviewError;
use super::{events, Library};
use crate::article::images::image_uses;
use crate::library::assets::ASSET_PREFIX;
use crate::workflow::Event;

#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub id: String,
    pub markdown: String,
    pub section: Option<String>,
    pub events: Vec<Event>,
    pub revision_hashes: Vec<String>,
    /// The `src` of each picture the text uses (`assets/<sha256>.<ext>`).
    pub pictures: Vec<String>,
}

impl Library {
    /// The article as it is now, ready to send.
    pub fn story(&self, id: &str) -> Result<Story, ReviewError> {
        let stored = self.load(id)?;
        let events = events::record(&self.conn, id)?.into_iter().map(|e| e.event).collect();
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
        Ok(events::last_hash(&self.conn, id)?.is_some())
    }
}
