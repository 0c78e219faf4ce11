//! Pictures, stored once by SHA-256 whoever uploads them and however often.

use deadpool_postgres::GenericClient;
use qalam_core::library::assets::probe_image;
use qalam_core::package::manifest::sha256_hex;

use crate::error::DeskError;

pub const MAX_BLOB_BYTES: usize = qalam_core::library::assets::MAX_IMAGE_BYTES;

pub async fn missing(db: &impl GenericClient, hashes: &[String]) -> Result<Vec<String>, DeskError> {
    if hashes.len() > 1000 {
        return Err(DeskError::BadInput { what: "hashes".into(), why: "at most 1000 at a time".into() });
    }
    let wanted: Vec<String> = hashes.iter().map(|h| h.to_ascii_lowercase()).collect();
    let have: Vec<String> = super::cached::query(&*db, "SELECT hash FROM blobs WHERE hash = ANY($1)", &[&wanted])
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    Ok(wanted.into_iter().filter(|h| !have.contains(h)).collect())
}

/// Stores a picture whose bytes hash to `hash`; storing it again changes nothing.
pub async fn put(db: &impl GenericClient, hash: &str, bytes: &[u8]) -> Result<(), DeskError> {
    let actual = sha256_hex(bytes);
    if actual != hash.to_ascii_lowercase() {
        return Err(DeskError::BadInput { what: "picture".into(), why: "its bytes do not hash to its name".into() });
    }
    probe_image(bytes).map_err(|why| DeskError::BadInput { what: "picture".into(), why })?;
    super::cached::execute(
        &*db,
        "INSERT INTO blobs (hash, bytes) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING",
        &[&actual, &bytes],
    )
    .await?;
    Ok(())
}

pub async fn get(db: &impl GenericClient, hash: &str) -> Result<Vec<u8>, DeskError> {
    super::cached::query_opt(&*db, "SELECT bytes FROM blobs WHERE hash = $1", &[&hash.to_ascii_lowercase()])
        .await?
        .map(|r| r.get(0))
        .ok_or(DeskError::NoSuchPicture)
}
