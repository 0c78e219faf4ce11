//! Where approved stories go: a WordPress site, a folder (a shared drive, a sync tool's folder)
//! or a webhook. A target is named by the user; its secret (a WordPress Application Password, a
//! webhook's signing key) lives in the OS keychain, never in this file.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::error::LibraryError;
use super::Library;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum TargetKind {
    Wordpress,
    Folder,
    Webhook,
}

/// The state a delivered post takes on the site. Only an approved revision goes as `Publish`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum PostStatus {
    Draft,
    Pending,
    Publish,
}

impl PostStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PostStatus::Draft => "draft",
            PostStatus::Pending => "pending",
            PostStatus::Publish => "publish",
        }
    }

    pub fn parse(s: &str) -> Option<PostStatus> {
        match s {
            "draft" => Some(PostStatus::Draft),
            "pending" => Some(PostStatus::Pending),
            "publish" => Some(PostStatus::Publish),
            _ => None,
        }
    }
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Wordpress => "wordpress",
            TargetKind::Folder => "folder",
            TargetKind::Webhook => "webhook",
        }
    }

    fn parse(s: &str) -> TargetKind {
        match s {
            "folder" => TargetKind::Folder,
            "webhook" => TargetKind::Webhook,
            _ => TargetKind::Wordpress,
        }
    }
}

/// Where a target sends, with what each kind needs and nothing else: the compiler says what a new
/// kind must bring, and no use has to guess at a missing field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Destination {
    /// A WordPress site and the account that writes there.
    Wordpress { url: String, user: String },
    /// A folder (a shared drive, a sync tool's folder) packages are written into.
    Folder { folder: String },
    /// An endpoint the story's ninjs document is posted to, signed.
    Webhook { url: String },
}

impl Destination {
    pub fn kind(&self) -> TargetKind {
        match self {
            Destination::Wordpress { .. } => TargetKind::Wordpress,
            Destination::Folder { .. } => TargetKind::Folder,
            Destination::Webhook { .. } => TargetKind::Webhook,
        }
    }

    /// The address the keychain files the target's secret under; a folder has no secret.
    pub fn secret_url(&self) -> Option<&str> {
        match self {
            Destination::Wordpress { url, .. } | Destination::Webhook { url } => Some(url),
            Destination::Folder { .. } => None,
        }
    }

    /// Where it is, as the user would recognise it: the site, the endpoint or the folder.
    pub fn address(&self) -> &str {
        match self {
            Destination::Wordpress { url, .. } | Destination::Webhook { url } => url,
            Destination::Folder { folder } => folder,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Target {
    pub name: String,
    #[serde(flatten)]
    pub destination: Destination,
    pub default_status: PostStatus,
    /// Qalam's sections (an article's `category`) → the site's category names.
    pub categories: BTreeMap<String, String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created_at: i64,
}

/// A row as it was written by `add_target`; a kind's column left empty (only a hand-edited file
/// has one) is the error SQLite gives for a missing value, not an empty address.
fn target(r: &rusqlite::Row) -> rusqlite::Result<Target> {
    let categories: String = r.get(6)?;
    let destination = match TargetKind::parse(&r.get::<_, String>(1)?) {
        TargetKind::Wordpress => Destination::Wordpress { url: r.get(2)?, user: r.get(3)? },
        TargetKind::Folder => Destination::Folder { folder: r.get(4)? },
        TargetKind::Webhook => Destination::Webhook { url: r.get(2)? },
    };
    Ok(Target {
        name: r.get(0)?,
        destination,
        default_status: PostStatus::parse(&r.get::<_, String>(5)?).unwrap_or(PostStatus::Draft),
        categories: serde_json::from_str(&categories).unwrap_or_default(),
        created_at: r.get(7)?,
    })
}

/// The three columns a destination is stored in: url, user_name, folder.
fn columns(d: &Destination) -> (Option<&str>, Option<&str>, Option<&str>) {
    match d {
        Destination::Wordpress { url, user } => (Some(url), Some(user), None),
        Destination::Folder { folder } => (None, None, Some(folder)),
        Destination::Webhook { url } => (Some(url), None, None),
    }
}

const COLUMNS: &str = "name, kind, url, user_name, folder, default_status, categories, created_at";

impl Library {
    /// Adds `t`; false (nothing written) when a target of that name exists.
    pub fn add_target(&mut self, t: &Target) -> Result<bool, LibraryError> {
        let categories = serde_json::to_string(&t.categories).expect("a map of strings serializes");
        let (url, user, folder) = columns(&t.destination);
        let added = self.conn.execute(
            "INSERT INTO targets (name, kind, url, user_name, folder, default_status, categories, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (name) DO NOTHING",
            params![
                t.name,
                t.destination.kind().as_str(),
                url,
                user,
                folder,
                t.default_status.as_str(),
                categories,
                self.now()
            ],
        )?;
        Ok(added == 1)
    }

    pub fn target(&self, name: &str) -> Result<Option<Target>, LibraryError> {
        Ok(self.conn.query_row(&format!("SELECT {COLUMNS} FROM targets WHERE name = ?1"), [name], target).optional()?)
    }

    pub fn targets(&self) -> Result<Vec<Target>, LibraryError> {
        let mut stmt = self.conn.prepare(&format!("SELECT {COLUMNS} FROM targets ORDER BY name"))?;
        let rows = stmt.query_map([], target)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes a target and cancels its deliveries not made yet, waiting or failed (nothing is
    /// sent to a target the user removed); what its site holds stays known (another target may
    /// deliver there). False when there is none.
    pub fn remove_target(&mut self, name: &str) -> Result<bool, LibraryError> {
        let now = self.now();
        let tx = self.conn.transaction()?;
        let removed = tx.execute("DELETE FROM targets WHERE name = ?1", [name])?;
        tx.execute(
            "UPDATE deliveries SET state = 'cancelled', done_at = ?2 WHERE target = ?1 AND state IN ('queued', 'failed')",
            params![name, now],
        )?;
        tx.commit()?;
        Ok(removed == 1)
    }
}
