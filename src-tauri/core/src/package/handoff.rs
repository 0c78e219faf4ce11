//! Hand-off between machines without a server: a *review package* is the publishable package of
//! the working copy (made whatever the checker says, with the pictures as they were added so the
//! other library stores the very same files), plus the article's record of events and the hashes
//! of its revisions, from which the receiver finds the last revision both sides share. Private
//! notes never leave.

use std::sync::atomic::AtomicBool;

use serde::{Deserialize, Serialize};

use super::error::PackageError;
use super::export::{export_package, ExportControl, ExportOptions, Package};
use super::manifest::{FileEntry, MANIFEST_PATH};
use super::VerifiedPackage;
use crate::library::handoff::{HandoffOutcome, Incoming};
use crate::library::{Library, ReviewError};
use crate::workflow::Event;

pub const EVENTS_PATH: &str = "review/events.json";

/// What a review package adds to a publishable one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewPart {
    /// The article's events, in the sender's order.
    pub events: Vec<Event>,
    /// SHA-256 of each of the sender's revisions, oldest first.
    pub revision_hashes: Vec<String>,
}

/// Takes a verified review package into `library`: its text, pictures and record, every event
/// checked by the one rule before anything is written.
pub fn receive_handoff(library: &mut Library, package: &VerifiedPackage) -> Result<HandoffOutcome, ReviewError> {
    let review =
        package.review.clone().unwrap_or_else(|| ReviewPart { events: Vec::new(), revision_hashes: Vec::new() });
    library.receive_handed(Incoming {
        id: package.manifest.article.id.clone(),
        article: package.article.clone(),
        pictures: package.pictures.clone(),
        events: review.events,
        desk_times: Vec::new(),
        revision_hashes: review.revision_hashes,
    })
}

/// The review package of article `id`.
pub fn make_handoff(library: &mut Library, id: &str) -> Result<Package, PackageError> {
    let options = ExportOptions { for_review: true, include_originals: true, ..ExportOptions::default() };
    let cancel = AtomicBool::new(false);
    let package = export_package(library, id, &options, &ExportControl { progress: &|_, _| {}, cancel: &cancel })?;
    let events = library.events(id).map_err(PackageError::from)?.into_iter().map(|(event, _)| event).collect();
    let revision_hashes = library.revision_hashes(id)?;
    let part = ReviewPart { events, revision_hashes };
    let mut bytes = serde_json::to_vec_pretty(&part).expect("the review part always serializes");
    bytes.push(b'\n');
    Ok(package.with_file(EVENTS_PATH, bytes))
}

impl Package {
    /// The package with one more file, listed in its manifest.
    pub fn with_file(mut self, path: &str, bytes: Vec<u8>) -> Package {
        self.manifest.files.push(FileEntry::of(path, &bytes));
        self.files.push((path.to_string(), bytes));
        let mut manifest = serde_json::to_vec_pretty(&self.manifest).expect("the manifest always serializes");
        manifest.push(b'\n');
        debug_assert_eq!(self.files[0].0, MANIFEST_PATH);
        self.files[0].1 = manifest;
        self
    }
}
