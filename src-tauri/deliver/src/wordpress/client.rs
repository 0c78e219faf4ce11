//! WordPress's REST API (core `wp/v2`, and the Qalam plugin's `qalam/v1`) with an Application
//! Password: one method per call the delivery makes, each answer read as the few fields it needs.

use std::time::Duration;

use reqwest::Url;
use serde::Deserialize;
use serde_json::Value;

use crate::error::DeliverError;
use crate::http::{self, json};

pub struct WpClient {
    /// `…/wp-json/` or, on a site without pretty links, `…/?rest_route=/`.
    root: Root,
    user: String,
    password: zeroize::Zeroizing<String>,
    http: reqwest::Client,
}

enum Root {
    Pretty(String),
    Query(String),
}

#[derive(Debug, Clone, Deserialize)]
pub struct Me {
    pub id: u64,
    pub name: String,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub capabilities: std::collections::BTreeMap<String, bool>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MediaItem {
    pub id: u64,
    pub source_url: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PostItem {
    pub id: u64,
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub slug: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Term {
    id: u64,
    name: String,
}

/// A picture to upload.
pub struct Upload<'a> {
    pub bytes: Vec<u8>,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub slug: &'a str,
    pub alt: &'a str,
    pub caption: &'a str,
}

impl WpClient {
    pub fn new(
        site: &str,
        user: &str,
        password: zeroize::Zeroizing<String>,
        timeout: Duration,
    ) -> Result<WpClient, DeliverError> {
        let site = http::site_url(site)?;
        Ok(WpClient { root: Root::Pretty(site), user: user.into(), password, http: http::client(timeout)? })
    }

    fn url(&self, route: &str, query: &[(&str, &str)]) -> Url {
        let mut url = match &self.root {
            Root::Pretty(site) => Url::parse(&format!("{site}/wp-json{route}")),
            Root::Query(site) => Url::parse(&format!("{site}/")).map(|mut u| {
                u.query_pairs_mut().append_pair("rest_route", route);
                u
            }),
        }
        .expect("a checked site address with an API route is a URL");
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        url
    }

    fn get(&self, route: &str, query: &[(&str, &str)]) -> reqwest::RequestBuilder {
        self.http.get(self.url(route, query)).basic_auth(&self.user, Some(self.password.as_str()))
    }

    fn post(&self, route: &str, query: &[(&str, &str)]) -> reqwest::RequestBuilder {
        self.http.post(self.url(route, query)).basic_auth(&self.user, Some(self.password.as_str()))
    }

    /// Finds the API: `/wp-json/`, else `?rest_route=` (a site without pretty links). Returns
    /// the API index's namespaces.
    pub async fn discover(&mut self) -> Result<Vec<String>, DeliverError> {
        let index = match json::<Value>(self.get("/", &[]).send().await).await {
            Ok(index) => index,
            Err(DeliverError::Refused { status: 404, .. }) | Err(DeliverError::Protocol { .. }) => {
                let Root::Pretty(site) = &self.root else { unreachable!("discovery starts from pretty links") };
                self.root = Root::Query(site.clone());
                json::<Value>(self.get("/", &[]).send().await).await?
            }
            Err(e) => return Err(e),
        };
        let namespaces = index["namespaces"]
            .as_array()
            .ok_or_else(|| DeliverError::Protocol { detail: "no namespaces in the API index".into() })?;
        Ok(namespaces.iter().filter_map(|n| n.as_str().map(str::to_string)).collect())
    }

    pub async fn me(&self) -> Result<Me, DeliverError> {
        json(self.get("/wp/v2/users/me", &[("context", "edit")]).send().await).await
    }

    pub async fn find_media(&self, slug: &str) -> Result<Option<MediaItem>, DeliverError> {
        let found: Vec<MediaItem> =
            json(self.get("/wp/v2/media", &[("slug", slug), ("context", "edit")]).send().await).await?;
        Ok(found.into_iter().next())
    }

    /// Uploads a picture: the raw bytes with its type and file name (a raw UTF-8 name is what
    /// WordPress takes), slug, alt text and caption.
    pub async fn upload_media(&self, up: Upload<'_>) -> Result<MediaItem, DeliverError> {
        let disposition = format!("attachment; filename=\"{}\"", up.file_name.replace(['"', '\\', '\r', '\n'], "_"));
        let request = self
            .post(
                "/wp/v2/media",
                &[("slug", up.slug), ("alt_text", up.alt), ("caption", up.caption), ("title", up.alt)],
            )
            .header(reqwest::header::CONTENT_TYPE, up.content_type)
            .header(reqwest::header::CONTENT_DISPOSITION, disposition)
            .body(up.bytes);
        json(request.send().await).await
    }

    pub async fn find_post(&self, slug: &str) -> Result<Option<PostItem>, DeliverError> {
        let found: Vec<PostItem> = json(
            self.get(
                "/wp/v2/posts",
                &[("slug", slug), ("status", "publish,future,draft,pending,private"), ("context", "edit")],
            )
            .send()
            .await,
        )
        .await?;
        Ok(found.into_iter().next())
    }

    pub async fn create_post(&self, fields: &Value) -> Result<PostItem, DeliverError> {
        json(self.post("/wp/v2/posts", &[]).json(fields).send().await).await
    }

    /// Updates post `id`; `None` when the site no longer has it (deleted for good).
    pub async fn update_post(&self, id: u64, fields: &Value) -> Result<Option<PostItem>, DeliverError> {
        match json(self.post(&format!("/wp/v2/posts/{id}"), &[]).json(fields).send().await).await {
            Ok(post) => Ok(Some(post)),
            Err(DeliverError::Refused { status: 404, .. }) => Ok(None),
            // A post in the site's trash is gone for this purpose too; a new one is made.
            Err(DeliverError::Refused { code, .. }) if code == "rest_cannot_edit_trashed" => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The post as stored, for tests and the plugin's view (`context=edit`).
    pub async fn post_raw(&self, id: u64) -> Result<Value, DeliverError> {
        json(self.get(&format!("/wp/v2/posts/{id}"), &[("context", "edit")]).send().await).await
    }

    /// The id of the term named `name` in `taxonomy` (`categories` or `tags`), made when missing.
    pub async fn term(&self, taxonomy: &'static str, name: &str) -> Result<u64, DeliverError> {
        let route = format!("/wp/v2/{taxonomy}");
        let found: Vec<Term> = json(self.get(&route, &[("search", name), ("per_page", "100")]).send().await).await?;
        if let Some(term) = found.iter().find(|t| same_name(&t.name, name)) {
            return Ok(term.id);
        }
        match json::<Term>(self.post(&route, &[]).json(&serde_json::json!({ "name": name })).send().await).await {
            Ok(term) => Ok(term.id),
            Err(DeliverError::Forbidden { .. }) => Err(DeliverError::TermNotAllowed { taxonomy, term: name.into() }),
            // Made meanwhile by someone else: WordPress says which.
            Err(DeliverError::Refused { code, .. }) if code == "term_exists" => {
                let again: Vec<Term> = json(self.get(&route, &[("search", name)]).send().await).await?;
                again
                    .into_iter()
                    .find(|t| same_name(&t.name, name))
                    .map(|t| t.id)
                    .ok_or(DeliverError::TermNotAllowed { taxonomy, term: name.into() })
            }
            Err(e) => Err(e),
        }
    }
}

/// Term names come back HTML-escaped (`&amp;`).
fn same_name(stored: &str, wanted: &str) -> bool {
    let decoded = qalam_core::publish::web_text::decode(stored);
    decoded.trim() == wanted.trim()
}
