//! Plain-text views of inline content, shared by the renderer, the search index and the checker.

use super::model::{Block, Inline};

/// The visible text of inline content: what a reader sees, without markup.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain_text(inlines, &mut out);
    out
}

fn push_plain_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::Emphasis { content } | Inline::Strong { content } | Inline::Link { content, .. } => {
                push_plain_text(content, out)
            }
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Code { code } => out.push_str(code),
            Inline::LineBreak => out.push('\n'),
        }
    }
}

/// The visible text of a sequence of blocks, one block per line: the body as search and word
/// counts see it.
pub fn blocks_plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    push_blocks_text(blocks, &mut out);
    out
}

fn push_blocks_text(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => push_plain_text(content, out),
            Block::List { items, .. } => items.iter().for_each(|item| push_blocks_text(item, out)),
            Block::Quote { blocks } => push_blocks_text(blocks, out),
            Block::PullQuote { content, attribution } => {
                push_plain_text(content, out);
                if let Some(who) = attribution {
                    out.push('\n');
                    out.push_str(who);
                }
            }
            Block::Related { links } => links.iter().for_each(|l| {
                out.push_str(&l.title);
                out.push('\n');
            }),
            Block::Image { alt, caption, .. } => {
                out.push_str(alt);
                out.push('\n');
                out.push_str(caption);
            }
            Block::Code { text, .. } => out.push_str(text),
            Block::Rule => {}
        }
        out.push('\n');
    }
}

/// Joins adjacent text runs and drops empty ones, recursively. The parser emits this canonical
/// shape, so models built by hand compare equal to parsed ones after passing through here.
pub fn merge_texts(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let inline = match inline {
            Inline::Emphasis { content } => Inline::Emphasis { content: merge_texts(content) },
            Inline::Strong { content } => Inline::Strong { content: merge_texts(content) },
            Inline::Link { url, title, content } => Inline::Link { url, title, content: merge_texts(content) },
            other => other,
        };
        match (out.last_mut(), inline) {
            (_, Inline::Text { text }) if text.is_empty() => {}
            (Some(Inline::Text { text: prev }), Inline::Text { text }) => prev.push_str(&text),
            (_, inline) => out.push(inline),
        }
    }
    out
}

/// Counts words the way a reader would: runs of letters or digits.
pub fn word_count(text: &str) -> usize {
    text.split(|c: char| !(c.is_alphanumeric() || is_arabic_mark(c))).filter(|w| !w.is_empty()).count()
}

/// Harakat and other Arabic combining marks, which sit inside words.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}
