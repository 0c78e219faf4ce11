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
    // One walker serves reading and rewriting; reading walks a copy.
    let mut body = article.body.clone();
    for_each_image(&mut body, &mut |src, alt, caption, credit| {
        if uses.iter().any(|u| u.src == *src) {
            return;
        }
        body_count += 1;
        uses.push(ImageUse {
            src: src.clone(),
            role: ImageRole::Body,
            name: format!("image-{body_count}"),
            alt: alt.to_string(),
            caption: Some(caption.to_string()).filter(|c| !c.is_empty()),
            credit: Some(credit.to_string()).filter(|c| !c.is_empty()),
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
    for_each_image(&mut article.body, &mut |src, _, _, _| {
        if let Some(new) = new_src(src) {
            *src = new;
        }
    });
}

/// Calls `f(src, credit)` for every image standing alone in the blocks (a figure), in reading order.
pub fn for_each_figure(blocks: &[Block], f: &mut dyn FnMut(&str, &str)) {
    for block in blocks {
        match block {
            Block::Image { src, credit, .. } => f(src, credit),
            Block::List { items, .. } => items.iter().for_each(|item| for_each_figure(item, f)),
            Block::Quote { blocks } => for_each_figure(blocks, f),
            _ => {}
        }
    }
}

/// [`for_each_figure`] with the credit to change.
pub fn for_each_figure_mut(blocks: &mut [Block], f: &mut dyn FnMut(&str, &mut String)) {
    for block in blocks {
        match block {
            Block::Image { src, credit, .. } => f(src, credit),
            Block::List { items, .. } => items.iter_mut().for_each(|item| for_each_figure_mut(item, f)),
            Block::Quote { blocks } => for_each_figure_mut(blocks, f),
            _ => {}
        }
    }
}

/// Calls `f(src, alt, caption, credit)` for every image in the blocks, standing alone or inline
/// (an inline image's title stands for its caption; it has no credit), in reading order.
fn for_each_image(blocks: &mut [Block], f: &mut dyn FnMut(&mut String, &str, &str, &str)) {
    for block in blocks {
        match block {
            Block::Image { alt, src, caption, credit } => f(src, alt, caption, credit),
            Block::Paragraph { content } | Block::Heading { content, .. } | Block::PullQuote { content, .. } => {
                for_each_inline_image(content, f)
            }
            Block::List { items, .. } => items.iter_mut().for_each(|item| for_each_image(item, f)),
            Block::Quote { blocks } => for_each_image(blocks, f),
            Block::Related { .. } | Block::Code { .. } | Block::Rule => {}
        }
    }
}

fn for_each_inline_image(inlines: &mut [Inline], f: &mut dyn FnMut(&mut String, &str, &str, &str)) {
    for inline in inlines {
        match inline {
            Inline::Image { alt, src, title } => f(src, alt, title, ""),
            Inline::Emphasis { content } | Inline::Strong { content } | Inline::Link { content, .. } => {
                for_each_inline_image(content, f)
            }
            Inline::Text { .. } | Inline::Code { .. } | Inline::LineBreak => {}
        }
    }
}
