//! Hand-off between machines without a server: a *review package* is the publishable package of
//! the working copy (made whatever the checker says, with the pictures as they were added so the
//! other library stores the very same files), plus the article's record of events and the hashes
//! of its revisions, from which the receiver finds the last revision both sides share, all sealed
//! by the sender (`seal`): a hand-off changed on the way, or not sealed, is refused whole. Private
//! notes never leave.

use std::sync::atomic::AtomicBool;

use serde::{Deserialize, Serialize};

use super::error::{PackageError, Refusal};
use super::export::{export_package, ExportControl, ExportOptions, Package};
use super::manifest::{FileEntry, MANIFEST_PATH};
use super::seal::{seal, SEAL_PATH};
use super::VerifiedPackage;
use crate::library::handoff::{HandedBy, HandoffOutcome, Incoming, UnknownSigner};
use crate::library::people::{named_alike, KeyStanding};
use crate::library::{Library, Signer};
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
/// checked by the one rule before anything is written. The outcome names the sender by the key
/// that sealed it; a sender this library does not know is one of its unknown signers, and one
/// whose key does not count here (unknown or removed) never replaces the working copy: what
/// they changed waits as an incoming revision, in conflict.
pub fn receive_handoff(library: &mut Library, package: &VerifiedPackage) -> Result<HandoffOutcome, PackageError> {
    let (Some(review), Some(sealer)) = (package.review.clone(), package.sealed_by.clone()) else {
        return Err(PackageError::Refused(Refusal::NotSealed));
    };
    let (standing, known_name) = library.key_standing(&sealer.fingerprint)?;
    let mut outcome = library.receive_handed(
        Incoming {
            id: package.manifest.article.id.clone(),
            article: package.article.clone(),
            pictures: package.pictures.clone(),
            events: review.events,
            desk_times: Vec::new(),
            revision_hashes: review.revision_hashes,
        },
        standing == KeyStanding::Trusted,
    )?;
    let mut name_belongs_to = None;
    // A removed sender is not offered to be trusted again: the desk removed them.
    if standing == KeyStanding::Unknown {
        if !outcome.unknown_signers.iter().any(|u| u.fingerprint == sealer.fingerprint) {
            outcome.unknown_signers.insert(
                0,
                UnknownSigner {
                    fingerprint: sealer.fingerprint.clone(),
                    public_key: sealer.public_key.clone(),
                    claimed_name: sealer.claimed_name.clone(),
                },
            );
        }
        name_belongs_to = named_alike(&library.people()?, &sealer.claimed_name).map(|p| p.fingerprint.clone());
    }
    let name = known_name.unwrap_or(sealer.claimed_name);
    outcome.handed_by = Some(HandedBy { fingerprint: sealer.fingerprint, name, standing, name_belongs_to });
    Ok(outcome)
}

/// The review package of article `id`, sealed by `signer`.
pub fn make_handoff(library: &mut Library, id: &str, signer: &Signer) -> Result<Package, PackageError> {
    let options = ExportOptions { for_review: true, include_originals: true, ..ExportOptions::default() };
    let cancel = AtomicBool::new(false);
    let package = export_package(library, id, &options, &ExportControl { progress: &|_, _| {}, cancel: &cancel })?;
    let events = library.events(id).map_err(PackageError::from)?.into_iter().map(|(event, _)| event).collect();
    let revision_hashes = library.revision_hashes(id)?;
    let part = ReviewPart { events, revision_hashes };
    let mut bytes = serde_json::to_vec_pretty(&part).expect("the review part always serializes");
    bytes.push(b'\n');
    let mut package = package.with_file(EVENTS_PATH, bytes);
    // Last, over the finished manifest; the one file the manifest does not list.
    let sealed = seal(&package.files[0].1, id, signer);
    package.files.push((SEAL_PATH.to_string(), sealed));
    Ok(package)
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
