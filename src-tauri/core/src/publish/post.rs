//! An article as a CMS post: the fields every site has (title, excerpt, content, category, tags,
//! lead picture) and the words an approval signs, made the same way at approval and at delivery.

use super::gutenberg::{body_blocks, related_list, Media};
use super::life::PublicLife;
use super::web_text::web_text_hash;
use crate::article::html::escape;
use crate::article::model::Article;
use crate::lang::Lang;
use crate::presentation::Presentation;

/// A post's own fields, ready for a site.
#[derive(Debug, Clone, PartialEq)]
pub struct PostFields {
    pub title: String,
    /// The standfirst, as plain text.
    pub excerpt: String,
    /// Block markup: when it was updated, the body, the related stories (أخبار مشابهة) as a list
    /// of links, then its corrections.
    pub content: String,
    pub category: Option<String>,
    pub tags: Vec<String>,
}

/// The post of `article` (already presented in the publication's digits) with its public life,
/// whose dates `presentation` prints.
pub fn post_fields(
    article: &Article,
    media: &dyn Fn(&str) -> Option<Media>,
    life: &PublicLife,
    presentation: &Presentation,
) -> PostFields {
    let front = &article.meta;
    let lang = Lang::from_locale(&front.language);
    let mut content = String::new();
    if let Some(line) = life.updated_line(lang, presentation) {
        content.push_str(&format!(
            "<!-- wp:paragraph {{\"className\":\"qalam-updated\"}} -->\n<p class=\"qalam-updated\">{}</p>\n<!-- /wp:paragraph -->\n\n",
            escape(&line)
        ));
    }
    content.push_str(&body_blocks(article, media));
    content.push_str(&related_list(&front.related, &front.language));
    content.push_str(&corrections_blocks(life, lang, presentation));
    PostFields {
        title: front.title.trim().to_string(),
        excerpt: front.standfirst.as_deref().unwrap_or("").trim().to_string(),
        content,
        category: front.category.clone().filter(|c| !c.trim().is_empty()),
        tags: front.tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
    }
}

/// The corrections at the post's end, oldest first: a heading and a list, each item its date
/// (bold) and its note — written as the block editor's own heading and list blocks write them.
fn corrections_blocks(life: &PublicLife, lang: Lang, presentation: &Presentation) -> String {
    if life.corrections.is_empty() {
        return String::new();
    }
    let mut out = format!("<!-- wp:heading -->\n<h2>{}</h2>\n<!-- /wp:heading -->\n\n", life.corrections_heading(lang));
    out.push_str("<!-- wp:list {\"className\":\"qalam-corrections\"} -->\n<ul class=\"qalam-corrections\">");
    for (i, (when, note)) in life.correction_lines(lang, presentation).iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(&format!(
            "<!-- wp:list-item -->\n<li><strong>{}</strong>: {}</li>\n<!-- /wp:list-item -->",
            escape(when),
            escape(note)
        ));
    }
    out.push_str("</ul>\n<!-- /wp:list -->\n\n");
    out
}

impl PostFields {
    /// The hash of the words this post shows ([`web_text_hash`]).
    pub fn web_text_hash(&self) -> String {
        web_text_hash(&self.title, &self.excerpt, &self.content)
    }
}

/// The words an approval (or a correction) of `article` signs: its post with every picture in
/// place (a delivery uploads them all before the post is made; which id and address the site
/// gives them is not part of the words) and its public life.
pub fn approved_web_text_hash(article: &Article, life: &PublicLife, presentation: &Presentation) -> String {
    post_fields(article, &|_| Some(Media { id: 0, url: String::new() }), life, presentation).web_text_hash()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;

    const ARTICLE: &str = "---\ntitle: عنوان الخبر\nstandfirst: مقدمة قصيرة\ncategory: سياسة\ntags: [لبنان, اقتصاد]\nrelated:\n  - title: خبر سابق\n    url: https://example.com/a\n---\n\nفقرة أولى.\n\n![صورة](assets/abc.jpg \"شرح\")\n";

    #[test]
    fn the_approved_words_do_not_depend_on_where_the_site_keeps_the_pictures() {
        let article = parse(ARTICLE).unwrap();
        let (life, shown) = (PublicLife::default(), Presentation::default());
        let on_site = post_fields(
            &article,
            &|_| Some(Media { id: 42, url: "http://site/wp-content/x.jpg".into() }),
            &life,
            &shown,
        );
        assert_eq!(on_site.web_text_hash(), approved_web_text_hash(&article, &life, &shown));
        assert_eq!(on_site.excerpt, "مقدمة قصيرة");
        assert_eq!(on_site.category.as_deref(), Some("سياسة"));
        assert_eq!(on_site.tags, ["لبنان", "اقتصاد"]);
        assert!(on_site.content.contains("<a href=\"https://example.com/a\">خبر سابق</a>"), "{}", on_site.content);
        let changed = parse(&ARTICLE.replace("فقرة أولى", "فقرة ثانية")).unwrap();
        assert_ne!(approved_web_text_hash(&changed, &life, &shown), approved_web_text_hash(&article, &life, &shown));
    }

    #[test]
    fn a_correction_is_part_of_the_words_a_post_shows() {
        use crate::publish::life::PublicCorrection;
        let article = parse(ARTICLE).unwrap();
        let shown = Presentation::default();
        let corrected = PublicLife {
            first_published: Some(1_000),
            updated: Some(2_000),
            corrections: vec![PublicCorrection { time: 3_000, note: "صُحّح اسم <الوزير>".into() }],
        };
        let post = post_fields(&article, &|_| None, &corrected, &shown);
        assert!(
            post.content.starts_with("<!-- wp:paragraph {\"className\":\"qalam-updated\"} -->"),
            "{}",
            post.content
        );
        assert!(post.content.contains("<h2>تصحيح</h2>"), "{}", post.content);
        assert!(post.content.contains(": صُحّح اسم &lt;الوزير&gt;</li>"), "{}", post.content);
        let plain = approved_web_text_hash(&article, &PublicLife::default(), &shown);
        assert_ne!(approved_web_text_hash(&article, &corrected, &shown), plain);
    }
}
