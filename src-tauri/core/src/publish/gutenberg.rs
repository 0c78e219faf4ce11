//! [`Article`] body → WordPress block markup (Gutenberg): each block is its HTML between the
//! `<!-- wp:name {attributes} -->` comments WordPress's block parser reads, so the post opens as
//! blocks — headings, paragraphs, lists, quotes, pull-quotes with their citation, pictures with
//! caption and credit, inline related stories as a list of links, code and separators. It is as
//! safe as the page renderer: every text is escaped (so no text can open or close a block
//! comment), only allowed URLs become links or sources, and attributes are numbers Qalam chose.
//!
//! Each block is written exactly as the block editor's own `save()` writes it, or the editor
//! calls it invalid when a site's editor opens the post: lists as `core/list` holding
//! `core/list-item` blocks (a nested list inside its item), a paragraph's forced direction as the
//! paragraph's `direction` attribute, a code block without attributes it does not have.
//!
//! Pictures live in the site's media library: `media` maps each picture's `src` (`assets/…`) to
//! the uploaded item; a picture not uploaded is left out, its alt text kept in a paragraph.

use std::fmt::Write;

use crate::article::html::{escape_into, link_or_text, render_inlines_with};
use crate::article::model::{Article, Block, Inline, RelatedStory};

/// A picture as the site's media library has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    pub id: u64,
    pub url: String,
}

/// The article's body as block markup. (Title, excerpt, tags, category and the lead picture are
/// the post's own fields, not part of its content.)
pub fn body_blocks(article: &Article, media: &dyn Fn(&str) -> Option<Media>) -> String {
    let mut out = String::with_capacity(article.body.len() * 200);
    let src = |s: &str| media(s).map(|m| m.url);
    for block in &article.body {
        block_markup(block, media, &src, &mut out);
    }
    out
}

/// The related stories listed after the body (أخبار مشابهة), as a heading and a list of links;
/// nothing when there are none.
pub fn related_list(related: &[RelatedStory], language: &str) -> String {
    if related.is_empty() {
        return String::new();
    }
    let heading = if language.starts_with("ar") { "أخبار مشابهة" } else { "Related" };
    let mut out = format!("<!-- wp:heading -->\n<h2>{heading}</h2>\n<!-- /wp:heading -->\n\n");
    let items: Vec<(&str, &str)> = related.iter().map(|s| (s.url.as_str(), s.title.as_str())).collect();
    related_links(&items, &mut out);
    out
}

/// Links to related stories (url, title), as a list with Qalam's class.
fn related_links(items: &[(&str, &str)], out: &mut String) {
    out.push_str("<!-- wp:list {\"className\":\"qalam-related\"} -->\n<ul class=\"qalam-related\">");
    for (i, (url, title)) in items.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str("<!-- wp:list-item -->\n<li>");
        link_or_text(url, title, out);
        out.push_str("</li>\n<!-- /wp:list-item -->");
    }
    out.push_str("</ul>\n<!-- /wp:list -->\n\n");
}

/// One item of a list, as the editor's `core/list-item` writes it: its words (paragraphs joined
/// by line breaks), then its nested lists as blocks inside it. Other blocks an item may hold in
/// the article (a quote, code) have no place in a list item there: their words join the item's.
fn list_item(
    item: &[Block],
    media: &dyn Fn(&str) -> Option<Media>,
    src: &dyn Fn(&str) -> Option<String>,
    out: &mut String,
) {
    out.push_str("<!-- wp:list-item -->\n<li>");
    let mut words = 0;
    for b in item {
        if let Block::List { .. } = b {
            continue;
        }
        let text = match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => inlines(content, src),
            other => {
                let mut plain = String::new();
                escape_into(&crate::article::inline_text::blocks_plain_text(std::slice::from_ref(other)), &mut plain);
                plain
            }
        };
        if text.is_empty() {
            continue;
        }
        if words > 0 {
            out.push_str("<br>");
        }
        out.push_str(&text);
        words += 1;
    }
    for b in item {
        if let Block::List { .. } = b {
            let mut nested = String::new();
            block_markup(b, media, src, &mut nested);
            out.push_str(nested.trim_end_matches('\n'));
        }
    }
    out.push_str("</li>\n<!-- /wp:list-item -->");
}

fn inlines(content: &[Inline], src: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    render_inlines_with(content, src, &mut out);
    out
}

/// The direction a paragraph's first character forces (the format keeps a paragraph's override
/// as a leading LRM or RLM).
fn forced_dir(content: &[Inline]) -> Option<&'static str> {
    match content.first() {
        Some(Inline::Text { text }) if text.starts_with('\u{200E}') => Some("ltr"),
        Some(Inline::Text { text }) if text.starts_with('\u{200F}') => Some("rtl"),
        _ => None,
    }
}

