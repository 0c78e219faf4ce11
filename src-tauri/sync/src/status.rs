//! Where this library stands with its desk: joined or not, the last sync and its error, and the
//! outbox's rows.

use qalam_core::library::{DeskLink, Library, LibraryError, OutboxItem};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct DeskStatus {
    pub desk: Option<DeskLink>,
    pub waiting: i64,
    /// Rows waiting first, then the latest that ended.
    pub items: Vec<OutboxItem>,
}

pub fn status(library: &Library, limit: usize) -> Result<DeskStatus, LibraryError> {
    Ok(DeskStatus { desk: library.desk_link()?, waiting: library.outbox_waiting()?, items: library.outbox(limit)? })
}
