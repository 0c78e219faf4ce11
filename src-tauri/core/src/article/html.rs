//! [`Article`] → semantic HTML, safe by construction: every piece of text is escaped, raw HTML in
//! the source is already text in the model, and only URLs allowed by [`crate::url_policy`] become
//! links or image sources.

use std::fmt::Write;

use super::model::{Article, Block, FrontMatter, Inline, RelatedStory};
use super::presented::presented;
use crate::lang::Lang;
use crate::presentation::Presentation;
use crate::url_policy::is_allowed_url;

/// Renders the whole article as an `<article>` element, digits and dates as typed.
pub fn render_article(article: &Article) -> String {
    render_article_as(article, &Presentation::default())
}

/// Renders the whole article as the publication shows it: its digits, its dates.
pub fn render_article_as(article: &Article, presentation: &Presentation) -> String {
    render_presented(&presented(article, presentation), presentation)
}

/// Renders an article already [`presented`] (its text in the publication's digits); the
/// presentation gives its dates.
pub fn render_presented(article: &Article, presentation: &Presentation) -> String {
    let meta = &article.meta;
    let lang = label_lang(meta);
    let mut out = String::with_capacity(4096);
    let dir = if meta.is_rtl() { "rtl" } else { "ltr" };
    let _ = writeln!(out, "<article dir=\"{dir}\" lang=\"{}\">", escape(&meta.language));
    render_header(meta, lang, presentation, &mut out);
    out.push_str("<div class=\"body\">\n");
    render_blocks(&article.body, lang, &mut out);
    out.push_str("</div>\n");
    render_related_stories(&meta.related, lang, presentation, &mut out);
    out.push_str("</article>\n");
    out
}

/// Renders body blocks alone (for previews and the HTML benchmark).
pub fn render_body(blocks: &[Block], lang: Lang) -> String {
    let mut out = String::with_capacity(blocks.len() * 256);
    render_blocks(blocks, lang, &mut out);
    out
}

fn label_lang(meta: &FrontMatter) -> Lang {
    if meta.language.to_ascii_lowercase().starts_with("ar") {
        Lang::Ar
    } else {
        Lang::En
    }
}

fn render_header(meta: &FrontMatter, lang: Lang, presentation: &Presentation, out: &mut String) {
    out.push_str("<header>\n");
    if let Some(kicker) = &meta.kicker {
        let _ = writeln!(out, "<p class=\"kicker\">{}</p>", escape(kicker));
    }
    let _ = writeln!(out, "<h1>{}</h1>", escape(&meta.title));
    if let Some(standfirst) = &meta.standfirst {
        let _ = writeln!(out, "<p class=\"standfirst\">{}</p>", escape(standfirst));
    }
    let mut line = Vec::new();
    if let Some(date) = meta.date {
        line.push(format!("<time datetime=\"{date}\">{}</time>", escape(&presentation.date(date, lang))));
    }
    if let Some(byline) = &meta.byline {
        line.push(format!("<span class=\"byline\">{}</span>", escape(byline)));
    }
    if let Some(dateline) = &meta.dateline {
        line.push(format!("<span class=\"dateline\">{}</span>", escape(dateline)));
    }
    if !line.is_empty() {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", line.join(" "));
    }
    if let Some(hero) = &meta.hero {
        out.push_str("<figure class=\"hero\">");
        image_tag(&hero.src, hero.alt.as_deref().unwrap_or(""), out);
        figcaption(hero.caption.as_deref().unwrap_or(""), hero.credit.as_deref().unwrap_or(""), out);
        out.push_str("</figure>\n");
    }
    out.push_str("</header>\n");
}

fn render_blocks(blocks: &[Block], lang: Lang, out: &mut String) {
    for block in blocks {
        render_block(block, lang, out);
    }
}

