//! `qalam verify`: who approved which revision of a package, or exactly why it is not approved.
//! Needs no library: only the package and the people the user trusts (a roster).

use serde::Serialize;

use super::approval::{content_listing, listing_hash, listing_hash_of_version, ApprovalFile, APPROVAL_PATH};
use super::error::Refusal;
use super::import::read_package_files;
use super::manifest::{ARTICLE_PATH, HTML_PATH, NINJS_PATH};
use super::PackageError;
use crate::identity::Fingerprint;
use crate::lang::{Lang, Localized};
use crate::workflow::roster::trusted_with_vouching;
use crate::workflow::Person;
use crate::workflow::{Action, EventKind, Role};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verification {
    pub id: Option<String>,
    pub title: Option<String>,
    pub revision: Option<i64>,
    /// Each approval the package carries, checked.
    pub approvals: Vec<ApprovalCheck>,
    /// Why the package is not approved, if it is not.
    pub problem: Option<Problem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApprovalCheck {
    pub by: String,
    pub fingerprint: Fingerprint,
    pub role: Option<Role>,
    pub revision: i64,
    pub time: i64,
    pub problem: Option<Problem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum Problem {
    /// The package fails its own checks (a file changed after it was made, …).
    Damaged {
        detail: String,
    },
    NoApproval,
    BadSignature,
    UnknownKey {
        fingerprint: Fingerprint,
    },
    NotAnEditor {
        name: String,
        role: Role,
    },
    /// The text (`article.md` or the page) changed after approval.
    TextChanged {
        path: String,
    },
    PictureChanged {
        path: String,
    },
    /// A file the approval does not list (added after approval), or one it lists changed.
    OtherFileChanged {
        path: String,
    },
    /// Approved by an older Qalam, whose approvals did not cover the ninjs document: approve again.
    OlderApproval,
    /// The approval is of an older revision than the package's.
    OlderRevision {
        approved: i64,
        packaged: i64,
    },
    OtherArticle,
}

impl Verification {
    pub fn is_approved(&self) -> bool {
        self.problem.is_none()
    }
}

/// Checks a package's approvals against `trusted` people (the user's roster).
pub fn verify_package(bytes: &[u8], trusted: &[Person]) -> Verification {
    let mut out = Verification { id: None, title: None, revision: None, approvals: Vec::new(), problem: None };
    let (package, entries) = match read_package_files(bytes) {
        Ok(read) => read,
        Err(e) => {
            out.problem = Some(Problem::Damaged { detail: damage_detail(&e) });
            return out;
        }
    };
    out.id = Some(package.manifest.article.id.clone());
    out.title = Some(package.manifest.article.title.clone());
    out.revision = Some(package.manifest.article.revision);
    let files: Vec<(String, Vec<u8>)> = entries.into_iter().map(|e| (e.path, e.bytes)).collect();
    let Some(approval) = files
        .iter()
        .find(|(p, _)| p == APPROVAL_PATH)
        .and_then(|(_, b)| serde_json::from_slice::<ApprovalFile>(b).ok())
    else {
        out.problem = Some(Problem::NoApproval);
        return out;
    };
    let people = trusted_with_vouching(trusted, &approval.rosters);
    let listing = content_listing(&files);
    for event in &approval.approvals {
        let Ok(body) = event.read() else { continue };
        // A correction signs the package that shows it, as an approval does.
        if !body.action().is_some_and(Action::signs_package) || !matches!(body.kind, EventKind::Transition(_)) {
            continue;
        }
        let known = people.iter().find(|p| p.fingerprint == body.actor);
        let problem = if !event.is_authentic(&body) {
            Some(Problem::BadSignature)
        } else if body.article != package.manifest.article.id {
            Some(Problem::OtherArticle)
        } else if body.revision != package.manifest.article.revision {
            Some(Problem::OlderRevision { approved: body.revision, packaged: package.manifest.article.revision })
        } else if let Some(changed) = changed_file(&body.package_files, body.package_hash.as_deref(), &listing) {
            Some(changed)
        } else {
            match known {
                None => Some(Problem::UnknownKey { fingerprint: body.actor.clone() }),
                Some(p) if !p.role.is_editor() => Some(Problem::NotAnEditor { name: p.name.clone(), role: p.role }),
                Some(_) => None,
            }
        };
        out.approvals.push(ApprovalCheck {
            // The name the user trusts for the key; an unknown key's claim is shown as a claim.
            by: known.map_or_else(|| format!("«{}»?", body.actor_name), |p| p.name.clone()),
            fingerprint: body.actor.clone(),
            role: known.map(|p| p.role),
            revision: body.revision,
            time: body.time,
            problem,
        });
    }
    out.problem = if out.approvals.iter().any(|a| a.problem.is_none()) {
        None
    } else {
        // The most telling reason: the latest approval's.
        Some(out.approvals.last().and_then(|a| a.problem.clone()).unwrap_or(Problem::NoApproval))
    };
    out
}

/// Which approved file is not as approved, if any. A listing that does not hash to the signed
/// hash is a forgery of the listing itself.
fn changed_file(
    approved: &Option<Vec<(String, String)>>,
    hash: Option<&str>,
    now: &[(String, String)],
) -> Option<Problem> {
    let Some(approved) = approved else { return Some(Problem::BadSignature) };
    if hash != Some(listing_hash(approved).as_str()) {
        if hash == Some(listing_hash_of_version(approved, 1).as_str()) {
            return Some(Problem::OlderApproval);
        }
        return Some(Problem::BadSignature);
    }
    let changed = |path: &str| {
        if path == ARTICLE_PATH || path == HTML_PATH || path == NINJS_PATH {
            Problem::TextChanged { path: path.into() }
        } else if path.starts_with("images/") {
            Problem::PictureChanged { path: path.into() }
        } else {
            Problem::OtherFileChanged { path: path.into() }
        }
    };
    for (path, digest) in approved {
        if now.iter().find(|(p, _)| p == path).map(|(_, d)| d) != Some(digest) {
            return Some(changed(path));
        }
    }
    now.iter().find(|(p, _)| !approved.iter().any(|(a, _)| a == p)).map(|(p, _)| changed(p))
}

fn damage_detail(e: &PackageError) -> String {
    match e {
        PackageError::Refused(Refusal::HashMismatch { path }) => format!("hash-mismatch:{path}"),
        PackageError::Refused(r) => r.to_string(),
        other => other.to_string(),
    }
}

impl Localized for Problem {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::Damaged { detail }, Lang::Ar) => match detail.strip_prefix("hash-mismatch:") {
                Some(path) => format!("الملف {} تغيّر بعد صنع الحزمة", lang.ltr(path)),
                None => format!("الحزمة لا تجتاز فحصها: {detail}"),
            },
            (Problem::Damaged { detail }, Lang::En) => match detail.strip_prefix("hash-mismatch:") {
                Some(path) => format!("{path} changed after the package was made"),
                None => format!("the package fails its own checks: {detail}"),
            },
            (Problem::NoApproval, _) => lang.pick("الحزمة لا تحمل اعتمادًا", "the package carries no approval").into(),
            (Problem::BadSignature, _) => lang
                .pick(
                    "توقيع الاعتماد لا يطابقه: عُدّل الاعتماد بعد توقيعه",
                    "the approval's signature does not match it: it was altered after signing",
                )
                .into(),
            (Problem::UnknownKey { fingerprint }, Lang::Ar) => {
                format!(
                    "وقّع الاعتماد مفتاح غير معروف ({})؛ استورد قائمة أشخاص تعرفه أو مرّرها بـ --roster",
                    lang.ltr(fingerprint)
                )
            }
            (Problem::UnknownKey { fingerprint }, Lang::En) => {
                format!("the approval is signed by an unknown key ({fingerprint}); import a roster that has it or pass one with --roster")
            }
            (Problem::NotAnEditor { name, role }, _) => match lang {
                Lang::Ar => format!("وقّع الاعتماد {name}، وهو {} في قائمة الأشخاص وليس محررًا", role.label(lang)),
                Lang::En => {
                    format!("the approval is signed by {name}, a {} in the roster, not an editor", role.label(lang))
                }
            },
            (Problem::TextChanged { path }, Lang::Ar) => format!("تغيّر النص بعد الاعتماد ({})", lang.ltr(path)),
            (Problem::TextChanged { path }, Lang::En) => format!("the text changed after approval ({path})"),
            (Problem::PictureChanged { path }, Lang::Ar) => format!("تغيّرت صورة بعد الاعتماد ({})", lang.ltr(path)),
            (Problem::PictureChanged { path }, Lang::En) => format!("a picture changed after approval ({path})"),
            (Problem::OlderRevision { approved, packaged }, Lang::Ar) => {
                format!("الاعتماد للمراجعة {approved}، والحزمة للمراجعة {packaged}")
            }
            (Problem::OlderRevision { approved, packaged }, Lang::En) => {
                format!("the approval is of revision {approved}; the package is of revision {packaged}")
            }
            (Problem::OtherArticle, _) => lang.pick("الاعتماد لمقال آخر", "the approval is of another article").into(),
            (Problem::OtherFileChanged { path }, Lang::Ar) => {
                format!("في الحزمة ملف لم يشمله الاعتماد أو تغيّر بعده ({})", lang.ltr(path))
            }
            (Problem::OtherFileChanged { path }, Lang::En) => {
                format!("the package has a file the approval does not cover, or one changed after it ({path})")
            }
            (Problem::OlderApproval, _) => lang
                .pick(
                    "اعتمدها إصدار أقدم من قلم لم يشمل اعتماده وثيقة ninjs؛ اطلب اعتمادها من جديد",
                    "approved by an older Qalam whose approvals did not cover the ninjs document; have it approved again",
                )
                .into(),
        }
    }
}
