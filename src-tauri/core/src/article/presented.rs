//! The article as the publication shows it: the digits of every visible text in the publication's
//! style. Code, addresses (links, pictures, related stories), ids, tags and the language stay as
//! they are; the stored article is never changed — outputs render from this copy.

use super::model::{Article, Block, Inline};
use crate::presentation::{DigitStyle, Presentation};

/// A copy of `article` with its visible text in `presentation`'s digits.
pub fn presented(article: &Article, presentation: &Presentation) -> Article {
    let mut out = article.clone();
    if presentation.digits == DigitStyle::AsTyped {
        return out;
    }
    let shape = |text: &mut String| *text = presentation.text(text);
    let shape_some = |text: &mut Option<String>| {
        if let Some(text) = text {
            *text = presentation.text(text);
        }
    };
    let meta = &mut out.meta;
    shape(&mut meta.title);
    shape_some(&mut meta.kicker);
    shape_some(&mut meta.standfirst);
    shape_some(&mut meta.byline);
    shape_some(&mut meta.dateline);
    if let Some(hero) = &mut meta.hero {
        shape_some(&mut hero.alt);
        shape_some(&mut hero.caption);
        shape_some(&mut hero.credit);
    }
    for story in &mut meta.related {
        shape(&mut story.title);
    }
    for block in &mut out.body {
        shape_block(block, presentation);
    }
    out
}

fn shape_block(block: &mut Block, p: &Presentation) {
    match block {
        Block::Paragraph { content } | Block::Heading { content, .. } => shape_inlines(content, p),
        Block::List { items, .. } => items.iter_mut().flatten().for_each(|b| shape_block(b, p)),
        Block::Quote { blocks } => blocks.iter_mut().for_each(|b| shape_block(b, p)),
        Block::PullQuote { content, attribution } => {
            shape_inlines(content, p);
            if let Some(a) = attribution {
                *a = p.text(a);
            }
        }
        Block::Related { links } => links.iter_mut().for_each(|l| l.title = p.text(&l.title)),
        Block::Image { alt, caption, credit, .. } => {
            *alt = p.text(alt);
            *caption = p.text(caption);
            *credit = p.text(credit);
        }
        Block::Code { .. } | Block::Rule => {}
    }
}

fn shape_inlines(inlines: &mut [Inline], p: &Presentation) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => *text = p.text(text),
            Inline::Emphasis { content } | Inline::Strong { content } => shape_inlines(content, p),
            Inline::Link { content, title, .. } => {
                *title = p.text(title);
                shape_inlines(content, p)
            }
            Inline::Image { alt, .. } => *alt = p.text(alt),
            Inline::Code { .. } | Inline::LineBreak => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;

    const STORY: &str = "---\ntitle: مقتل 3 في هجوم\ndate: 2025-04-20\nrelated:\n  - title: تقرير 2024\n    url: https://site.iq/2024/05/12\n---\n\nقال إن 12 شخصاً أصيبوا في الهجوم الذي نفّذته طائرة F-16 ([المصدر 2](https://site.iq/a/2025)).\n\n```\nlet x = 42;\n```\n";

    #[test]
    fn visible_text_takes_the_digits_and_addresses_and_code_keep_theirs() {
        let article = parse(STORY).unwrap();
        let p = Presentation { digits: DigitStyle::ArabicIndic, hijri: false, zone: None };
        let shown = presented(&article, &p);
        assert_eq!(shown.meta.title, "مقتل ٣ في هجوم");
        assert_eq!(shown.meta.related[0].title, "تقرير ٢٠٢٤");
        assert_eq!(shown.meta.related[0].url, "https://site.iq/2024/05/12");
        let printed = crate::article::print(&shown);
        assert!(printed.contains("قال إن ١٢ شخصاً"), "{printed}");
        assert!(printed.contains("F-16"), "{printed}");
        assert!(printed.contains("[المصدر ٢](https://site.iq/a/2025)"), "{printed}");
        assert!(printed.contains("let x = 42;"), "{printed}");
        assert_eq!(presented(&article, &Presentation::default()), article);
    }
}
