//! `qalam target test`: whether the site answers, whether it takes the credentials, and what the
//! account may do there — asked of the site, not guessed from a role's name.

use serde::Serialize;

use super::client::WpClient;
use crate::error::DeliverError;

/// The Qalam plugin's REST namespace.
pub const PLUGIN_NAMESPACE: &str = "qalam/v1";

#[derive(Debug, Clone, Serialize)]
pub struct SiteReport {
    pub user: String,
    pub roles: Vec<String>,
    pub can_write: bool,
    pub can_upload: bool,
    pub can_publish: bool,
    /// May create categories (tags need only the right to write).
    pub can_create_categories: bool,
    /// The Qalam plugin is active: posts keep their approvals and the site checks them.
    pub plugin: bool,
}

pub async fn check(client: &mut WpClient) -> Result<SiteReport, DeliverError> {
    let namespaces = client.discover().await?;
    if !namespaces.iter().any(|n| n == "wp/v2") {
        return Err(DeliverError::Protocol { detail: "the site's API has no wp/v2".into() });
    }
    let me = client.me().await?;
    let can = |cap: &str| me.capabilities.get(cap).copied().unwrap_or(false);
    Ok(SiteReport {
        user: me.name,
        roles: me.roles.clone(),
        can_write: can("edit_posts"),
        can_upload: can("upload_files"),
        can_publish: can("publish_posts"),
        can_create_categories: can("manage_categories"),
        plugin: namespaces.iter().any(|n| n == PLUGIN_NAMESPACE),
    })
}
