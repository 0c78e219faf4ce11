//! One delivery to a WordPress site, exactly once whatever fails in between.
//!
//! Every item the site makes — a picture, the post — is first *planned* in the library's map
//! (its deterministic slug, no id yet), then made, then recorded with the id the site gave. So:
//! - recorded: the item is reused (a corrected article updates the same post and picture);
//! - planned but not recorded (the answer was lost: a cut, a timeout, a kill): the site is asked
//!   by slug before anything is made, and what it has is recorded;
//! - neither: it is made directly, with no look-up (the common case costs no extra request).
//!
//! The map is kept by the site's address. Pictures are the package's largest renditions, never
//! the originals, keyed by content hash, so one picture in many stories is uploaded once.

use std::collections::HashMap;

use qalam_core::article::presented::presented;
use qalam_core::hash::sha256_hex;
use qalam_core::library::{Delivery, Library, PostStatus, RemoteId, RemoteKind, Target};
use qalam_core::package::deliverable::Opened;
use qalam_core::package::manifest::ImageEntry;
use qalam_core::package::slug;
use qalam_core::package::PackageError;
use qalam_core::publish::gutenberg::Media;
use qalam_core::publish::post::post_fields;
use serde_json::{json, Value};

use super::client::{PostItem, Upload, WpClient};
use crate::error::DeliverError;

/// What the site has now.
pub struct Delivered {
    pub post_id: u64,
    pub link: String,
}

pub struct Site<'a> {
    pub client: &'a WpClient,
    /// The Qalam plugin is active there (so the post's meta is registered and kept).
    pub has_plugin: bool,
    /// Term ids found during this run, by (taxonomy, name).
    pub terms: &'a mut HashMap<(&'static str, String), u64>,
    /// Told each step as it starts (`picture 2/3`, `post`).
    pub progress: &'a (dyn Fn(&str) + Sync),
}

pub async fn deliver(
    library: &mut Library,
    target: &Target,
    site: &mut Site<'_>,
    delivery: &Delivery,
    opened: &Opened,
) -> Result<Delivered, DeliverError> {
    let package = &opened.package;
    let article = &package.article;
    let title_slug = slug(&article.meta.title);
    // What a site holds is known by the site's address: two targets for one site (two accounts,
    // two mappings) share its posts and pictures.
    let site_key = target.destination.address().to_string();
    let mut media: HashMap<String, Media> = HashMap::new();
    let count = package.pictures.len();
    for (i, (src, bytes)) in package.pictures.iter().enumerate() {
        let step = format!("picture {}/{count}", i + 1);
        library.delivery_progress(delivery.id, &step)?;
        (site.progress)(&step);
        let entry = package.manifest.images.iter().find(|e| e.has_path(src));
        let item = ensure_picture(library, &site_key, site.client, src, bytes, entry, &title_slug).await?;
        media.insert(src.clone(), item);
    }

    library.delivery_progress(delivery.id, "post")?;
    (site.progress)("post");
    // The words as the approval signed them: in the publication's digits (an approval made under
    // other digits no longer matches the package, so such a story is not published as approved).
    let presentation = library.check_settings().map_err(PackageError::from)?.style.publication;
    let fields =
        post_fields(&presented(article, &presentation), &|src| media.get(src).cloned(), &package.life, &presentation);
    let mut body = json!({
        "title": fields.title,
        "content": fields.content,
        "excerpt": fields.excerpt,
        "status": delivery.status.as_str(),
    });
    // Under embargo, "publish" goes in as scheduled for the embargo's time: WordPress publishes it
    // then, and the plugin refuses anyone who tries before (the embargo's time travels as meta).
    let now = qalam_core::dates::now_ms();
    let held = library.embargo(&delivery.article_id).map_err(PackageError::from)?.and_then(|e| e.holding_at(now));
    // Scheduled (`--at`), or held by the embargo: whichever is later, if still ahead.
    let at = delivery.publish_at.filter(|&at| at > now).max(held);
    // A post the site still holds for later (the embargo lifted early, a schedule given up) is
    // published now: WordPress would keep a post dated ahead scheduled. An update of a post
    // already public keeps its first publication time (no date sent).
    let held_there = library
        .deliveries(Some(&delivery.article_id), 100)?
        .iter()
        .find(|d| {
            d.id != delivery.id && d.target == target.name && d.state == qalam_core::library::DeliveryState::Delivered
        })
        .and_then(|d| d.publish_at)
        .is_some_and(|t| t > now);
    if delivery.status == PostStatus::Publish && at.is_none() && held_there {
        body["date_gmt"] = json!(qalam_core::zoned::utc_without_offset(now));
    }
    if let (PostStatus::Publish, Some(until)) = (delivery.status, at) {
        body["status"] = json!("future");
        body["date_gmt"] = json!(qalam_core::zoned::utc_without_offset(until));
        // The delivery says when the site publishes it (an embargo's time, when that is later).
        library.set_delivery_publish_at(delivery.id, until)?;
    }
    if let Some(section) = &fields.category {
        let name = target.categories.get(section).cloned().unwrap_or_else(|| section.clone());
        body["categories"] = json!([term(site, "categories", &name).await?]);
    }
    let mut tags = Vec::new();
    for tag in &fields.tags {
        tags.push(term(site, "tags", tag).await?);
    }
    body["tags"] = json!(tags);
    if let Some(hero) = &article.meta.hero {
        if let Some(m) = media.get(&hero.src) {
            body["featured_media"] = json!(m.id);
        }
    }
    if site.has_plugin {
        body["meta"] = post_meta(delivery, opened);
        // Seconds since the epoch; 0 once lifted or passed.
        body["meta"]["qalam_embargo_until"] = json!(held.map_or(0, |until| until / 1000));
        // The signed step the embargo stands on: a chief's early lift is taken by the site only
        // with it (it checks the chief's key).
        if let Some(step) = library.embargo_step(&delivery.article_id).map_err(PackageError::from)? {
            let signed = json!({ "body": step.0.body, "signature": step.0.signature });
            body["meta"]["qalam_embargo_lift"] = json!(signed.to_string());
        }
        // Published again after a take-down: the site lets its mark go for an approval newer
        // than the take-down (which this delivery carries), and refuses it otherwise.
        if delivery.status == PostStatus::Publish {
            body["meta"]["qalam_taken_down"] = json!("");
        }
    }
    let post = ensure_post(library, &site_key, site.client, &delivery.article_id, &title_slug, &body).await?;
    Ok(Delivered { post_id: post.id, link: post.link })
}

