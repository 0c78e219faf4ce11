//! The pictures an article shows: the lead image and every image in the body (standing alone or
//! inside a paragraph), each once however often it appears, and the rewriting of their `src`s
//! when an article moves between the library and a package.

use super::model::{Article, Block, Inline};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageRole {
    Hero,
    Body,
}

/// One distinct picture of an article, with the words that travel with it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageUse {
    pub src: String,
    pub role: ImageRole,
    /// Its name inside a package: `hero`, or `image-1`, `image-2`… in body order.
    pub name: String,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// The article's distinct pictures: the lead image first, then the body's in reading order.
pub fn image_uses(article: &Article) -> Vec<ImageUse> {
    let mut uses: Vec<ImageUse> = Vec::new();
    if let Some(hero) = article.meta.hero.as_ref().filter(|h| !h.src.is_empty()) {
        uses.push(ImageUse {
            src: hero.src.clone(),
            role: ImageRole::Hero,
            name: "hero".into(),
            alt: hero.alt.clone().unwrap_or_default(),
            caption: hero.caption.clone(),
            credit: hero.credit.clone(),
        });
    }
    let mut body_count = 0;
    visit_images(&article.body, &mut |src, alt, caption| {
        if uses.iter().any(|u| u.src == src) {
            return;
        }
        body_count += 1;
        uses.push(ImageUse {
            src: src.to_string(),
            role: ImageRole::Body,
            name: format!("image-{body_count}"),
            alt: alt.to_string(),
            caption: Some(caption.to_string()).filter(|c| !c.is_empty()),
            credit: None,
        });
    });
    uses
}

/// Gives every image `src` in the article (lead and body) the value `new_src` returns for it;
/// `None` leaves it as it is.
pub fn rewrite_srcs(article: &mut Article, new_src: &dyn Fn(&str) -> Option<String>) {
    if let Some(hero) = article.meta.hero.as_mut() {
        if let Some(src) = new_src(&hero.src) {
            hero.src = src;
        }
    }
    rewrite_blocks(&mut article.body, new_src);
}

fn visit_images(blocks: &[Block], f: &mut dyn FnMut(&str, &str, &str)) {
    for block in blocks {
        match block {
            Block::Image { alt, src, caption } => f(src, alt, caption),
            Block::Paragraph { content } | Block::Heading { content, .. } | Block::PullQuote { content, .. } => {
                visit_inline_images(content, f)
            }
            Block::List { items, .. } => items.iter().for_each(|item| visit_images(item, f)),
            Block::Quote { blocks } => visit_images(blocks, f),
            Block::Related { .. } | Block::Code { .. } | Block::Rule => {}
        }
    }
}

fn visit_inline_images(inlines: &[Inline], f: &mut dyn FnMut(&str, &str, &str)) {
    for inline in inlines {
        match inline {
            Inline::Image { alt, src, title } => f(src, alt, title),
            Inline::Emphasis { content } | Inline::Strong { content } | Inline::Link { content, .. } => {
                visit_inline_images(content, f)
            }
            Inline::Text { .. } | Inline::Code { .. } | Inline::LineBreak => {}
        }
    }
}

fn rewrite_blocks(blocks: &mut [Block], new_src: &dyn Fn(&str) -> Option<String>) {
    for block in blocks {
        match block {
            Block::Image { src, .. } => {
                if let Some(s) = new_src(src) {
                    *src = s;
                }
            }
            Block::Paragraph { content } | Block::Heading { content, .. } | Block::PullQuote { content, .. } => {
                rewrite_inlines(content, new_src)
            }
            Block::List { items, .. } => items.iter_mut().for_each(|item| rewrite_blocks(item, new_src)),
            Block::Quote { blocks } => rewrite_blocks(blocks, new_src),
            Block::Related { .. } | Block::Code { .. } | Block::Rule => {}
        }
    }
}

fn rewrite_inlines(inlines: &mut [Inline], new_src: &dyn Fn(&str) -> Option<String>) {
    for inline in inlines {
        match inline {
            Inline::Image { src, .. } => {
                if let Some(s) = new_src(src) {
                    *src = s;
                }
            }
            Inline::Emphasis { content } | Inline::Strong { content } | Inline::Link { content, .. } => {
                rewrite_inlines(content, new_src)
            }
            Inline::Text { .. } | Inline::Code { .. } | Inline::LineBreak => {}
        }
    }
}
