//! Approvals that travel with a package, and checking them anywhere.
//!
//! An approval signs the package's *content*: every file of it — `article.md`, `article.html`,
//! the ninjs document as it reads once approved, every picture — listed by path with its SHA-256
//! and hashed together ([`content_listing`]). Only the manifest (which lists `approval.json` and
//! so cannot be signed by it), `approval.json` itself, a hand-off's record (whose events are
//! signed one by one) and its seal (which signs the manifest) are outside it; a file the approval does not list makes the package
//! unapproved. A package of an approved revision carries `approval.json`: the approval events
//! for that revision, the approvers' roster entries, and the chiefs' rosters that vouch for them.

use serde::{Deserialize, Serialize};

use super::handoff::EVENTS_PATH;
use super::manifest::MANIFEST_PATH;
use super::seal::SEAL_PATH;
use crate::hash::sha256_hex;
use crate::library::{Library, ReviewError};
use crate::workflow::audit::RecordLine;
use crate::workflow::{Action, Event};
use crate::workflow::{Person, Roster};

pub const APPROVAL_PATH: &str = "approval.json";

/// The package files an approval covers, sorted by path, each with its SHA-256.
pub fn content_listing(files: &[(String, Vec<u8>)]) -> Vec<(String, String)> {
    let mut listing: Vec<(String, String)> = files
        .iter()
        .filter(|(path, _)| is_content(path))
        .map(|(path, bytes)| (path.clone(), sha256_hex(bytes)))
        .collect();
    listing.sort();
    listing
}

fn is_content(path: &str) -> bool {
    path != MANIFEST_PATH && path != APPROVAL_PATH && path != EVENTS_PATH && path != SEAL_PATH
}

/// The version of the listing an approval signs: 2 lists every file (the ninjs document
/// included); 1, before it, only the text, the page and the pictures.
const LISTING_VERSION: u32 = 2;

/// The hash an approval signs: SHA-256 of the listing as `sha256  path` lines.
pub fn listing_hash(listing: &[(String, String)]) -> String {
    listing_hash_of_version(listing, LISTING_VERSION)
}

/// The hash a listing had under an older version (to tell an approval made by an older Qalam
/// from an altered one).
pub(super) fn listing_hash_of_version(listing: &[(String, String)], version: u32) -> String {
    let text: String = listing.iter().map(|(path, hash)| format!("{hash}  {path}\n")).collect();
    sha256_hex(format!("qalam-package-content {version}\n{text}").as_bytes())
}

/// `approval.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ApprovalFile {
    pub approvals: Vec<Event>,
    /// The approvers as the exporting library knows them (trusted only through a roster).
    pub people: Vec<Person>,
    /// Rosters signed by chiefs, which vouch for the people in them.
    #[serde(default)]
    pub rosters: Vec<Roster>,
}

impl ApprovalFile {
    /// The approvals of exactly this revision and content, with the people who signed them.
    pub fn for_content(&self, revision: i64, package_hash: &str) -> ApprovalFile {
        let approvals: Vec<Event> = self
            .approvals
            .iter()
            .filter(|e| {
                e.read().is_ok_and(|b| b.revision == revision && b.package_hash.as_deref() == Some(package_hash))
            })
            .cloned()
            .collect();
        let signers: Vec<_> = approvals.iter().filter_map(|e| e.read().ok()).map(|b| b.actor).collect();
        let people = self.people.iter().filter(|p| signers.contains(&p.fingerprint)).cloned().collect();
        ApprovalFile { approvals, people, rosters: self.rosters.clone() }
    }
}

/// Every approval of the article in `library` that counts by the one rule (signed by an editor
/// the library trusts, allowed from the state it was taken in), and the people it knows who signed
/// them.
pub fn approval_file(library: &Library, id: &str) -> Result<ApprovalFile, ReviewError> {
    approval_file_of(library, id, &library.record(id)?)
}

/// [`approval_file`] from the article's record already read (an export reads it once, for its
/// approvals and its public life).
pub(super) fn approval_file_of(
    library: &Library,
    id: &str,
    record: &[RecordLine],
) -> Result<ApprovalFile, ReviewError> {
    let counting: Vec<&str> = record
        .iter()
        .filter(|line| line.refused.is_none() && line.body.action().is_some_and(Action::signs_package))
        .map(|line| line.hash.as_str())
        .collect();
    let approvals: Vec<Event> = library
        .events(id)?
        .into_iter()
        .map(|(event, _)| event)
        .filter(|event| counting.contains(&event.hash().as_str()))
        .collect();
    let people = library.people()?;
    Ok(ApprovalFile { approvals, people, rosters: library.chief_rosters()? }.for_content_any())
}

impl ApprovalFile {
    /// Keeps only the people who signed one of the approvals.
    fn for_content_any(mut self) -> ApprovalFile {
        let signers: Vec<_> = self.approvals.iter().filter_map(|e| e.read().ok()).map(|b| b.actor).collect();
        self.people.retain(|p| signers.contains(&p.fingerprint));
        self
    }
}
