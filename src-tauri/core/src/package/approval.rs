//! Approvals that travel with a package, and checking them anywhere.
//!
//! An approval signs the package's *content*: `article.md`, `article.html` and every picture
//! file, listed by path with their SHA-256 and hashed together ([`content_listing`]). The
//! manifest and the ninjs document are not part of it: they say whether the story is approved.
//! A package of an approved revision carries `approval.json`: the approval events for that
//! revision, the approvers' roster entries, and the chiefs' rosters that vouch for them.

use serde::{Deserialize, Serialize};

use super::manifest::{sha256_hex, ARTICLE_PATH, HTML_PATH};
use crate::identity::{Person, Roster};
use crate::library::{Library, ReviewError};
use crate::workflow::{Action, Event};

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
    path == ARTICLE_PATH || path == HTML_PATH || path.starts_with("images/")
}

/// The hash an approval signs: SHA-256 of the listing as `sha256  path` lines.
pub fn listing_hash(listing: &[(String, String)]) -> String {
    let text: String = listing.iter().map(|(path, hash)| format!("{hash}  {path}\n")).collect();
    sha256_hex(format!("qalam-package-content 1\n{text}").as_bytes())
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

impl Library {
    /// Every authentic approval of the article, and the people this library knows who signed them.
    pub fn approval_file(&self, id: &str) -> Result<ApprovalFile, ReviewError> {
        let approvals: Vec<Event> = self
            .events(id)?
            .into_iter()
            .filter(|(event, body)| body.action() == Some(Action::Approve) && event.is_authentic(body))
            .map(|(event, _)| event)
            .collect();
        let people = self.people()?;
        Ok(ApprovalFile { approvals, people, rosters: self.chief_rosters()? }.for_content_any())
    }
}

impl ApprovalFile {
    /// Keeps only the people who signed one of the approvals.
    fn for_content_any(mut self) -> ApprovalFile {
        let signers: Vec<_> = self.approvals.iter().filter_map(|e| e.read().ok()).map(|b| b.actor).collect();
        self.people.retain(|p| signers.contains(&p.fingerprint));
        self
    }
}
