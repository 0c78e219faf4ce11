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

/// Counts words the way a reader does: what stands between spaces and holds a letter or a digit.
/// Marks, tatweel and a zero-width non-joiner stay inside their word; so do a number's
/// separators (2,000 · 3.5 · 2025/4/20), an apostrophe or hyphen (Pentagon's · F-16) and a
/// conjunction before quotation marks (و"الدعم). A slash between two words (أيلول/سبتمبر)
/// separates them, and so does punctuation written without a space (الوزير،الذي · قال:إن),
/// except a point or comma inside a number.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().map(words_in_token).sum()
}

fn words_in_token(token: &str) -> usize {
    let chars: Vec<char> = token.chars().collect();
    let mut words = 0;
    let mut has_word = false;
    for (i, &c) in chars.iter().enumerate() {
        let (before, after) = (i.checked_sub(1).map(|j| chars[j]), chars.get(i + 1).copied());
        let between_letters =
            c == '/' && before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic);
        let in_number = matches!(c, '.' | ',' | '٫' | '٬')
            && before.is_some_and(char::is_numeric)
            && after.is_some_and(char::is_numeric);
        let separates =
            matches!(c, '،' | '؛' | '؟' | '!' | '?' | ':' | ';' | '…' | '—' | '–' | '.' | ',') && !in_number;
        if between_letters || separates {
            words += usize::from(has_word);
            has_word = false;
        } else if c.is_alphanumeric() {
            has_word = true;
        }
    }
    words + usize::from(has_word)
}

/// Harakat and other Arabic combining marks, which sit inside words.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

#[cfg(test)]
mod word_count_tests {
    use super::word_count;

    #[test]
    fn words_are_counted_as_a_reader_counts_them() {
        assert_eq!(word_count("تَمَرْكُزُ القُوَّاتِ"), 2, "harakat stay inside");
        assert_eq!(word_count("قال الوزيــــر"), 2, "tatweel stays inside");
        assert_eq!(word_count("می\u{200C}خواهم بروم"), 2, "a ZWNJ joins");
        assert_eq!(word_count("نحو 2,000 جندي و3.5 مليار"), 5);
        assert_eq!(word_count("طائرات F-16 (Pentagon's) و\"الدعم\""), 4);
        assert_eq!(word_count("في أيلول/سبتمبر 2025/4/20"), 4);
        assert_eq!(word_count("أولًا — ثانيًا ، ثالثًا"), 3);
        assert_eq!(word_count("قال الوزير،الذي وصل:إن الحل…قريب"), 7);
    }
}