fn render_block(block: &Block, lang: Lang, out: &mut String) {
    match block {
        Block::Paragraph { content } => {
            out.push_str("<p dir=\"auto\">");
            render_inlines(content, out);
            out.push_str("</p>\n");
        }
        Block::Heading { level, content } => {
            // The title is the page's only h1; a stray body `#` heading is shown as h2.
            let level = (*level).clamp(2, 6);
            let _ = write!(out, "<h{level} dir=\"auto\">");
            render_inlines(content, out);
            let _ = writeln!(out, "</h{level}>");
        }
        Block::List { start, items } => {
            match start {
                Some(1) => out.push_str("<ol>\n"),
                Some(n) => {
                    let _ = writeln!(out, "<ol start=\"{n}\">");
                }
                None => out.push_str("<ul>\n"),
            }
            for item in items {
                out.push_str("<li dir=\"auto\">");
                match item.as_slice() {
                    // A one-paragraph item reads best without a <p> inside it.
                    [Block::Paragraph { content }] => render_inlines(content, out),
                    blocks => render_blocks(blocks, lang, out),
                }
                out.push_str("</li>\n");
            }
            out.push_str(if start.is_some() { "</ol>\n" } else { "</ul>\n" });
        }
        Block::Quote { blocks } => {
            out.push_str("<blockquote dir=\"auto\">\n");
            render_blocks(blocks, lang, out);
            out.push_str("</blockquote>\n");
        }
        Block::PullQuote { content, attribution } => {
            out.push_str("<figure class=\"pullquote\"><blockquote><p dir=\"auto\">");
            render_inlines(content, out);
            out.push_str("</p></blockquote>");
            if let Some(who) = attribution {
                let _ = write!(out, "<figcaption>— {}</figcaption>", escape(who));
            }
            out.push_str("</figure>\n");
        }
        Block::Related { links } => {
            let label = lang.pick("اقرأ أيضاً", "Read also");
            let _ = write!(
                out,
                "<aside class=\"related-inline\" aria-label=\"{label}\"><p class=\"label\">{label}</p><ul>"
            );
            for link in links {
                out.push_str("<li>");
                link_or_text(&link.url, &link.title, out);
                out.push_str("</li>");
            }
            out.push_str("</ul></aside>\n");
        }
        Block::Image { alt, src, caption, credit } => {
            out.push_str("<figure>");
            image_tag(src, alt, out);
            figcaption(caption, credit, out);
            out.push_str("</figure>\n");
        }
        Block::Code { text, .. } => {
            let _ = writeln!(out, "<pre dir=\"ltr\"><code>{}</code></pre>", escape(text));
        }
        Block::Rule => out.push_str("<hr>\n"),
    }
}

fn render_related_stories(stories: &[RelatedStory], lang: Lang, presentation: &Presentation, out: &mut String) {
    if stories.is_empty() {
        return;
    }
    let label = lang.pick("أخبار مشابهة", "Related stories");
    let _ = write!(out, "<nav class=\"related-stories\" aria-label=\"{label}\">\n<h2>{label}</h2>\n<ul>\n");
    for story in stories {
        out.push_str("<li>");
        link_or_text(&story.url, &story.title, out);
        if let Some(date) = story.date {
            let _ = write!(out, " <time datetime=\"{date}\">{}</time>", escape(&presentation.date(date, lang)));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</nav>\n");
}

fn render_inlines(inlines: &[Inline], out: &mut String) {
    render_inlines_with(inlines, &|src| Some(src.to_string()), out);
}

/// Inline content as safe HTML, each image's `src` given by `picture` (none: the alt text alone),
/// for renderers whose pictures live elsewhere (a CMS's media library).
pub(crate) fn render_inlines_with(inlines: &[Inline], picture: &dyn Fn(&str) -> Option<String>, out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => escape_into(text, out),
            Inline::Emphasis { content } => {
                out.push_str("<em>");
                render_inlines_with(content, picture, out);
                out.push_str("</em>");
            }
            Inline::Strong { content } => {
                out.push_str("<strong>");
                render_inlines_with(content, picture, out);
                out.push_str("</strong>");
            }
            Inline::Link { url, title, content } => {
                if is_allowed_url(url) {
                    out.push_str("<a href=\"");
                    escape_into(url, out);
                    if !title.is_empty() {
                        out.push_str("\" title=\"");
                        escape_into(title, out);
                    }
                    out.push_str("\">");
                    render_inlines_with(content, picture, out);
                    out.push_str("</a>");
                } else {
                    // Refused URLs keep their words but lose the link.
                    render_inlines_with(content, picture, out);
                }
            }
            Inline::Image { alt, src, .. } => match picture(src) {
                Some(src) => image_tag(&src, alt, out),
                None => escape_into(alt, out),
            },
            Inline::Code { code } => {
                out.push_str("<code>");
                escape_into(code, out);
                out.push_str("</code>");
            }
            Inline::LineBreak => out.push_str("<br>"),
        }
    }
}

/// A picture's caption and credit, if it has either.
fn figcaption(caption: &str, credit: &str, out: &mut String) {
    if caption.is_empty() && credit.is_empty() {
        return;
    }
    out.push_str("<figcaption>");
    escape_into(caption, out);
    if !credit.is_empty() {
        if !caption.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "<span class=\"credit\">{}</span>", escape(credit));
    }
    out.push_str("</figcaption>");
}

pub(crate) fn link_or_text(url: &str, text: &str, out: &mut String) {
    if is_allowed_url(url) {
        let _ = write!(out, "<a href=\"{}\">{}</a>", escape(url), escape(text));
    } else {
        escape_into(text, out);
    }
}

pub(crate) fn image_tag(src: &str, alt: &str, out: &mut String) {
    if is_allowed_url(src) {
        let _ = write!(out, "<img src=\"{}\" alt=\"{}\">", escape(src), escape(alt));
    } else {
        let _ = write!(out, "<span class=\"image-refused\">{}</span>", escape(alt));
    }
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

pub(crate) fn escape_into(text: &str, out: &mut String) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}
