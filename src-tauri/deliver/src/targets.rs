//! Adding, testing and removing targets. A target's secret goes into the keychain before the
//! target is written to the library, and leaves it when the target is removed.

use std::collections::BTreeMap;
use std::time::Duration;

use qalam_core::library::{Destination, Library, PostStatus, Target};
use qalam_core::Lang;
use serde::Serialize;
use zeroize::Zeroizing;

use crate::error::DeliverError;
use crate::wordpress::check::{check, SiteReport};
use crate::wordpress::client::WpClient;
use crate::{folder, http, secret};

pub struct NewTarget {
    pub name: String,
    /// As the user typed it: `add` checks the address, the account and the folder.
    pub destination: Destination,
    pub default_status: PostStatus,
    pub categories: BTreeMap<String, String>,
    /// The Application Password (WordPress) or signing key (webhook).
    pub secret: Option<Zeroizing<String>>,
}

pub fn check_name(name: &str) -> Result<(), DeliverError> {
    let ok = !name.is_empty()
        && name.chars().count() <= 40
        && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(DeliverError::BadName { name: name.into() })
    }
}

pub fn add(library: &mut Library, new: NewTarget) -> Result<Target, DeliverError> {
    check_name(&new.name)?;
    // Names that differ only in letter case would be told apart by no one reading a list.
    let taken = library.targets()?.into_iter().find(|t| t.name.to_lowercase() == new.name.to_lowercase());
    if let Some(taken) = taken {
        return Err(DeliverError::TargetExists { name: taken.name });
    }
    let destination = match new.destination {
        Destination::Wordpress { url, user } => {
            let user = user.trim();
            if user.is_empty() {
                return Err(DeliverError::NoUser);
            }
            Destination::Wordpress { url: http::site_url(&url)?, user: user.to_string() }
        }
        Destination::Folder { folder } => Destination::Folder { folder: folder_path(&folder)? },
        Destination::Webhook { url } => Destination::Webhook { url: http::site_url(&url)? },
    };
    let target = Target {
        name: new.name.clone(),
        destination,
        default_status: new.default_status,
        categories: new.categories,
        created_at: 0,
    };
    if let Some(url) = target.destination.secret_url() {
        let secret = new.secret.as_deref().map(|s| s.trim()).filter(|s| !s.is_empty());
        secret::save(&target.name, url, secret.ok_or(DeliverError::NoSecretGiven)?)?;
    }
    match library.add_target(&target) {
        Ok(true) => {}
        Ok(false) => return Err(DeliverError::TargetExists { name: target.name }),
        Err(e) => {
            if let Some(url) = target.destination.secret_url() {
                let _ = secret::forget(&target.name, url);
            }
            return Err(e.into());
        }
    }
    Ok(library.target(&target.name)?.unwrap_or(target))
}

fn folder_path(path: &str) -> Result<String, DeliverError> {
    if path.chars().any(char::is_control) {
        // A line break in a path would split every line that names it (lists, logs).
        return Err(DeliverError::Folder {
            path: path.escape_debug().to_string(),
            detail: "a control character in the path".into(),
        });
    }
    let dir = std::path::Path::new(path.trim());
    let absolute = dir.canonicalize().map_err(|e| DeliverError::Folder { path: path.into(), detail: e.to_string() })?;
    if !absolute.is_dir() {
        return Err(DeliverError::Folder { path: path.into(), detail: "not a folder".into() });
    }
    Ok(absolute.to_string_lossy().into_owned())
}

pub fn remove(library: &mut Library, name: &str) -> Result<Target, DeliverError> {
    let target = named(library, name)?;
    if let Some(url) = target.destination.secret_url() {
        secret::forget(&target.name, url)?;
    }
    library.remove_target(name)?;
    Ok(target)
}

/// What `target test` found.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TestReport {
    Wordpress(SiteReport),
    Folder {
        path: String,
    },
    /// The endpoint answered (any HTTP status: it is not sent a story to test it).
    Webhook {
        status: u16,
    },
}

