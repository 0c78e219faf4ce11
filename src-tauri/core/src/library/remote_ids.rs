//! What each site already holds (keyed by the site's address): its post for each article and its
//! media item for each picture (by content hash). Written the moment the target answers, before anything else, so a
//! delivery taken up again after a failure updates what exists instead of making it twice.

use rusqlite::{params, OptionalExtension};

use super::error::LibraryError;
use super::Library;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteKind {
    /// Keyed by article id.
    Post,
    /// Keyed by the picture's SHA-256.
    Media,
}

impl RemoteKind {
    fn as_str(self) -> &'static str {
        match self {
            RemoteKind::Post => "post",
            RemoteKind::Media => "media",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteId {
    pub remote_id: String,
    pub url: Option<String>,
    /// The slug the item was made (or planned) with.
    pub slug: Option<String>,
}

impl Library {
    pub fn remote_id(&self, target: &str, kind: RemoteKind, local: &str) -> Result<Option<RemoteId>, LibraryError> {
        Ok(self
            .conn
            .query_row(
                "SELECT remote_id, url, slug FROM remote_ids WHERE target = ?1 AND kind = ?2 AND local = ?3",
                params![target, kind.as_str(), local],
                |r| Ok(RemoteId { remote_id: r.get(0)?, url: r.get(1)?, slug: r.get(2)? }),
            )
            .optional()?)
    }

    pub fn set_remote_id(
        &mut self,
        target: &str,
        kind: RemoteKind,
        local: &str,
        id: &RemoteId,
    ) -> Result<(), LibraryError> {
        self.conn.execute(
            "INSERT INTO remote_ids (target, kind, local, remote_id, url, slug) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (target, kind, local) DO UPDATE SET remote_id = ?4, url = ?5, slug = ?6",
            params![target, kind.as_str(), local, id.remote_id, id.url, id.slug],
        )?;
        Ok(())
    }

    /// Forgets one item (the target says it is gone: it will be made again).
    pub fn forget_remote_id(&mut self, target: &str, kind: RemoteKind, local: &str) -> Result<(), LibraryError> {
        self.conn.execute(
            "DELETE FROM remote_ids WHERE target = ?1 AND kind = ?2 AND local = ?3",
            params![target, kind.as_str(), local],
        )?;
        Ok(())
    }
}
