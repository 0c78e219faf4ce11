//! `article.ninjs.json`: the article as IPTC ninjs 3.1, the IPTC's JSON format for news, so a CMS
//! that speaks ninjs takes the story without knowing Qalam. Pictures are associations of type
//! `picture` whose renditions point at files inside the package.

use serde_json::{json, Map, Value};

use super::manifest::ImageEntry;
use crate::article::html::render_body;
use crate::article::inline_text::{blocks_plain_text, word_count};
use crate::article::Article;
use crate::dates::iso_time;
use crate::lang::Lang;

pub const NINJS_SCHEMA_URI: &str = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#";

/// What the ninjs document says besides the article itself.
pub struct NinjsContext<'a> {
    pub id: &'a str,
    pub revision: i64,
    pub first_created_ms: i64,
    pub version_created_ms: i64,
    pub status: &'a str,
    pub slug: &'a str,
    /// Size in bytes of each package file, by path.
    pub size_of: &'a dyn Fn(&str) -> Option<u64>,
    /// The story's public corrections as shown (date, note), oldest first.
    pub corrections: &'a [(String, String)],
}

pub fn ninjs_document(article: &Article, images: &[ImageEntry], cx: &NinjsContext) -> Value {
    let meta = &article.meta;
    let lang = if meta.language.to_ascii_lowercase().starts_with("ar") { Lang::Ar } else { Lang::En };
    let html = render_body(&article.body, lang);
    let text = blocks_plain_text(&article.body);
    let mut doc = Map::new();
    doc.insert("standard".into(), json!({"name": "ninjs", "version": "3.1", "schema": NINJS_SCHEMA_URI}));
    doc.insert("uri".into(), json!(format!("urn:qalam:article:{}", cx.id)));
    doc.insert("type".into(), json!("text"));
    doc.insert("representationType".into(), json!("full"));
    doc.insert("version".into(), json!(cx.revision.to_string()));
    doc.insert("firstCreated".into(), json!(iso_time(cx.first_created_ms)));
    doc.insert("versionCreated".into(), json!(iso_time(cx.version_created_ms)));
    doc.insert("pubStatus".into(), json!(pub_status(cx.status)));
    doc.insert("language".into(), json!(meta.language));
    doc.insert("slugline".into(), json!(cx.slug));
    let mut headlines = vec![json!({"role": "main", "value": meta.title})];
    if let Some(kicker) = &meta.kicker {
        headlines.push(json!({"role": "kicker", "value": kicker}));
    }
    doc.insert("headlines".into(), Value::Array(headlines));
    let mut descriptions = Vec::new();
    if let Some(standfirst) = &meta.standfirst {
        descriptions.push(json!({"role": "summary", "contentType": "text/plain", "value": standfirst}));
    }
    // ninjs has no field of its own for a correction: each is a description of role
    // `correction`, its date first, as readers see it.
    descriptions.extend(cx.corrections.iter().map(
        |(when, note)| json!({"role": "correction", "contentType": "text/plain", "value": format!("{when}: {note}")}),
    ));
    if !descriptions.is_empty() {
        doc.insert("descriptions".into(), Value::Array(descriptions));
    }
    doc.insert(
        "bodies".into(),
        json!([
            {"role": "main", "contentType": "text/html", "value": html,
             "wordCount": word_count(&text), "charCount": text.chars().filter(|c| !c.is_whitespace()).count()},
            {"role": "main", "contentType": "text/plain", "value": text, "wordCount": word_count(&text)},
        ]),
    );
    if let Some(byline) = &meta.byline {
        doc.insert("by".into(), json!(byline));
    }
    if let Some(dateline) = &meta.dateline {
        doc.insert("located".into(), json!(dateline));
    }
    let mut subjects: Vec<Value> = Vec::new();
    if let Some(category) = &meta.category {
        subjects.push(json!({"name": category, "rel": "category"}));
    }
    subjects.extend(meta.tags.iter().map(|tag| json!({"name": tag, "rel": "tag"})));
    if !subjects.is_empty() {
        doc.insert("subjects".into(), Value::Array(subjects));
    }
    if !images.is_empty() {
        let associations = images.iter().map(|image| picture(image, cx)).collect();
        doc.insert("associations".into(), Value::Array(associations));
    }
    Value::Object(doc)
}

/// Only an approved or published story is usable by the receiving CMS as it stands.
fn pub_status(status: &str) -> &'static str {
    match status {
        "approved" | "published" => "usable",
        _ => "withheld",
    }
}

fn picture(image: &ImageEntry, cx: &NinjsContext) -> Value {
    let mut item = Map::new();
    item.insert("name".into(), json!(image.name));
    item.insert("rel".into(), json!(if image.name == "hero" { "hero" } else { "inline" }));
    item.insert("uri".into(), json!(format!("urn:qalam:article:{}:image:{}", cx.id, image.name)));
    item.insert("type".into(), json!("picture"));
    let mut descriptions = vec![json!({"role": "alt", "contentType": "text/plain", "value": image.alt})];
    if let Some(caption) = &image.caption {
        descriptions.push(json!({"role": "caption", "contentType": "text/plain", "value": caption}));
    }
    item.insert("descriptions".into(), Value::Array(descriptions));
    if let Some(credit) = &image.credit {
        item.insert("by".into(), json!(credit));
        item.insert("copyrightHolder".into(), json!(credit));
    }
    let renditions = image
        .renditions
        .iter()
        .map(|r| {
            json!({
                "name": format!("{}w", r.width),
                "href": r.path,
                "contentType": r.content_type,
                "width": r.width,
                "height": r.height,
                "sizeInBytes": (cx.size_of)(&r.path).unwrap_or(0),
            })
        })
        .collect();
    item.insert("renditions".into(), Value::Array(renditions));
    Value::Object(item)
}
