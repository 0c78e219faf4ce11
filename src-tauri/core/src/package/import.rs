//! Importing a package from another machine. [`read_package`] verifies an untrusted zip entirely
//! in memory — limits, paths, links, the manifest, every size and hash, the article, the pictures'
//! headers — and only a package that passes all of it reaches the library, in one transaction.
//! A refused package therefore writes nothing anywhere.

use std::collections::BTreeSet;

use serde::Serialize;

use super::error::{PackageError, Refusal};
use super::handoff::{ReviewPart, EVENTS_PATH};
use super::manifest::{ImageEntry, Manifest, ARTICLE_PATH, MANIFEST_PATH};
use super::public_life::PUBLIC_LIFE_PATH;
use super::seal::{check_seal, Sealer, SEAL_PATH};
use super::zip_io::{check_path, read_zip, Entry, ReadLimits};
use super::{FORMAT_NAME, FORMAT_VERSION};
use crate::article::images::image_uses;
use crate::article::picture_file::probe_image;
use crate::article::{parse, Article};
use crate::hash::sha256_hex;
pub use crate::library::{ArrivalOutcome, IfExists};
use crate::library::{Library, LibraryError};
use crate::publish::life::PublicLife;

/// A package that passed every check, ready to enter a library.
#[derive(Debug, Clone)]
pub struct VerifiedPackage {
    pub manifest: Manifest,
    pub article: Article,
    /// Each picture `src` of the article with the bytes the library keeps for it.
    pub pictures: Vec<(String, Vec<u8>)>,
    /// A review package's record and revision hashes (none in a publishable package).
    pub review: Option<ReviewPart>,
    /// Who sealed a review package (its seal checked: every review package has one).
    pub sealed_by: Option<Sealer>,
    /// When the story was updated and its corrections (`public-life.json`; empty when absent).
    pub life: PublicLife,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedPackage {
    pub id: String,
    pub title: String,
    pub outcome: ArrivalOutcome,
}

/// Verifies a package's bytes with the default limits.
pub fn read_package(bytes: &[u8]) -> Result<VerifiedPackage, PackageError> {
    read_package_files(bytes).map(|(package, _)| package)
}

/// [`read_package`], with every file of the package as it was checked (for `verify`, which
/// looks at them again without unpacking the zip a second time).
pub(crate) fn read_package_files(bytes: &[u8]) -> Result<(VerifiedPackage, Vec<Entry>), PackageError> {
    let entries = read_zip(bytes, ReadLimits::default()).map_err(PackageError::Refused)?;
    let package = verify_entries(&entries).map_err(PackageError::Refused)?;
    Ok((package, entries))
}

fn verify_entries(entries: &[Entry]) -> Result<VerifiedPackage, Refusal> {
    let manifest_bytes = &entries.iter().find(|e| e.path == MANIFEST_PATH).ok_or(Refusal::NoManifest)?.bytes;
    let manifest: serde_json::Value = serde_json::from_slice(manifest_bytes).map_err(|_| Refusal::ManifestNotJson)?;
    if !manifest.is_object() {
        return Err(Refusal::ManifestNotObject);
    }
    let manifest: Manifest = serde_json::from_value(manifest).map_err(|e| Refusal::BadManifest(e.to_string()))?;
    if manifest.format != FORMAT_NAME {
        return Err(Refusal::WrongFormat { found: manifest.format });
    }
    if manifest.format_version > FORMAT_VERSION {
        return Err(Refusal::TooNew { found: manifest.format_version, supported: FORMAT_VERSION });
    }
    check_listing(&manifest, entries)?;
    let file = |path: &str| entries.iter().find(|e| e.path == path).map(|e| e.bytes.as_slice());

    let article_bytes = file(ARTICLE_PATH).ok_or_else(|| Refusal::Missing(ARTICLE_PATH.into()))?;
    if sha256_hex(article_bytes) != manifest.article.sha256 {
        return Err(Refusal::HashMismatch { path: ARTICLE_PATH.into() });
    }
    let text = std::str::from_utf8(article_bytes)
        .map_err(|_| Refusal::Unreadable { path: ARTICLE_PATH.into(), reason: "not UTF-8 text".into() })?;
    let article = parse(text).map_err(Refusal::BadArticle)?;

    let mut pictures = Vec::new();
    for image in image_uses(&article) {
        let entry =
            picture_of(&manifest.images, &image.src).ok_or_else(|| Refusal::ImageNotInPackage(image.src.clone()))?;
        let path = entry.best_path().ok_or_else(|| Refusal::ImageNotInPackage(image.src.clone()))?;
        let bytes = file(path).ok_or_else(|| Refusal::Missing(path.into()))?;
        probe_image(bytes).map_err(|reason| Refusal::BadImage { path: path.into(), reason })?;
        pictures.push((image.src.clone(), bytes.to_vec()));
    }
    let review = match file(EVENTS_PATH) {
        None => None,
        Some(bytes) => Some(
            serde_json::from_slice(bytes)
                .map_err(|e| Refusal::Unreadable { path: EVENTS_PATH.into(), reason: e.to_string() })?,
        ),
    };
    // A hand-off carries its sender's seal; any other package has none (the file would be unlisted).
    let sealed_by = match (&review, file(SEAL_PATH)) {
        (Some(_), Some(seal)) => Some(check_seal(seal, manifest_bytes, &manifest.article.id)?),
        (Some(_), None) => return Err(Refusal::NotSealed),
        (None, Some(_)) => return Err(Refusal::Unlisted(SEAL_PATH.into())),
        (None, None) => None,
    };
    let life = match file(PUBLIC_LIFE_PATH) {
        None => PublicLife::default(),
        Some(bytes) => serde_json::from_slice::<PublicLife>(bytes)
            .map_err(|e| e.to_string())
            .and_then(|life| {
                if life.is_bounded() {
                    Ok(life)
                } else {
                    Err("too many corrections, or one too long or empty".into())
                }
            })
            .map_err(|reason| Refusal::Unreadable { path: PUBLIC_LIFE_PATH.into(), reason })?,
    };
    Ok(VerifiedPackage { manifest, article, pictures, review, sealed_by, life })
}

/// The archive holds exactly the files the manifest lists (plus the manifest, and a hand-off's
/// seal, which signs it), each with the listed size and hash.
fn check_listing(manifest: &Manifest, entries: &[Entry]) -> Result<(), Refusal> {
    let mut listed = BTreeSet::new();
    for f in &manifest.files {
        check_path(&f.path).ok_or_else(|| Refusal::BadPath(f.path.clone()))?;
        if f.path == MANIFEST_PATH || f.path == SEAL_PATH || !listed.insert(f.path.as_str()) {
            return Err(Refusal::Duplicate(f.path.clone()));
        }
    }
    for entry in entries.iter().filter(|e| e.path != MANIFEST_PATH && e.path != SEAL_PATH) {
        if !listed.contains(entry.path.as_str()) {
            return Err(Refusal::Unlisted(entry.path.clone()));
        }
    }
    for f in &manifest.files {
        let entry = entries.iter().find(|e| e.path == f.path).ok_or_else(|| Refusal::Missing(f.path.clone()))?;
        if entry.bytes.len() as u64 != f.size {
            return Err(Refusal::SizeMismatch {
                path: f.path.clone(),
                listed: f.size,
                actual: entry.bytes.len() as u64,
            });
        }
        if sha256_hex(&entry.bytes) != f.sha256.to_ascii_lowercase() {
            return Err(Refusal::HashMismatch { path: f.path.clone() });
        }
    }
    Ok(())
}

fn picture_of<'m>(images: &'m [ImageEntry], src: &str) -> Option<&'m ImageEntry> {
    images.iter().find(|image| image.has_path(src))
}

/// Takes a verified package into `library`: its pictures and its article, in one transaction.
pub fn import_package(
    library: &mut Library,
    package: &VerifiedPackage,
    if_exists: IfExists,
) -> Result<ImportedPackage, LibraryError> {
    let (id, outcome) = library.import_with_pictures(&package.article, &package.pictures, if_exists)?;
    Ok(ImportedPackage { id, title: package.article.meta.title.clone(), outcome })
}
