//! An article as a CMS post: the fields every site has (title, excerpt, content, category, tags,
//! lead picture) and the words an approval signs, made the same way at approval and at delivery.

use super::gutenberg::{body_blocks, related_list, Media};
use super::web_text::web_text_hash;
use crate::article::model::Article;

/// A post's own fields, ready for a site.
#[derive(Debug, Clone, PartialEq)]
pub struct PostFields {
    pub title: String,
    /// The standfirst, as plain text.
    pub excerpt: String,
    /// Block markup: the body, then the related stories (أخبار مشابهة) as a list of links.
    pub content: String,
    pub category: Option<String>,
    pub tags: Vec<String>,
}

pub fn post_fields(article: &Article, media: &dyn Fn(&str) -> Option<Media>) -> PostFields {
    let front = &article.meta;
    let mut content = body_blocks(article, media);
    content.push_str(&related_list(&front.related, &front.language));
    PostFields {
        title: front.title.trim().to_string(),
        excerpt: front.standfirst.as_deref().unwrap_or("").trim().to_string(),
        content,
        category: front.category.clone().filter(|c| !c.trim().is_empty()),
        tags: front.tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
    }
}

impl PostFields {
    /// The hash of the words this post shows ([`web_text_hash`]).
    pub fn web_text_hash(&self) -> String {
        web_text_hash(&self.title, &self.excerpt, &self.content)
    }
}

/// The words an approval of `article` signs: its post with every picture in place (a delivery
/// uploads them all before the post is made; which id and address the site gives them is not
/// part of the words).
pub fn approved_web_text_hash(article: &Article) -> String {
    post_fields(article, &|_| Some(Media { id: 0, url: String::new() })).web_text_hash()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;

    const ARTICLE: &str = "---\ntitle: عنوان الخبر\nstandfirst: مقدمة قصيرة\ncategory: سياسة\ntags: [لبنان, اقتصاد]\nrelated:\n  - title: خبر سابق\n    url: https://example.com/a\n---\n\nفقرة أولى.\n\n![صورة](assets/abc.jpg \"شرح\")\n";

    #[test]
    fn the_approved_words_do_not_depend_on_where_the_site_keeps_the_pictures() {
        let article = parse(ARTICLE).unwrap();
        let on_site = post_fields(&article, &|_| Some(Media { id: 42, url: "http://site/wp-content/x.jpg".into() }));
        assert_eq!(on_site.web_text_hash(), approved_web_text_hash(&article));
        assert_eq!(on_site.excerpt, "مقدمة قصيرة");
        assert_eq!(on_site.category.as_deref(), Some("سياسة"));
        assert_eq!(on_site.tags, ["لبنان", "اقتصاد"]);
        assert!(on_site.content.contains("<a href=\"https://example.com/a\">خبر سابق</a>"), "{}", on_site.content);
        let changed = parse(&ARTICLE.replace("فقرة أولى", "فقرة ثانية")).unwrap();
        assert_ne!(approved_web_text_hash(&changed), approved_web_text_hash(&article));
    }
}
