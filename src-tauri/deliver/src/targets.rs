//! Adding, testing and removing targets. A target's secret goes into the keychain before the
//! target is written to the library, and leaves it when the target is removed.

use std::collections::BTreeMap;
use std::time::Duration;

use qalam_core::library::{Library, PostStatus, Target, TargetKind};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::error::DeliverError;
use crate::wordpress::check::{check, SiteReport};
use crate::wordpress::client::WpClient;
use crate::{folder, http, secret};

pub struct NewTarget {
    pub name: String,
    pub kind: TargetKind,
    pub url: Option<String>,
    pub user: Option<String>,
    pub folder: Option<String>,
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
    if library.target(&new.name)?.is_some() {
        return Err(DeliverError::TargetExists { name: new.name });
    }
    let url = match new.kind {
        TargetKind::Folder => None,
        _ => Some(http::site_url(new.url.as_deref().unwrap_or(""))?),
    };
    let folder = match new.kind {
        TargetKind::Folder => Some(folder_path(new.folder.as_deref().unwrap_or(""))?),
        _ => None,
    };
    let user = match new.kind {
        TargetKind::Wordpress => {
            Some(new.user.as_deref().map(str::trim).filter(|u| !u.is_empty()).ok_or(DeliverError::NoUser)?.to_string())
        }
        _ => None,
    };
    let target = Target {
        name: new.name.clone(),
        kind: new.kind,
        url,
        user,
        folder,
        default_status: new.default_status,
        categories: new.categories,
        created_at: 0,
    };
    if let Some(url) = &target.url {
        let secret = new.secret.as_deref().map(|s| s.trim()).filter(|s| !s.is_empty());
        secret::save(&target.name, url, secret.ok_or(DeliverError::NoSecret { name: target.name.clone() })?)?;
    }
    match library.add_target(&target) {
        Ok(true) => {}
        Ok(false) => return Err(DeliverError::TargetExists { name: target.name }),
        Err(e) => {
            if let Some(url) = &target.url {
                let _ = secret::forget(&target.name, url);
            }
            return Err(e.into());
        }
    }
    Ok(library.target(&target.name)?.unwrap_or(target))
}

fn folder_path(path: &str) -> Result<String, DeliverError> {
    let dir = std::path::Path::new(path.trim());
    let absolute = dir.canonicalize().map_err(|e| DeliverError::Folder { path: path.into(), detail: e.to_string() })?;
    if !absolute.is_dir() {
        return Err(DeliverError::Folder { path: path.into(), detail: "not a folder".into() });
    }
    Ok(absolute.to_string_lossy().into_owned())
}

pub fn remove(library: &mut Library, name: &str) -> Result<Target, DeliverError> {
    let target = named(library, name)?;
    if let Some(url) = &target.url {
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
    let url = target.url.clone().unwrap_or_default();
    match target.kind {
        TargetKind::Wordpress => {
            let password = secret::load(&target.name, &url)?;
            let mut client = WpClient::new(&url, target.user.as_deref().unwrap_or_default(), password, timeout)?;
            Ok(TestReport::Wordpress(check(&mut client).await?))
        }
        TargetKind::Folder => {
            let path = target.folder.unwrap_or_default();
            folder::check(&path)?;
            Ok(TestReport::Folder { path })
        }
        TargetKind::Webhook => {
            secret::load(&target.name, &url)?;
            let response = http::sent(http::client(timeout)?.head(&url).send().await)?;
            Ok(TestReport::Webhook { status: response.status().as_u16() })
        }
    }
}