/// The post's meta the plugin registers: who approved which content.
fn post_meta(delivery: &Delivery, opened: &Opened) -> Value {
    let approvals: Vec<Value> =
        opened.approvals.iter().map(|e| json!({ "body": e.0.body, "signature": e.0.signature })).collect();
    json!({
        "qalam_article_id": delivery.article_id,
        "qalam_revision": delivery.revision,
        "qalam_content_hash": opened.content_hash,
        "qalam_approval": serde_json::to_string(&approvals).expect("approvals serialize"),
    })
}

async fn term(site: &mut Site<'_>, taxonomy: &'static str, name: &str) -> Result<u64, DeliverError> {
    let key = (taxonomy, name.to_string());
    if let Some(id) = site.terms.get(&key) {
        return Ok(*id);
    }
    let id = site.client.term(taxonomy, name).await?;
    site.terms.insert(key, id);
    Ok(id)
}

async fn ensure_picture(
    library: &mut Library,
    target: &str,
    client: &WpClient,
    src: &str,
    bytes: &[u8],
    entry: Option<&ImageEntry>,
    title_slug: &str,
) -> Result<Media, DeliverError> {
    let hash = sha256_hex(bytes);
    let known = library.remote_id(target, RemoteKind::Media, &hash)?;
    if let Some(known) = known.as_ref().filter(|k| !k.remote_id.is_empty()) {
        if let (Ok(id), Some(url)) = (known.remote_id.parse(), known.url.clone()) {
            return Ok(Media { id, url });
        }
    }
    let slug = format!("qalam-{}", &hash[..20]);
    if known.is_some() {
        // Planned before: the upload may have reached the site although its answer did not.
        if let Some(found) = client.find_media(&slug).await? {
            return record_picture(library, target, &hash, &slug, found.id, found.source_url);
        }
    } else {
        library.set_remote_id(target, RemoteKind::Media, &hash, &planned(&slug))?;
    }
    let alt = entry.map_or("", |e| e.alt.as_str());
    let caption = entry.map(caption_of).unwrap_or_default();
    let name = entry.map_or("picture", |e| e.name.as_str());
    let content_type = entry
        .and_then(|e| e.renditions.iter().find(|r| r.path == src))
        .map_or("image/jpeg", |r| r.content_type.as_str());
    let extension = src.rsplit('.').next().filter(|e| e.len() <= 5).unwrap_or("jpg");
    let file_name = format!("{title_slug}-{name}.{extension}");
    let item = client
        .upload_media(Upload {
            bytes: bytes.to_vec(),
            file_name: &file_name,
            content_type,
            slug: &slug,
            alt,
            caption: &caption,
        })
        .await?;
    record_picture(library, target, &hash, &slug, item.id, item.source_url)
}