fn block_markup(
    block: &Block,
    media: &dyn Fn(&str) -> Option<Media>,
    src: &dyn Fn(&str) -> Option<String>,
    out: &mut String,
) {
    match block {
        Block::Paragraph { content } => {
            // The paragraph block keeps a forced direction as its `direction` attribute.
            let (attrs, dir) = match forced_dir(content) {
                Some(d) => (format!(" {{\"direction\":\"{d}\"}}"), format!(" dir=\"{d}\"")),
                None => (String::new(), String::new()),
            };
            let _ = write!(
                out,
                "<!-- wp:paragraph{attrs} -->\n<p{dir}>{}</p>\n<!-- /wp:paragraph -->\n\n",
                inlines(content, src)
            );
        }
        Block::Heading { level, content } => {
            // The post's title is its only h1.
            let level = (*level).clamp(2, 6);
            let attrs = if level == 2 { String::new() } else { format!(" {{\"level\":{level}}}") };
            let _ = write!(
                out,
                "<!-- wp:heading{attrs} -->\n<h{level}>{}</h{level}>\n<!-- /wp:heading -->\n\n",
                inlines(content, src)
            );
        }
        Block::List { start, items } => {
            let (attrs, open, close) = match start {
                None => (String::new(), "<ul>".to_string(), "</ul>"),
                Some(1) => (" {\"ordered\":true}".to_string(), "<ol>".to_string(), "</ol>"),
                Some(n) => (format!(" {{\"ordered\":true,\"start\":{n}}}"), format!("<ol start=\"{n}\">"), "</ol>"),
            };
            let _ = write!(out, "<!-- wp:list{attrs} -->\n{open}");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str("\n\n");
                }
                list_item(item, media, src, out);
            }
            let _ = write!(out, "{close}\n<!-- /wp:list -->\n\n");
        }
        Block::Quote { blocks } => {
            out.push_str("<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\">");
            for b in blocks {
                block_markup(b, media, src, out);
            }
            out.push_str("</blockquote>\n<!-- /wp:quote -->\n\n");
        }
        Block::PullQuote { content, attribution } => {
            let _ = write!(
                out,
                "<!-- wp:pullquote -->\n<figure class=\"wp-block-pullquote\"><blockquote><p>{}</p>",
                inlines(content, src)
            );
            if let Some(who) = attribution {
                out.push_str("<cite>");
                escape_into(who, out);
                out.push_str("</cite>");
            }
            out.push_str("</blockquote></figure>\n<!-- /wp:pullquote -->\n\n");
        }
        Block::Related { links } => {
            let items: Vec<(&str, &str)> = links.iter().map(|l| (l.url.as_str(), l.title.as_str())).collect();
            related_links(&items, out);
        }
        Block::Image { alt, src: picture, caption, credit } => match media(picture) {
            Some(m) => {
                let _ = write!(
                    out,
                    "<!-- wp:image {{\"id\":{},\"sizeSlug\":\"large\"}} -->\n<figure class=\"wp-block-image size-large\"><img src=\"",
                    m.id
                );
                escape_into(&m.url, out);
                out.push_str("\" alt=\"");
                escape_into(alt, out);
                let _ = write!(out, "\" class=\"wp-image-{}\"/>", m.id);
                if !caption.is_empty() || !credit.is_empty() {
                    out.push_str("<figcaption class=\"wp-element-caption\">");
                    escape_into(caption, out);
                    if !credit.is_empty() {
                        if !caption.is_empty() {
                            out.push(' ');
                        }
                        out.push_str("<span class=\"qalam-credit\">");
                        escape_into(credit, out);
                        out.push_str("</span>");
                    }
                    out.push_str("</figcaption>");
                }
                out.push_str("</figure>\n<!-- /wp:image -->\n\n");
            }
            None if !alt.is_empty() => {
                out.push_str("<!-- wp:paragraph -->\n<p>");
                escape_into(alt, out);
                out.push_str("</p>\n<!-- /wp:paragraph -->\n\n");
            }
            None => {}
        },
        Block::Code { text, .. } => {
            out.push_str("<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>");
            escape_into(text.trim_end_matches('\n'), out);
            out.push_str("</code></pre>\n<!-- /wp:code -->\n\n");
        }
        Block::Rule => {
            out.push_str("<!-- wp:separator -->\n<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>\n<!-- /wp:separator -->\n\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;

    fn no_media(_: &str) -> Option<Media> {
        None
    }

    fn blocks_of(markdown: &str) -> String {
        body_blocks(&parse(markdown).unwrap(), &no_media)
    }

    /// Every opening block comment has its closing one, in order (as WordPress's parser needs).
    fn balanced(markup: &str) -> bool {
        let mut open: Vec<String> = Vec::new();
        for part in markup.split("<!-- ").skip(1) {
            let name: String = part.split([' ', '-']).next().unwrap_or("").to_string();
            if let Some(closing) = name.strip_prefix('/') {
                if open.pop().as_deref() != Some(closing) {
                    return false;
                }
            } else if !part.trim_end().ends_with("/-->") {
                open.push(name);
            }
        }
        open.is_empty()
    }

    #[test]
    fn each_block_kind_becomes_its_wordpress_block() {
        let markup = blocks_of(
            "---\ntitle: ت\n---\n\n## عنوان فرعي\n\n### أصغر\n\nفقرة *مائلة* و**عريضة** و[رابط](https://example.com/a).\n\n- أول\n- ثان\n\n3. ثالث\n4. رابع\n\n> اقتباس\n\n> [!PULLQUOTE]\n> قول مأثور\n> — قائل\n\n> [!RELATED]\n> - [قصة أخرى](https://example.com/b)\n\n---\n",
        );
        for expected in [
            "<!-- wp:heading -->\n<h2>عنوان فرعي</h2>\n<!-- /wp:heading -->",
            "<!-- wp:heading {\"level\":3} -->\n<h3>أصغر</h3>",
            "<p>فقرة <em>مائلة</em> و<strong>عريضة</strong> و<a href=\"https://example.com/a\">رابط</a>.</p>",
            "<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>أول</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>ثان</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->",
            "<!-- wp:list {\"ordered\":true,\"start\":3} -->\n<ol start=\"3\"><!-- wp:list-item -->\n<li>ثالث</li>",
            "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>اقتباس</p>",
            "<figure class=\"wp-block-pullquote\"><blockquote><p>قول مأثور</p><cite>قائل</cite></blockquote></figure>",
            "<ul class=\"qalam-related\"><!-- wp:list-item -->\n<li><a href=\"https://example.com/b\">قصة أخرى</a></li>\n<!-- /wp:list-item --></ul>",
            "<!-- wp:separator -->",
        ] {
            assert!(markup.contains(expected), "missing {expected:?} in\n{markup}");
        }
        assert!(balanced(&markup), "{markup}");
    }

    #[test]
    fn pictures_come_from_the_media_library_with_caption_and_credit() {
        let article = parse("---\ntitle: ت\nimage_credits:\n  assets/aa.jpg: وكالة\n---\n\n![مزارع في حقله](assets/aa.jpg \"حصاد القمح\")\n\n![غائبة](assets/bb.jpg)\n").unwrap();
        let media = |src: &str| {
            (src == "assets/aa.jpg").then(|| Media { id: 42, url: "http://127.0.0.1/wp-content/uploads/aa.jpg".into() })
        };
        let markup = body_blocks(&article, &media);
        assert!(markup.contains("<!-- wp:image {\"id\":42,\"sizeSlug\":\"large\"} -->"), "{markup}");
        assert!(markup.contains(
            "<img src=\"http://127.0.0.1/wp-content/uploads/aa.jpg\" alt=\"مزارع في حقله\" class=\"wp-image-42\"/>"
        ));
        assert!(markup.contains("<figcaption class=\"wp-element-caption\">حصاد القمح <span class=\"qalam-credit\">وكالة</span></figcaption>"));
        // A picture not uploaded is never pointed at by its local path; its words stay.
        assert!(!markup.contains("assets/bb.jpg"));
        assert!(markup.contains("<p>غائبة</p>"));
        assert!(balanced(&markup));
    }

    #[test]
    fn no_text_can_open_or_close_a_block_or_run_a_script() {
        let markup = blocks_of(
            "---\ntitle: ت\n---\n\nنص <!-- /wp:paragraph --> <script>alert(1)</script> و[خبيث](javascript:alert(1))\n\n> [!PULLQUOTE]\n> قول\n> — <!-- wp:html --> x\n",
        );
        assert!(!markup.contains("<script>"));
        assert!(!markup.contains("javascript:"));
        assert_eq!(markup.matches("<!-- /wp:paragraph -->").count(), 1, "{markup}");
        assert!(!markup.contains("<!-- wp:html"));
        assert!(balanced(&markup), "{markup}");
    }

    #[test]
    fn a_nested_list_is_a_list_inside_its_item_and_code_carries_no_attribute_it_has_not() {
        let markup = blocks_of("---\ntitle: ت\n---\n\n- أول\n  - داخلي\n  - آخر\n- ثان\n\n```\nlet x = 1;\n```\n");
        assert!(
            markup
                .contains("<li>أول<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>داخلي</li>\n<!-- /wp:list-item -->"),
            "{markup}"
        );
        assert!(markup.contains("<!-- /wp:list --></li>\n<!-- /wp:list-item -->"), "{markup}");
        assert!(
            markup.contains("<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>let x = 1;</code></pre>"),
            "{markup}"
        );
        assert!(balanced(&markup), "{markup}");
    }

    #[test]
    fn a_paragraph_forced_left_to_right_says_so() {
        let markup = blocks_of("---\ntitle: ت\n---\n\n\u{200E}Quoted in English.\n\nعربي.\n");
        assert!(
            markup.contains(
                "<!-- wp:paragraph {\"direction\":\"ltr\"} -->\n<p dir=\"ltr\">\u{200E}Quoted in English.</p>"
            ),
            "{markup}"
        );
        assert!(markup.contains("<p>عربي.</p>"));
    }
}
