//! Images added from disk, kept inside the library so that an article and its pictures travel
//! together. An image is stored once per content (SHA-256); articles refer to it by the relative
//! path `assets/<hash>.<ext>`, which the format allows and an export can resolve.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::error::LibraryError;
use super::Library;
use crate::article::picture_file::{asset_hash, probe_image, ASSET_PREFIX};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredImage {
    /// What an article's image `src` says: `assets/<sha256>.<ext>`.
    pub src: String,
    pub media_type: String,
    pub width: u32,
    pub height: u32,
}

impl Library {
    /// Stores an image file's bytes (JPEG, PNG, WebP or GIF). Adding the same picture twice
    /// stores it once. The bytes are kept exactly as given.
    pub fn add_image(&mut self, bytes: &[u8], name: &str) -> Result<StoredImage, LibraryError> {
        let now = self.now();
        insert_image(&self.conn, bytes, name, now)
    }

    /// The bytes and media type of an image stored with [`Library::add_image`].
    pub fn image(&self, src: &str) -> Result<(Vec<u8>, String), LibraryError> {
        let not_found = || LibraryError::ImageNotFound { src: src.to_string() };
        let hash = asset_hash(src).ok_or_else(not_found)?;
        self.conn
            .query_row("SELECT bytes, media_type FROM assets WHERE hash = ?1", [hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(not_found)
    }
}

/// [`Library::add_image`] on a connection or inside the caller's transaction.
pub(super) fn insert_image(conn: &Connection, bytes: &[u8], name: &str, now: i64) -> Result<StoredImage, LibraryError> {
    let probe = probe_image(bytes).map_err(|reason| LibraryError::NotAnImage { name: name.to_string(), reason })?;
    let hash = crate::hash::sha256_hex(bytes);
    conn.execute(
        "INSERT OR IGNORE INTO assets (hash, media_type, width, height, name, bytes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![hash, probe.media_type, probe.width, probe.height, name, bytes, now],
    )?;
    Ok(StoredImage {
        src: format!("{ASSET_PREFIX}{hash}.{}", probe.extension),
        media_type: probe.media_type.into(),
        width: probe.width,
        height: probe.height,
    })
}
