//! Pictures, stored once by SHA-256 whoever uploads them and however often. A picture is served
//! only to someone who may see a story whose text uses it, or who uploaded it; to anyone else it
//! answers exactly as a picture the desk does not have.

use deadpool_postgres::GenericClient;
use qalam_core::article::picture_file::probe_image;
use qalam_core::hash::sha256_hex;

use super::people::Caller;
use super::visibility::{is_editor, visible_sql};
use crate::error::DeskError;

pub const MAX_BLOB_BYTES: usize = qalam_core::article::picture_file::MAX_IMAGE_BYTES;

/// The condition that `$1` (a hash) is the caller's to see: `$2` person, `$3` editor, `$4` sections.
fn may_fetch_sql() -> String {
    format!(
        "(EXISTS (SELECT 1 FROM blob_uploaders u WHERE u.hash = $1 AND u.person_id = $2)
          OR EXISTS (SELECT 1 FROM blob_uses bu JOIN articles a ON a.id = bu.article_id WHERE bu.hash = $1 AND {}))",
        visible_sql(2, 3, 4)
    )
}

/// Those of `hashes` the caller has no copy of on the desk to use: the ones the desk lacks, and
/// the ones it has but the caller may not fetch (uploading them again changes nothing and says
/// nothing of other people's pictures).
pub async fn missing(db: &impl GenericClient, caller: &Caller, hashes: &[String]) -> Result<Vec<String>, DeskError> {
    if hashes.len() > 1000 {
        return Err(DeskError::BadInput { what: "hashes".into(), why: "at most 1000 at a time".into() });
    }
    let mut out = Vec::new();
    for hash in hashes.iter().map(|h| h.to_ascii_lowercase()) {
        if !may_fetch(db, caller, &hash).await? {
            out.push(hash);
        }
    }
    Ok(out)
}

/// Whether the caller uploaded the picture or may see a story that uses it.
pub async fn may_fetch(db: &impl GenericClient, caller: &Caller, hash: &str) -> Result<bool, DeskError> {
    let sql = format!("SELECT {}", may_fetch_sql());
    let row = super::cached::query_one(
        db,
        &sql,
        &[&hash, &caller.person.id, &is_editor(&caller.person), &caller.person.sections],
    )
    .await?;
    Ok(row.get(0))
}

/// Stores a picture whose bytes hash to `hash` for the caller; storing it again changes nothing.
pub async fn put(db: &impl GenericClient, caller: &Caller, hash: &str, bytes: &[u8]) -> Result<(), DeskError> {
    let actual = sha256_hex(bytes);
    if actual != hash.to_ascii_lowercase() {
        return Err(DeskError::BadInput { what: "picture".into(), why: "its bytes do not hash to its name".into() });
    }
    probe_image(bytes).map_err(|why| DeskError::BadInput { what: "picture".into(), why })?;
    super::cached::execute(
        db,
        "INSERT INTO blobs (hash, bytes) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING",
        &[&actual, &bytes],
    )
    .await?;
    super::cached::execute(
        db,
        "INSERT INTO blob_uploaders (hash, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        &[&actual, &caller.person.id],
    )
    .await?;
    Ok(())
}

pub async fn get(db: &impl GenericClient, caller: &Caller, hash: &str) -> Result<Vec<u8>, DeskError> {
    let hash = hash.to_ascii_lowercase();
    let sql = format!("SELECT bytes FROM blobs WHERE hash = $1 AND {}", may_fetch_sql());
    super::cached::query_opt(db, &sql, &[&hash, &caller.person.id, &is_editor(&caller.person), &caller.person.sections])
        .await?
        .map(|r| r.get(0))
        .ok_or(DeskError::NoSuchPicture)
}
