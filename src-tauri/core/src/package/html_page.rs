//! `article.html`: the article as a standalone HTML5 page — the core's safe renderer inside a
//! document with its stylesheet inlined, so it shows the same with no network and no other file
//! than the package's pictures.

use crate::article::html::{escape, render_presented};
use crate::article::Article;
use crate::dates::iso_time;
use crate::lang::Lang;
use crate::presentation::Presentation;
use crate::publish::life::PublicLife;

const PAGE_CSS: &str = include_str!("page.css");

/// The page of an article already presented in the publication's digits (`presentation` gives
/// its dates), with when it was updated and its corrections (`life`).
pub fn standalone_page(shown: &Article, presentation: &Presentation, life: &PublicLife) -> String {
    let meta = &shown.meta;
    let dir = if meta.is_rtl() { "rtl" } else { "ltr" };
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!("<html lang=\"{}\" dir=\"{dir}\">\n<head>\n", escape(&meta.language)));
    out.push_str("<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&meta.title)));
    if let Some(standfirst) = &meta.standfirst {
        out.push_str(&format!("<meta name=\"description\" content=\"{}\">\n", escape(standfirst)));
    }
    if !life.is_empty() {
        out.push_str(&structured_data(shown, life));
    }
    out.push_str("<style>\n");
    out.push_str(PAGE_CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    let lang = Lang::from_locale(&meta.language);
    let mut article = render_presented(shown, presentation);
    // The update under the header, the corrections at the article's end (inside it: they are
    // part of what the story says).
    if let Some(line) = life.updated_line(lang, presentation) {
        let updated =
            format!("<p class=\"updated\"><time datetime=\"{}\">{}</time></p>\n", iso(life.updated), escape(&line));
        article = article.replacen("</header>\n", &format!("</header>\n{updated}"), 1);
    }
    if !life.corrections.is_empty() {
        let closing = article.rfind("</article>").unwrap_or(article.len());
        article.insert_str(closing, &corrections_section(life, lang, presentation));
    }
    out.push_str(&article);
    out.push_str("</body>\n</html>\n");
    out
}

fn iso(millis: Option<i64>) -> String {
    millis.map(iso_time).unwrap_or_default()
}

fn corrections_section(life: &PublicLife, lang: Lang, presentation: &Presentation) -> String {
    let mut out = format!("<aside class=\"corrections\">\n<h2>{}</h2>\n<ol>\n", life.corrections_heading(lang));
    for (c, (when, note)) in life.corrections.iter().zip(life.correction_lines(lang, presentation)) {
        out.push_str(&format!(
            "<li dir=\"auto\"><time datetime=\"{}\">{}</time>: {}</li>\n",
            iso_time(c.time),
            escape(&when),
            escape(&note)
        ));
    }
    out.push_str("</ol>\n</aside>\n");
    out
}

/// schema.org's description of the story for search engines: when it was published and modified,
/// and each correction as a `CorrectionComment`.
fn structured_data(shown: &Article, life: &PublicLife) -> String {
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": shown.meta.title,
        "inLanguage": shown.meta.language,
    });
    if let Some(first) = life.first_published {
        data["datePublished"] = iso_time(first).into();
    }
    if let Some(updated) = life.updated {
        data["dateModified"] = iso_time(updated).into();
    }
    if !life.corrections.is_empty() {
        let corrections: Vec<serde_json::Value> = life
            .corrections
            .iter()
            .map(|c| {
                serde_json::json!({"@type": "CorrectionComment", "text": c.note.trim(), "datePublished": iso_time(c.time)})
            })
            .collect();
        data["correction"] = corrections.into();
    }
    // Inside <script>, "</" could end it: JSON lets it be written "<\/".
    let json = data.to_string().replace("</", "<\\/");
    format!("<script type=\"application/ld+json\">{json}</script>\n")
}