fn caption_of(entry: &ImageEntry) -> String {
    match (entry.caption.as_deref().unwrap_or(""), entry.credit.as_deref().unwrap_or("")) {
        ("", credit) => credit.to_string(),
        (caption, "") => caption.to_string(),
        (caption, credit) => format!("{caption} — {credit}"),
    }
}

fn planned(slug: &str) -> RemoteId {
    RemoteId { remote_id: String::new(), url: None, slug: Some(slug.into()) }
}

fn record_picture(
    library: &mut Library,
    target: &str,
    hash: &str,
    slug: &str,
    id: u64,
    url: String,
) -> Result<Media, DeliverError> {
    let remote = RemoteId { remote_id: id.to_string(), url: Some(url.clone()), slug: Some(slug.into()) };
    library.set_remote_id(target, RemoteKind::Media, hash, &remote)?;
    Ok(Media { id, url })
}

async fn ensure_post(
    library: &mut Library,
    target: &str,
    client: &WpClient,
    article_id: &str,
    title_slug: &str,
    body: &Value,
) -> Result<PostItem, DeliverError> {
    let known = library.remote_id(target, RemoteKind::Post, article_id)?;
    // The slug is fixed at the first delivery: a retitled article keeps its post and address.
    let slug = known.as_ref().and_then(|k| k.slug.clone()).unwrap_or_else(|| post_slug(title_slug, article_id));
    let mut body = body.clone();
    body["slug"] = json!(slug);
    if let Some(id) = known.as_ref().and_then(|k| k.remote_id.parse::<u64>().ok()) {
        match client.update_post(id, &body).await? {
            Some(post) => return record_post(library, target, article_id, &slug, post),
            // Deleted on the site: it is made again (planned, so a lost answer is found).
            None => library.set_remote_id(target, RemoteKind::Post, article_id, &planned(&slug))?,
        }
    } else if known.is_some() {
        if let Some(found) = client.find_post(&slug).await? {
            let post = client.update_post(found.id, &body).await?.unwrap_or(found);
            return record_post(library, target, article_id, &slug, post);
        }
    } else {
        library.set_remote_id(target, RemoteKind::Post, article_id, &planned(&slug))?;
    }
    let post = client.create_post(&body).await?;
    record_post(library, target, article_id, &slug, post)
}

/// WordPress keeps a slug percent-encoded and cuts it at 200 bytes; ours stays under that, so the
/// slug looked up is the slug stored.
const MAX_ENCODED_SLUG: usize = 190;

/// The title's slug with the article's id after it: readable, and never another story's.
fn post_slug(title_slug: &str, article_id: &str) -> String {
    let tail: String = article_id.chars().rev().take(8).collect::<String>().chars().rev().collect();
    let tail = format!("-{}", tail.to_lowercase());
    let mut head = String::new();
    let mut encoded = tail.len();
    for c in title_slug.chars() {
        let size = if c.is_ascii_alphanumeric() || c == '-' { 1 } else { c.len_utf8() * 3 };
        if encoded + size > MAX_ENCODED_SLUG {
            break;
        }
        encoded += size;
        head.push(c);
    }
    format!("{}{tail}", head.trim_end_matches('-'))
}

fn record_post(
    library: &mut Library,
    target: &str,
    article_id: &str,
    slug: &str,
    post: PostItem,
) -> Result<PostItem, DeliverError> {
    let remote = RemoteId { remote_id: post.id.to_string(), url: Some(post.link.clone()), slug: Some(slug.into()) };
    library.set_remote_id(target, RemoteKind::Post, article_id, &remote)?;
    Ok(post)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_arabic_slug_keeps_its_id_within_what_wordpress_stores() {
        let title =
            qalam_core::package::slug("قوات أميركية تغادر سوريا وتعيد تموضعها في العراق رغم الاتفاقات الموقعة مع بغداد");
        let slug = post_slug(&title, "01M8V4ENCQTNFEQQHR7B224KBS");
        assert!(slug.ends_with("-7b224kbs"), "{slug}");
        let encoded: usize = slug.chars().map(|c| if c.is_ascii() { 1 } else { c.len_utf8() * 3 }).sum();
        assert!(encoded <= MAX_ENCODED_SLUG, "{encoded}");
        assert!(slug.starts_with("قوات-أميركية"));
        assert_eq!(post_slug("short", "01ABCDEFGH"), "short-abcdefgh");
    }
}
