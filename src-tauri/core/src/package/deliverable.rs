//! What a delivery carries: the package of the article's current revision, made exactly as an
//! export makes it (checker, renditions, approval), and whether an editor this library trusts
//! approved exactly that content. Only then may it go to a site as published.

use std::sync::atomic::AtomicBool;

use super::approval::{content_listing, listing_hash, ApprovalFile, APPROVAL_PATH};
use super::error::PackageError;
use super::export::{prepare, ExportControl, ExportOptions};
use super::import::{read_package_files, VerifiedPackage};
use super::verify::verify_package;
use crate::check::CheckSettings;
use crate::library::{Library, PostStatus};
use crate::workflow::Event;

#[derive(Debug, Clone)]
pub struct Deliverable {
    pub zip: Vec<u8>,
    pub revision: i64,
    pub title: String,
    pub content_hash: String,
    pub approved: bool,
    /// How many public corrections it shows.
    pub corrections: u32,
}

/// Makes the package of article `id` to deliver. The checker's errors stop it; its warnings do
/// not (an approval accepted them; a draft is not final).
pub fn deliverable(library: &mut Library, id: &str, settings: &CheckSettings) -> Result<Deliverable, PackageError> {
    let options = ExportOptions { accept_warnings: true, settings: settings.clone(), ..ExportOptions::default() };
    let job = prepare(library, id, &options)?;
    let job_corrections = job.life().corrections.len() as u32;
    let cancel = AtomicBool::new(false);
    let package = job.run(&ExportControl { progress: &|_, _| {}, cancel: &cancel })?;
    let zip = package.zip_bytes().map_err(|e| PackageError::Io { path: package.name.clone().into(), source: e })?;
    let trusted = library.people().map_err(PackageError::from)?;
    let verification = verify_package(&zip, &trusted);
    let listing = content_listing(&package.files);
    Ok(Deliverable {
        revision: package.manifest.article.revision,
        title: package.manifest.article.title.clone(),
        content_hash: listing_hash(&listing),
        approved: verification.is_approved(),
        corrections: job_corrections,
        zip,
    })
}

/// A delivery's package read back for sending: checked as any package from outside is.
pub struct Opened {
    pub package: VerifiedPackage,
    /// Every file, as in the zip (the ninjs document for a webhook, the zip for a folder).
    pub files: Vec<(String, Vec<u8>)>,
    pub content_hash: String,
    /// The approvals of exactly this revision and content, as signed (none for a draft).
    pub approvals: Vec<Event>,
}

pub fn open_deliverable(zip: &[u8]) -> Result<Opened, PackageError> {
    let (package, entries) = read_package_files(zip)?;
    let files: Vec<(String, Vec<u8>)> = entries.into_iter().map(|e| (e.path, e.bytes)).collect();
    let content_hash = listing_hash(&content_listing(&files));
    let approvals = files
        .iter()
        .find(|(path, _)| path == APPROVAL_PATH)
        .and_then(|(_, bytes)| serde_json::from_slice::<ApprovalFile>(bytes).ok())
        .map(|file| file.for_content(package.manifest.article.revision, &content_hash).approvals)
        .unwrap_or_default();
    Ok(Opened { package, files, content_hash, approvals })
}

/// Why a delivery may not go as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotApproved;

/// The status a delivery takes: the one asked for, else the target's default — and `publish` only
/// for an approved revision. An unapproved article asked (or defaulted) to `publish` is refused,
/// never quietly turned into a draft.
pub fn delivery_status(
    asked: Option<PostStatus>,
    default: PostStatus,
    approved: bool,
) -> Result<PostStatus, NotApproved> {
    let status = asked.unwrap_or(default);
    if status == PostStatus::Publish && !approved {
        return Err(NotApproved);
    }
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_approved_revision_is_published_and_nothing_is_downgraded_quietly() {
        use PostStatus::*;
        assert_eq!(delivery_status(None, Publish, true), Ok(Publish));
        assert_eq!(delivery_status(None, Publish, false), Err(NotApproved));
        assert_eq!(delivery_status(Some(Publish), Draft, false), Err(NotApproved));
        assert_eq!(delivery_status(Some(Draft), Publish, false), Ok(Draft));
        assert_eq!(delivery_status(Some(Pending), Publish, false), Ok(Pending));
        assert_eq!(delivery_status(None, Draft, false), Ok(Draft));
    }
}