/// The target called `name` (to test it without holding the library across the network).
pub fn named(library: &Library, name: &str) -> Result<Target, DeliverError> {
    library.target(name)?.ok_or_else(|| DeliverError::NoTarget { name: name.into() })
}

pub async fn test(target: Target, timeout: Duration) -> Result<TestReport, DeliverError> {
    test_within(target, timeout).await.map_err(|e| e.within(timeout))
}

async fn test_within(target: Target, timeout: Duration) -> Result<TestReport, DeliverError> {
    match &target.destination {
        Destination::Wordpress { url, user } => {
            let password = secret::load(&target.name, url)?;
            let mut client = WpClient::new(url, user, password, timeout)?;
            Ok(TestReport::Wordpress(check(&mut client).await?))
        }
        Destination::Folder { folder } => {
            folder::check(folder)?;
            Ok(TestReport::Folder { path: folder.clone() })
        }
        Destination::Webhook { url } => {
            secret::load(&target.name, url)?;
            let response = http::sent(http::client(timeout)?.head(url).send().await)?;
            Ok(TestReport::Webhook { status: response.status().as_u16() })
        }
    }
}

impl TestReport {
    /// What the test found, a line a finding, in the user's language: the CLI prints the lines,
    /// the settings show them as one paragraph.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let yes = |b: bool| if b { lang.pick("نعم", "yes") } else { lang.pick("لا", "no") };
        match self {
            TestReport::Wordpress(r) => vec![
                match lang {
                    Lang::Ar => format!("الموقع يجيب، وقَبِل الحساب {} ({})", r.user, r.roles.join("، ")),
                    Lang::En => format!("the site answers and takes the account {} ({})", r.user, r.roles.join(", ")),
                },
                match lang {
                    Lang::Ar => format!(
                        "يكتب مقالات: {}  يرفع صوراً: {}  ينشر: {}  ينشئ تصنيفات: {}",
                        yes(r.can_write),
                        yes(r.can_upload),
                        yes(r.can_publish),
                        yes(r.can_create_categories)
                    ),
                    Lang::En => format!(
                        "write posts: {}  upload pictures: {}  publish: {}  create categories: {}",
                        yes(r.can_write),
                        yes(r.can_upload),
                        yes(r.can_publish),
                        yes(r.can_create_categories)
                    ),
                },
                if r.plugin {
                    lang.pick("إضافة قلم للتحقق من الاعتماد: مفعّلة", "Qalam plugin (checks approvals): active")
                } else {
                    lang.pick(
                        "إضافة قلم للتحقق من الاعتماد: غير مفعّلة (لن يُحفظ الاعتماد مع المقال)",
                        "Qalam plugin (checks approvals): not active (posts will not carry their approval)",
                    )
                }
                .to_string(),
            ],
            TestReport::Folder { path } => vec![match lang {
                Lang::Ar => format!("المجلد {} موجود ويقبل الكتابة", lang.ltr(path)),
                Lang::En => format!("the folder {path} is there and takes files"),
            }],
            TestReport::Webhook { status } => {
                vec![format!("{} (HTTP {status})", lang.pick("العنوان يجيب", "the endpoint answers"))]
            }
        }
    }

    /// Why nothing could be delivered there though the target answered, if so.
    pub fn refusal(&self) -> Option<DeliverError> {
        match self {
            TestReport::Webhook { status } if *status >= 500 => {
                Some(DeliverError::Refused { status: *status, code: "server-error".into(), message: String::new() })
            }
            TestReport::Wordpress(r) if !r.can_upload || !r.can_write => Some(DeliverError::Forbidden {
                code: "cannot-deliver".into(),
                message: "this account may not write posts with pictures (an Author or above can)".into(),
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endpoint_that_answers_with_its_own_error_fails_the_test() {
        assert!(TestReport::Webhook { status: 500 }.refusal().is_some());
        assert!(TestReport::Webhook { status: 405 }.refusal().is_none(), "it is not sent a story to test it");
        assert!(TestReport::Folder { path: "/srv/drive".into() }.refusal().is_none());
    }
}
